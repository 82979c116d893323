using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api.Tests.Security;

/// <summary>An external OIDC issuer plugged in by configuration (a stub on a free port): its tokens are accepted with their tenant and mapped roles.</summary>
public sealed class OidcIssuerTests(IdentitySiloAppFactory factory) : IClassFixture<IdentitySiloAppFactory>
{
    [Fact]
    public async Task A_token_of_the_configured_issuer_acts_in_its_tenant_with_mapped_roles()
    {
        var token = factory.Oidc.Mint(IdentitySiloAppFactory.ExternalAudience, new Dictionary<string, object> { ["sub"] = "alice", ["org"] = "acme", ["groups"] = new[] { "devs", "unmapped" } });
        using var client = Bearer(token);

        var created = await client.PostAsJsonAsync("/v1/sessions", new { owner = "alice" });

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("acme", (await created.Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json))!.Tenant);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/api-keys"), HttpStatusCode.Forbidden); // developer, not admin
        Assert.True(factory.Oidc.DiscoveryFetches > 0);

        var owner = factory.Oidc.Mint(IdentitySiloAppFactory.ExternalAudience, new Dictionary<string, object> { ["sub"] = "bob", ["org"] = "acme", ["groups"] = "owners" });
        using var admin = Bearer(owner);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task Tokens_of_the_issuer_for_another_audience_or_without_a_tenant_are_refused()
    {
        var wrongAudience = factory.Oidc.Mint("someone-else", new Dictionary<string, object> { ["sub"] = "alice", ["org"] = "acme" });
        var noTenant = factory.Oidc.Mint(IdentitySiloAppFactory.ExternalAudience, new Dictionary<string, object> { ["sub"] = "alice" });
        var expired = factory.Oidc.Mint(IdentitySiloAppFactory.ExternalAudience, new Dictionary<string, object> { ["sub"] = "alice", ["org"] = "acme" }, lifetime: TimeSpan.FromMinutes(-10));

        foreach (var (token, said) in new[] { (wrongAudience, "audience"), (noTenant, "tenant"), (expired, "") })
        {
            using var client = Bearer(token);
            var response = await client.PostAsJsonAsync("/v1/sessions", new { owner = "alice" });
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains(said, problem.GetProperty("detail").GetString());
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    private HttpClient Bearer(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
