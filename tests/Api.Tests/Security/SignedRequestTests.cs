using TDeveloper.Client.Signing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TDeveloper.Api.Security.Signing;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// HMAC-signed requests: a request signed with a live key acts with the key's tenant and roles; a replayed, late,
/// early, tampered or wrongly signed request, or one signed with a revoked key, is refused with 401 and changes nothing
/// (the session it tried to pause stays active), and each refusal is audited.
/// </summary>
public sealed class SignedRequestTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task A_request_signed_by_the_signing_handler_is_served_and_its_body_still_reaches_the_endpoint()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Admin);
        var key = await SigningKeys.CreateAsync(admin);
        using var signed = factory.CreateDefaultClient(new SigningHandler(new RequestSigner(key.KeyId, key.Secret)));

        var response = await signed.PostAsJsonAsync("/v1/sessions", new { owner = "signed-owner", title = "signed" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = (await response.Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json))!;
        Assert.Equal("signed-owner", session.Owner); // the handler buffered the body it hashed, and the endpoint read it
        var paused = await signed.PostAsync($"/v1/sessions/{session.Id}/pause?reason=a%20b", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(SessionStatus.Paused, (await SessionAsync(admin, session.Id)).Status);
    }

    [Fact]
    public async Task A_signed_request_carries_the_keys_tenant_roles_and_credential_so_admin_routes_follow_the_keys_roles()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Admin);
        var developerKey = await SigningKeys.CreateAsync(admin, "developer key", BuiltInRoles.Developer);
        var adminKey = await SigningKeys.CreateAsync(admin, "admin key", BuiltInRoles.Admin);

        using var asDeveloper = factory.CreateDefaultClient(new SigningHandler(new RequestSigner(developerKey.KeyId, developerKey.Secret)));
        await ProblemAssert.IsProblemAsync(await asDeveloper.GetAsync("/v1/signing-keys"), HttpStatusCode.Forbidden);

        using var asAdmin = factory.CreateDefaultClient(new SigningHandler(new RequestSigner(adminKey.KeyId, adminKey.Secret)));
        var listed = await asAdmin.GetFromJsonAsync<JsonElement[]>("/v1/signing-keys", ApiClient.Json);
        Assert.Contains(listed!, k => k.GetProperty("keyId").GetString() == developerKey.KeyId);
        Assert.All(listed!, k => Assert.False(k.TryGetProperty("secret", out _)));

        var used = await AuditAsync(admin, AuditEventKinds.KeyUsed, adminKey.KeyId);
        var entry = Assert.Single(used);
        Assert.Equal("default", entry.GetProperty("event").GetProperty("tenant").GetString());
        Assert.Equal("1", entry.GetProperty("event").GetProperty("details").GetProperty("uses").GetString());
    }

    [Fact]
    public async Task A_replayed_request_is_refused_and_does_not_act_again()
    {
        var (admin, signer, key) = await SetUpAsync();
        var session = await new ApiClient(admin).CreateSessionAsync();
        using var signed = factory.CreateClient();
        var pause = SigningKeys.Request(signer, Post, $"/v1/sessions/{session.Id}/pause");
        var replay = await SigningKeys.CopyAsync(pause);

        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(pause)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/v1/sessions/{session.Id}/resume", null)).StatusCode);

        var problem = await ProblemAssert.IsProblemAsync(await signed.SendAsync(replay), HttpStatusCode.Unauthorized);
        Assert.Contains("nonce", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SessionStatus.Active, (await SessionAsync(admin, session.Id)).Status);
        Assert.Contains(await AuditAsync(admin, AuditEventKinds.SignatureRejected, key.KeyId), e => e.GetProperty("event").GetProperty("details").GetProperty("reason").GetString() == "nonce-reused");
    }

    public static TheoryData<string> Tamperings => ["six minutes old", "six minutes ahead", "body", "path", "method", "wrong secret", "unknown key", "garbled signature", "no nonce"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_late_early_tampered_or_wrongly_signed_request_is_refused_with_401_and_changes_nothing(string tampering)
    {
        var (admin, signer, key) = await SetUpAsync();
        var api = new ApiClient(admin);
        var session = await api.CreateSessionAsync();
        var other = await api.CreateSessionAsync();
        var path = $"/v1/sessions/{session.Id}/pause";
        var request = tampering switch
        {
            "six minutes old" => SigningKeys.Request(signer, Post, path, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "six minutes ahead" => SigningKeys.Request(signer, Post, path, signedAt: DateTimeOffset.UtcNow.AddMinutes(6)),
            "body" => SigningKeys.Request(signer, Post, path, body: """{"reason":"tampered"}""", signedBody: """{"reason":"signed"}"""),
            "path" => SigningKeys.Request(signer, Post, $"/v1/sessions/{other.Id}/pause", signedPath: path),
            "method" => SigningKeys.Request(signer, Post, path, signedMethod: HttpMethod.Get),
            "wrong secret" => SigningKeys.Request(new RequestSigner(key.KeyId, key.Secret + "x"), Post, path),
            "unknown key" => SigningKeys.Request(new RequestSigner(SigningKeysApi.NewKeyId(), key.Secret), Post, path),
            "garbled signature" => Garble(SigningKeys.Request(signer, Post, path)),
            "no nonce" => Without(SigningKeys.Request(signer, Post, path), SigningCanonicalForm.NonceHeader),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };

        using var signed = factory.CreateClient();
        var response = await signed.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("TDev-HMAC", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(SessionStatus.Active, (await SessionAsync(admin, session.Id)).Status);
        Assert.Equal(SessionStatus.Active, (await SessionAsync(admin, other.Id)).Status);
        if (tampering != "unknown key")
        {
            var rejected = await AuditAsync(admin, AuditEventKinds.SignatureRejected, key.KeyId);
            Assert.NotEmpty(rejected);
            Assert.All(rejected, e => Assert.Equal("failure", e.GetProperty("event").GetProperty("outcome").GetString()));
        }
    }

    [Fact]
    public async Task A_request_signed_with_a_revoked_key_is_refused_at_once()
    {
        var (admin, signer, key) = await SetUpAsync();
        var session = await new ApiClient(admin).CreateSessionAsync();
        using var signed = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(SigningKeys.Request(signer, HttpMethod.Get, $"/v1/sessions/{session.Id}"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/signing-keys/{key.KeyId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await signed.SendAsync(SigningKeys.Request(signer, Post, $"/v1/sessions/{session.Id}/pause")), HttpStatusCode.Unauthorized);
        Assert.Equal(SessionStatus.Active, (await SessionAsync(admin, session.Id)).Status);
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/v1/signing-keys", ApiClient.Json);
        Assert.NotEqual(JsonValueKind.Null, listed!.Single(k => k.GetProperty("keyId").GetString() == key.KeyId).GetProperty("revokedAt").ValueKind);
        Assert.Single(await AuditAsync(admin, AuditEventKinds.KeyRevoked, key.KeyId));
        Assert.Contains(await AuditAsync(admin, AuditEventKinds.SignatureRejected, key.KeyId), e => e.GetProperty("event").GetProperty("details").GetProperty("reason").GetString() == "key-revoked");
    }

    [Fact]
    public async Task Signing_keys_are_managed_by_admins_of_their_own_tenant_only()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Admin);
        var key = await SigningKeys.CreateAsync(admin);
        var developer = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Developer);
        var otherAdmin = await factory.CreateAuthenticatedClientAsync("other-tenant", BuiltInRoles.Admin);

        await ProblemAssert.IsProblemAsync(await factory.CreateClient().PostAsJsonAsync("/v1/signing-keys", new { name = "x", roles = new[] { "admin" } }), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await developer.PostAsJsonAsync("/v1/signing-keys", new { name = "x", roles = new[] { "admin" } }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await developer.DeleteAsync($"/v1/signing-keys/{key.KeyId}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await otherAdmin.DeleteAsync($"/v1/signing-keys/{key.KeyId}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await otherAdmin.GetFromJsonAsync<JsonElement[]>("/v1/signing-keys", ApiClient.Json) ?? [], k => k.GetProperty("keyId").GetString() == key.KeyId);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/v1/signing-keys", new { name = "x", roles = new[] { "admin" }, validForDays = 366 }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/v1/signing-keys", new { name = "x", roles = new[] { "no/slashes" } }), HttpStatusCode.BadRequest);

        using var signed = factory.CreateDefaultClient(new SigningHandler(new RequestSigner(key.KeyId, key.Secret)));
        Assert.Equal(HttpStatusCode.NotFound, (await signed.GetAsync("/v1/sessions/s-none")).StatusCode); // the key still works
    }

    private async Task<(HttpClient Admin, RequestSigner Signer, CreatedSigningKey Key)> SetUpAsync()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Admin);
        var key = await SigningKeys.CreateAsync(admin);
        return (admin, new RequestSigner(key.KeyId, key.Secret), key);
    }

    private static async Task<SessionSnapshot> SessionAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{id}", ApiClient.Json))!;

    private static async Task<JsonElement[]> AuditAsync(HttpClient admin, string kind, string keyId)
    {
        var slice = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?kind={kind}&limit=500", ApiClient.Json);
        return [.. slice.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("event").GetProperty("details").TryGetProperty("keyId", out var id) && id.GetString() == keyId)];
    }

    private static HttpRequestMessage Garble(HttpRequestMessage request)
    {
        request.Headers.Remove(SigningCanonicalForm.SignatureHeader);
        request.Headers.Add(SigningCanonicalForm.SignatureHeader, "not base64!");
        return request;
    }

    private static HttpRequestMessage Without(HttpRequestMessage request, string header)
    {
        request.Headers.Remove(header);
        return request;
    }
}
