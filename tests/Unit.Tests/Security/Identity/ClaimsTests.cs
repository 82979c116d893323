using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Unit.Tests.Security.Identity;

public sealed class ClaimsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_access_token_payload_carries_our_claims_one_role_each()
    {
        var subject = new AccessTokenSubject("acme", "apikey:k1", ["admin", "auditor"], "ls1", "k1", "10.0.0.1");

        var json = JsonDocument.Parse(AccessTokenPayload.Write(subject, "tdeveloper", "tdeveloper-api", "jti1", T0, T0.AddHours(1))).RootElement;

        Assert.Equal("acme", json.GetProperty(TDeveloperClaims.Tenant).GetString());
        Assert.Equal(["admin", "auditor"], json.GetProperty(TDeveloperClaims.Role).EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ls1", json.GetProperty(TDeveloperClaims.LoginSession).GetString());
        Assert.Equal("k1", json.GetProperty(TDeveloperClaims.CredentialId).GetString());
        Assert.Equal("jwt", json.GetProperty(TDeveloperClaims.CredentialKind).GetString());
        Assert.Equal("10.0.0.1", json.GetProperty(TDeveloperClaims.BoundIp).GetString());
        Assert.Equal(T0.ToUnixTimeSeconds(), json.GetProperty("nbf").GetInt64());
        Assert.Equal(T0.AddHours(1).ToUnixTimeSeconds(), json.GetProperty("exp").GetInt64());
        Assert.False(JsonDocument.Parse(AccessTokenPayload.Write(subject with { BoundIp = null }, "i", "a", "j", T0, T0)).RootElement.TryGetProperty(TDeveloperClaims.BoundIp, out _));
    }

    [Fact]
    public void An_external_token_maps_its_tenant_claim_and_only_mapped_roles()
    {
        var issuer = new OidcIssuerOptions { Name = "corp", TenantClaim = "org", RolesClaim = "groups", RoleMap = new() { ["devs"] = "developer" } };
        var external = Principal(("sub", "alice"), ("org", "acme"), ("groups", "devs"), ("groups", "admins"), ("jti", "j1"));

        var (principal, refusal) = ExternalClaims.Map(external, issuer, "Oidc:corp");

        Assert.Null(refusal);
        Assert.Equal("acme", principal!.FindFirst(TDeveloperClaims.Tenant)!.Value);
        Assert.Equal(["developer"], principal.FindAll(TDeveloperClaims.Role).Select(c => c.Value));
        Assert.Equal("corp:alice", principal.FindFirst(TDeveloperClaims.Subject)!.Value);
        Assert.Equal("oidc", principal.FindFirst(TDeveloperClaims.CredentialKind)!.Value);
        Assert.Equal("j1", principal.FindFirst("jti")!.Value);
    }

    [Fact]
    public void A_fixed_tenant_wins_roles_come_as_lists_and_a_missing_or_invalid_tenant_is_refused()
    {
        var fixedTenant = new OidcIssuerOptions { Name = "corp", Tenant = "beta", RolesClaim = "roles" };
        var (principal, _) = ExternalClaims.Map(Principal(("sub", "bob"), ("tdev_tenant", "acme"), ("roles", "[\"developer\",\"viewer\"]")), fixedTenant, "s");
        Assert.Equal("beta", principal!.FindFirst(TDeveloperClaims.Tenant)!.Value);
        Assert.Equal(["developer", "viewer"], principal.FindAll(TDeveloperClaims.Role).Select(c => c.Value));
        Assert.Equal(["a", "b"], ExternalClaims.RolesOf(Principal(("r", "a b")), "r"));

        var byClaim = new OidcIssuerOptions { Name = "corp", TenantClaim = "org" };
        Assert.NotNull(ExternalClaims.Map(Principal(("sub", "bob")), byClaim, "s").Refusal);
        Assert.NotNull(ExternalClaims.Map(Principal(("sub", "bob"), ("org", "a/b")), byClaim, "s").Refusal);
        Assert.NotNull(ExternalClaims.Map(Principal(("org", "acme")), byClaim, "s").Refusal);
    }

    [Fact]
    public void A_token_is_refused_when_its_jti_session_or_key_is_revoked_or_it_comes_from_another_ip()
    {
        var time = new FakeTimeProvider(T0);
        var revocations = new RevocationCache(null!, Options.Create(new RevocationCacheOptions()), time);
        var user = Principal(("tdev_tenant", "acme"), ("jti", "j1"), ("sid", "ls1"), ("tdev_cred", "k1"), ("tdev_ip", "10.0.0.1"));

        Assert.Null(BearerTokenChecks.Refusal(user, revocations, "10.0.0.1"));
        Assert.Null(BearerTokenChecks.Refusal(user, revocations, "::ffff:10.0.0.1"));
        Assert.Contains("IP", BearerTokenChecks.Refusal(user, revocations, "10.0.0.2"));
        Assert.Contains("IP", BearerTokenChecks.Refusal(user, revocations, null));
        Assert.Contains("tenant", BearerTokenChecks.Refusal(Principal(("jti", "j1")), revocations, null));

        foreach (var (kind, id, said) in new[] { (RevocationKind.Credential, "k1", "API key"), (RevocationKind.LoginSession, "ls1", "login session"), (RevocationKind.Token, "j1", "revoked") })
        {
            revocations.Add(new RevocationEntry { Kind = kind, Id = id, Tenant = "acme", RevokedAt = T0, KeepUntil = T0.AddHours(24) });
            Assert.Contains(said, BearerTokenChecks.Refusal(user, revocations, "10.0.0.1"));
        }

        time.Advance(TimeSpan.FromHours(24));
        Assert.Null(BearerTokenChecks.Refusal(user, revocations, "10.0.0.1"));
    }

    [Fact]
    public void Built_in_roles_include_the_ones_below_them_and_custom_roles_only_themselves()
    {
        Assert.Equal(new HashSet<string> { "admin", "developer", "viewer" }, IdentityPrincipals.Effective(["admin"]).ToHashSet());
        Assert.Equal(new HashSet<string> { "developer", "viewer" }, IdentityPrincipals.Effective(["developer"]).ToHashSet());
        Assert.Equal(new HashSet<string> { "auditor" }, IdentityPrincipals.Effective(["auditor"]).ToHashSet());
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test", TDeveloperClaims.Subject, TDeveloperClaims.Role));
}
