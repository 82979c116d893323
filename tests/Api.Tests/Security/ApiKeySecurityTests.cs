using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Security;

/// <summary>API keys: created by admins within their own roles and a year, shown once, listed without secrets, revoked at once; expired, revoked and unknown keys are 401 problems.</summary>
public sealed class ApiKeySecurityTests(IdentitySiloAppFactory factory) : IClassFixture<IdentitySiloAppFactory>, IAsyncLifetime
{
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await factory.CreateAuthenticatedClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_is_shown_once_works_in_either_header_and_is_listed_without_its_secret()
    {
        var response = await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "ci", roles = new[] { "developer" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        Assert.Equal($"/v1/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches($"^tdk_{id}_[A-Za-z0-9_-]{{43}}$", key);
        Assert.InRange(created.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(364), DateTimeOffset.UtcNow.AddDays(366));

        var usage = await WithKey(key).GetAsync("/v1/usage");
        Assert.True(usage.IsSuccessStatusCode, await usage.Content.ReadAsStringAsync());
        using var authorization = factory.CreateClient();
        authorization.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        Assert.Equal(HttpStatusCode.OK, (await authorization.GetAsync("/v1/usage")).StatusCode);

        var listed = await _admin.GetStringAsync("/v1/api-keys");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(TestCredentials.SecretOf(key), listed);
        Assert.DoesNotContain("\"key\"", listed);
        Assert.Contains(factory.Logs.Lines, line => line.Contains(AuditEventKinds.KeyCreated, StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Lines, line => line.Contains(AuditEventKinds.KeyUsed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_key_and_the_tokens_issued_for_it_are_refused_at_once_and_change_nothing()
    {
        var created = await (await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "to-revoke" })).Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
        using var tokenClient = factory.CreateClient();
        using var exchange = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }) };
        exchange.Headers.Add("X-Api-Key", key);
        var tokens = await (await tokenClient.SendAsync(exchange)).Content.ReadFromJsonAsync<JsonElement>();
        using var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/v1/usage")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/v1/api-keys/{id}")).StatusCode);

        var refused = await WithKey(key).PostAsJsonAsync("/v1/api-keys", new { name = "backdoor" });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
        Assert.StartsWith("ApiKey", refused.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.IsProblemAsync(await bearer.PostAsJsonAsync("/v1/api-keys", new { name = "backdoor" }), HttpStatusCode.Unauthorized);
        var refresh = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        await ProblemAssert.IsProblemAsync(await tokenClient.PostAsync("/v1/auth/token", refresh), HttpStatusCode.Unauthorized);

        var keys = await _admin.GetFromJsonAsync<JsonElement>("/v1/api-keys");
        Assert.DoesNotContain(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == "backdoor");
        Assert.NotNull(keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id).GetProperty("revokedAt").GetString());
        Assert.Contains(factory.Logs.Lines, line => line.Contains(AuditEventKinds.KeyRevoked, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IdentitySiloAppFactory.ExpiredKey, "expired")]
    [InlineData("tdk_0123456789abcdef_NoSuchKeyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "not valid")]
    [InlineData("tdk_7e57ad0001_WrongSecretOfTheTestAdminKeyXXXXXXXXXXXXXXXXXXXXX", "not valid")]
    [InlineData("not-a-key", "not valid")]
    public async Task Expired_unknown_and_malformed_keys_are_401_problems_and_change_nothing(string key, string said)
    {
        var before = (await _admin.GetFromJsonAsync<JsonElement>("/v1/api-keys")).GetArrayLength();

        var response = await WithKey(key).PostAsJsonAsync("/v1/api-keys", new { name = "backdoor" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(said, problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await _admin.GetFromJsonAsync<JsonElement>("/v1/api-keys")).GetArrayLength());
    }

    [Fact]
    public async Task Keys_are_made_only_by_admins_within_their_roles_and_a_year()
    {
        var developer = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Developer);
        await ProblemAssert.IsProblemAsync(await developer.PostAsJsonAsync("/v1/api-keys", new { name = "x" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await developer.GetAsync("/v1/api-keys"), HttpStatusCode.Forbidden);

        var beyond = await ProblemAssert.IsProblemAsync(await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "x", roles = new[] { "auditor" } }), HttpStatusCode.Forbidden);
        Assert.Contains("auditor", beyond.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "x", expiresAt = DateTimeOffset.UtcNow.AddDays(400) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "x", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "viewer", roles = new[] { "viewer" } })).StatusCode);
    }

    [Fact]
    public async Task A_tenant_sees_and_revokes_only_its_own_keys()
    {
        var other = await factory.CreateAuthenticatedClientAsync("other-tenant");
        var created = await (await _admin.PostAsJsonAsync("/v1/api-keys", new { name = "mine" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;

        Assert.DoesNotContain(id, await other.GetStringAsync("/v1/api-keys"));
        await ProblemAssert.IsProblemAsync(await other.DeleteAsync($"/v1/api-keys/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await WithKey(created.GetProperty("key").GetString()!).GetAsync("/v1/usage")).StatusCode);
    }

    private HttpClient WithKey(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
