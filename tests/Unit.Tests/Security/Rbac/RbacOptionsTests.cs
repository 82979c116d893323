using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Security.Rbac;
using TDeveloper.Hosting.Security;

namespace TDeveloper.Unit.Tests.Security.Rbac;

public sealed class RbacOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddTDeveloperRbac().BuildServiceProvider();
    }

    [Fact]
    public void Configured_roles_become_definitions_with_their_conditions()
    {
        using var services = Services(new()
        {
            ["TDeveloper:Security:Rbac:RefreshInterval"] = "00:00:05",
            ["TDeveloper:Security:Rbac:Roles:auditor:Inherits:0"] = "viewer",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:Id"] = "audit-from-office",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:Actions:0"] = "audit:read",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:Resources:0"] = "tenants/*/audit/**",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:IpRanges:0"] = "10.0.0.0/8",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:Days:0"] = "Monday",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:StartHour"] = "8",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:EndHour"] = "18",
            ["TDeveloper:Security:Rbac:Roles:auditor:Rules:0:Attributes:department:0"] = "security",
            ["TDeveloper:Security:Rbac:Roles:developer:Rules:0:Effect"] = "Deny",
            ["TDeveloper:Security:Rbac:Roles:developer:Rules:0:Actions:0"] = "sessions:cancel",
            ["TDeveloper:Security:Rbac:Roles:developer:Rules:0:Resources:0"] = "**",
        });
        var options = services.GetRequiredService<IOptions<RbacOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.RefreshInterval);
        var roles = options.ToDefinitions();
        Assert.Equal(["auditor", "developer"], roles.Select(r => r.Name));
        var rule = roles[0].Rules.Single();
        Assert.Equal("audit-from-office", rule.Id);
        Assert.Equal(RbacEffect.Allow, rule.Effect);
        Assert.Equal<string>(["10.0.0.0/8"], rule.Conditions!.IpRanges);
        Assert.Equal<DayOfWeek>([DayOfWeek.Monday], rule.Conditions.TimeWindow!.Days);
        Assert.Equal((8, 18), (rule.Conditions.TimeWindow.StartHour, rule.Conditions.TimeWindow.EndHour));
        Assert.Equal(RbacAttributeOperator.Equals, rule.Conditions.Attributes.Single().Operator);
        Assert.Equal(RbacEffect.Deny, roles[1].Rules.Single().Effect);

        var policy = RbacPolicy.Compile(roles, []);
        var developer = new CallerIdentity { Tenant = "acme", Subject = "ana", Roles = [BuiltInRoles.Developer] };
        Assert.False(policy.Evaluate(new AccessRequest(developer, Permissions.SessionsCancel, "tenants/acme/sessions/s-1", DateTimeOffset.UnixEpoch)).Allowed);
    }

    [Fact]
    public void Invalid_configured_roles_fail_at_start_with_every_problem()
    {
        using var services = Services(new()
        {
            ["TDeveloper:Security:Rbac:Roles:ops:Inherits:0"] = "nobody",
            ["TDeveloper:Security:Rbac:Roles:ops:Rules:0:Actions:0"] = "*",
            ["TDeveloper:Security:Rbac:Roles:ops:Rules:0:Resources:0"] = "**",
            ["TDeveloper:Security:Rbac:Roles:ops:Rules:0:IpRanges:0"] = "10.0.0.0/33",
            ["TDeveloper:Security:Rbac:Roles:a:Inherits:0"] = "b",
            ["TDeveloper:Security:Rbac:Roles:b:Inherits:0"] = "a",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RbacOptions>>().Value);
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("inherits 'nobody'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'10.0.0.0/33' is not a CIDR range", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("inheritance cycle: a → b → a.", StringComparison.Ordinal));
        Assert.All(error.Failures, f => Assert.StartsWith("TDeveloper:Security:Rbac:Roles:", f));
    }
}
