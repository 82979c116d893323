using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Unit.Tests.Security.Rbac;

public sealed class RbacPatternsTests
{
    [Theory]
    [InlineData("*", "sessions:read", true)]
    [InlineData("sessions:*", "sessions:read", true)]
    [InlineData("sessions:*", "sessions:cancel", true)]
    [InlineData("sessions:*", "workflows:read", false)]
    [InlineData("*:read", "workflows:read", true)]
    [InlineData("*:read", "workflows:write", false)]
    [InlineData("sessions:read", "sessions:read", true)]
    [InlineData("sessions:read", "Sessions:read", false)]
    [InlineData("sessions:read", "sessions:readx", false)]
    [InlineData("sessions:re*", "sessions:read", true)]
    [InlineData("*:*", "keys:manage", true)]
    [InlineData("sessions:*", "sessions", false)]
    public void Action_patterns(string pattern, string action, bool matches) => Assert.Equal(matches, RbacPatterns.MatchesAction(pattern, action));

    [Theory]
    [InlineData("tenants/*/sessions/*", "tenants/acme/sessions/s-1", true)]
    [InlineData("tenants/*/sessions/*", "tenants/acme/sessions/s-1/events", false)]
    [InlineData("tenants/*/sessions/*", "tenants/acme/sessions", false)]
    [InlineData("tenants/*/sessions/*", "tenants/acme/workflows/w-1", false)]
    [InlineData("tenants/*/sessions/**", "tenants/acme/sessions", true)]
    [InlineData("tenants/*/sessions/**", "tenants/acme/sessions/s-1/workspace/files/src/a.cs", true)]
    [InlineData("**", "tenants/acme/usage", true)]
    [InlineData("tenants/**/files/*", "tenants/acme/sessions/s-1/workspace/files/a.cs", true)]
    [InlineData("tenants/**/files/*", "tenants/acme/sessions/s-1/workspace/files/src/a.cs", false)]
    [InlineData("tenants/acme/sessions/s-*", "tenants/acme/sessions/s-1", true)]
    [InlineData("tenants/acme/sessions/s-*", "tenants/acme/sessions/x-1", false)]
    [InlineData("tenants/acme/**", "tenants/other/sessions/s-1", false)]
    [InlineData("tenants/acme", "tenants/acme/sessions", false)]
    [InlineData("tenants/*/sessions/*/**/events", "tenants/a/sessions/s/events", true)]
    public void Resource_patterns(string pattern, string resource, bool matches) => Assert.Equal(matches, RbacPatterns.MatchesResource(pattern, resource));

    [Theory]
    [InlineData("sessions:read", true)]
    [InlineData("*", true)]
    [InlineData("*:read", true)]
    [InlineData("sessions", false)]
    [InlineData("sessions:", false)]
    [InlineData("a:b:c", false)]
    [InlineData("sessions:re ad", false)]
    [InlineData("", false)]
    public void Action_pattern_validation(string pattern, bool valid) => Assert.Equal(valid, RbacPatterns.ProblemOfAction(pattern) is null);

    [Theory]
    [InlineData("tenants/*/sessions/*", true)]
    [InlineData("**", true)]
    [InlineData("tenants/*/sessions/s-*", true)]
    [InlineData("tenants//sessions", false)]
    [InlineData("/tenants", false)]
    [InlineData("tenants/", false)]
    [InlineData("tenants/a**", false)]
    [InlineData("tenants/a b", false)]
    [InlineData(" ", false)]
    public void Resource_pattern_validation(string pattern, bool valid) => Assert.Equal(valid, RbacPatterns.ProblemOfResource(pattern) is null);
}
