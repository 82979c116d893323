using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// The token cases of the security suite: each bad credential is refused with 401 (a problem with <c>WWW-Authenticate</c>)
/// and changes nothing, a request submitted with it adds nothing to a session and a key created with it does not exist.
/// </summary>
public sealed class TokenSecurityTests(IdentitySiloAppFactory factory) : IClassFixture<IdentitySiloAppFactory>, IAsyncLifetime
{
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await factory.CreateAuthenticatedClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task The_bootstrap_key_is_exchanged_for_tokens_that_carry_the_claims_and_work()
    {
        var tokens = await TokenAsync(new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }), apiKey: TestBootstrap.AdminKey);

        var jwt = new JsonWebToken(tokens.GetProperty("access_token").GetString());
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("default", jwt.GetClaim(TDeveloperClaims.Tenant).Value);
        Assert.Equal(["admin"], jwt.Claims.Where(c => c.Type == TDeveloperClaims.Role).Select(c => c.Value));
        Assert.StartsWith("ls", jwt.GetClaim(TDeveloperClaims.LoginSession).Value);
        Assert.Equal(TestBootstrap.AdminKey.Split('_')[1], jwt.GetClaim(TDeveloperClaims.CredentialId).Value);
        Assert.Equal("jwt", jwt.GetClaim(TDeveloperClaims.CredentialKind).Value);
        Assert.InRange((jwt.ValidTo - jwt.ValidFrom).TotalMinutes, 59, 61);
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.StartsWith("tdr_", tokens.GetProperty("refresh_token").GetString());

        using var client = Bearer(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/usage")).StatusCode);

        var json = await TokenAsync(JsonContent.Create(new { grant_type = "client_credentials", client_secret = TestBootstrap.AdminKey }), apiKey: null);
        Assert.StartsWith("ey", json.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task A_request_without_a_credential_is_a_401_problem_with_WWW_Authenticate_and_the_discovery_routes_stay_anonymous()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/v1/sessions", new { owner = "anon" });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());

        foreach (var path in new[] { "/health", "/alive", "/openapi/v1.json", "/.well-known/jwks.json", "/.well-known/openid-configuration" })
            Assert.True((await anonymous.GetAsync(path)).IsSuccessStatusCode, path);
        var discovery = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal("tdeveloper", discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_changes_nothing() =>
        await AssertRefusedAsync(TokenForgery.ForgeSignature(await GoodTokenAsync()), "signature");

    [Fact]
    public async Task An_alg_none_token_is_refused_and_changes_nothing() =>
        await AssertRefusedAsync(TokenForgery.AlgNone(await GoodTokenAsync()), null);

    [Fact]
    public async Task A_token_naming_an_unknown_kid_is_refused_and_changes_nothing() =>
        await AssertRefusedAsync(TokenForgery.WrongKid(await GoodTokenAsync()), "signing key");

    [Fact]
    public async Task An_expired_token_signed_by_the_real_key_is_refused_and_changes_nothing() =>
        await AssertRefusedAsync(await TokenForgery.SignWithRingAsync(Grains, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)), "expired");

    [Fact]
    public async Task A_token_not_yet_valid_is_refused_and_changes_nothing() =>
        await AssertRefusedAsync(await TokenForgery.SignWithRingAsync(Grains, DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromHours(1)), "not valid yet");

    [Theory]
    [InlineData("https://evil.example", "tdeveloper-api", "issuer")]
    [InlineData("tdeveloper", "another-api", "audience")]
    public async Task A_token_of_another_issuer_or_audience_is_refused_and_changes_nothing(string issuer, string audience, string said) =>
        await AssertRefusedAsync(await TokenForgery.SignWithRingAsync(Grains, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), issuer, audience), said);

    [Fact]
    public async Task A_token_signed_by_an_external_issuers_key_but_claiming_ours_is_refused()
    {
        var good = new JsonWebToken(await GoodTokenAsync());

        await AssertRefusedAsync(factory.Oidc.SignAs(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(good.EncodedPayload), good.Kid), "signature");
    }

    [Fact]
    public async Task After_logout_the_token_and_its_refresh_token_are_refused_and_change_nothing()
    {
        var tokens = await TokenAsync(ClientCredentials(), apiKey: TestBootstrap.AdminKey);
        var access = tokens.GetProperty("access_token").GetString()!;
        using var client = Bearer(access);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/usage")).StatusCode);

        var logout = await client.PostAsync("/v1/auth/revoke", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal("login-session", (await logout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetString());

        await AssertRefusedAsync(access, "revoked");
        var refresh = await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_one_access_token_by_its_text_refuses_it_and_not_its_sibling_session()
    {
        var victim = (await TokenAsync(ClientCredentials(), apiKey: TestBootstrap.AdminKey)).GetProperty("access_token").GetString()!;

        var revoked = await _admin.PostAsJsonAsync("/v1/auth/revoke", new { token = victim, token_type_hint = "access_token" });
        Assert.Equal("token", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetString());

        await AssertRefusedAsync(victim, "revoked");
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/v1/usage")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_rotates_once_and_its_reuse_revokes_the_whole_family()
    {
        var first = await TokenAsync(ClientCredentials(), apiKey: TestBootstrap.AdminKey);
        var firstRefresh = first.GetProperty("refresh_token").GetString()!;

        var rotated = await RefreshAsync(firstRefresh);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var secondAccess = second.GetProperty("access_token").GetString()!;
        Assert.NotEqual(firstRefresh, second.GetProperty("refresh_token").GetString());
        Assert.Equal(new JsonWebToken(first.GetProperty("access_token").GetString()).GetClaim("sid").Value, new JsonWebToken(secondAccess).GetClaim("sid").Value);
        using (var client = Bearer(secondAccess)) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/usage")).StatusCode);

        var reused = await RefreshAsync(firstRefresh);
        var problem = await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Unauthorized);
        Assert.Contains("used before", problem.GetProperty("detail").GetString());

        await ProblemAssert.IsProblemAsync(await RefreshAsync(second.GetProperty("refresh_token").GetString()!), HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(secondAccess, "login session");
        await AssertRefusedAsync(first.GetProperty("access_token").GetString()!, "login session");
        Assert.Contains(factory.Logs.Lines, line => line.Contains(AuditEventKinds.RefreshTokenReused, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ip_bound_token_is_refused_from_another_ip_and_changes_nothing()
    {
        var tokens = await TokenAsync(ClientCredentials(), apiKey: TestBootstrap.AdminKey, clientIp: "10.1.1.1");
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal("10.1.1.1", new JsonWebToken(access).GetClaim(TDeveloperClaims.BoundIp).Value);

        using var same = Bearer(access, "10.1.1.1");
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/v1/usage")).StatusCode);
        await AssertRefusedAsync(access, "another IP", clientIp: "10.1.1.2");
        await AssertRefusedAsync(access, "another IP", clientIp: null);

        // A refresh from another IP revokes the session instead of moving it.
        await ProblemAssert.IsProblemAsync(await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!, "10.9.9.9"), HttpStatusCode.Unauthorized);
        await AssertRefusedAsync(access, "login session", clientIp: "10.1.1.1");
    }

    [Fact]
    public async Task Signing_keys_rotate_with_kid_and_a_retired_key_stays_published_and_valid()
    {
        var before = await GoodTokenAsync();
        var oldKid = new JsonWebToken(before).Kid;

        var newKid = await Grains.GetGrain<ISigningKeyRingGrain>(IdentityGrainKeys.Cluster).RotateAsync();
        var after = (await TokenAsync(ClientCredentials(), apiKey: TestBootstrap.AdminKey)).GetProperty("access_token").GetString()!;

        Assert.Equal(newKid, new JsonWebToken(after).Kid);
        Assert.NotEqual(oldKid, newKid);
        using (var client = Bearer(before)) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/usage")).StatusCode);
        using (var client = Bearer(after)) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/usage")).StatusCode);
        var published = (await Grains.GetGrain<ISigningKeyRingGrain>(IdentityGrainKeys.Cluster).GetPublishedKeysAsync()).Select(k => k.KeyId);
        Assert.Superset(new HashSet<string> { oldKid, newKid }, published.ToHashSet());
        var jwks = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        Assert.Contains(oldKid, jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
    }

    [Fact]
    public async Task The_token_route_refuses_bad_requests_with_problems()
    {
        using var anonymous = factory.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync("/v1/auth/token", new FormUrlEncodedContent([])), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync("/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" })), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync("/v1/auth/token", ClientCredentials()), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await _admin.PostAsync("/v1/auth/token", new StringContent("grant_type=client_credentials", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await RefreshAsync("tdr_nope_" + new string('x', 43)), HttpStatusCode.Unauthorized);
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token") { Content = ClientCredentials() };
        bad.Headers.Add("X-Api-Key", IdentitySiloAppFactory.ExpiredKey);
        var expired = await ProblemAssert.IsProblemAsync(await anonymous.SendAsync(bad), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", expired.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_bootstrap_admin_key_file_is_written_owner_only_and_only_its_path_is_logged()
    {
        Assert.True(File.Exists(factory.AdminKeyFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(factory.AdminKeyFile));
        var key = (await File.ReadAllTextAsync(factory.AdminKeyFile)).Trim();

        var tokens = await TokenAsync(ClientCredentials(), apiKey: key);
        Assert.Equal("default", new JsonWebToken(tokens.GetProperty("access_token").GetString()).GetClaim(TDeveloperClaims.Tenant).Value);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("[Warning]", StringComparison.Ordinal) && line.Contains(factory.AdminKeyFile, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(TestCredentials.SecretOf(key), StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(TestCredentials.SecretOf(TestBootstrap.AdminKey), StringComparison.Ordinal));
    }

    private async Task<string> GoodTokenAsync() => (await factory.CreateTokenAsync()).AccessToken;

    /// <summary>
    /// Asserts <paramref name="token"/> is refused with a 401 problem naming <paramref name="said"/> (if given), and that
    /// what it tried changed nothing: no request added to a session, no API key created.
    /// </summary>
    private async Task AssertRefusedAsync(string token, string? said, string? clientIp = null)
    {
        var session = (await (await _admin.PostAsJsonAsync("/v1/sessions", new { owner = "victim" })).Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json))!;
        var keysBefore = (await _admin.GetFromJsonAsync<JsonElement>("/v1/api-keys")).GetArrayLength();
        using var attacker = Bearer(token, clientIp);

        var submit = await attacker.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "exfiltrate everything" });
        var problem = await ProblemAssert.IsProblemAsync(submit, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", submit.Headers.WwwAuthenticate.ToString());
        if (said is not null) Assert.Contains(said, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await ProblemAssert.IsProblemAsync(await attacker.PostAsJsonAsync("/v1/api-keys", new { name = "backdoor" }), HttpStatusCode.Unauthorized);

        var after = await _admin.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Empty(after!.Requests);
        Assert.Equal(keysBefore, (await _admin.GetFromJsonAsync<JsonElement>("/v1/api-keys")).GetArrayLength());
    }

    private HttpClient Bearer(string token, string? clientIp = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (clientIp is not null) client.DefaultRequestHeaders.Add(ClientIpFromHeader.Header, clientIp);
        return client;
    }

    private static FormUrlEncodedContent ClientCredentials() => new(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

    private async Task<JsonElement> TokenAsync(HttpContent content, string? apiKey, string? clientIp = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token") { Content = content };
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (clientIp is not null) request.Headers.Add(ClientIpFromHeader.Header, clientIp);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken, string? clientIp = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        };
        if (clientIp is not null) request.Headers.Add(ClientIpFromHeader.Header, clientIp);
        return await client.SendAsync(request);
    }
}
