using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Unit.Tests.Security.Rbac;

public sealed class RbacPolicyTests
{
    /// <summary>A Wednesday, 10:30 UTC.</summary>
    private static readonly DateTimeOffset Wednesday1030 = new(2026, 3, 4, 10, 30, 0, TimeSpan.Zero);

    private static CallerIdentity Caller(string tenant = "acme", string? ip = null, ImmutableDictionary<string, string>? attributes = null, params string[] roles) =>
        new() { Tenant = tenant, Subject = "ana", Roles = [.. roles], IpAddress = ip, Attributes = attributes ?? ImmutableDictionary<string, string>.Empty };

    private static AccessDecision Decide(RbacPolicy policy, CallerIdentity caller, string action, string resource = "tenants/acme/sessions/s-1", DateTimeOffset? now = null) =>
        policy.Evaluate(new AccessRequest(caller, action, resource, now ?? Wednesday1030));

    private static RbacRule Rule(RbacEffect effect, string action, string resource = "tenants/*/sessions/*", int priority = 0, RbacConditions? conditions = null, string? id = null) =>
        new() { Id = id, Effect = effect, Actions = [action], Resources = [resource], Priority = priority, Conditions = conditions };

    private static RbacPolicy Tenant(params RoleDefinition[] roles) => RbacPolicy.Compile([], roles);

    [Theory]
    [InlineData(BuiltInRoles.Viewer, Permissions.SessionsRead, true)]
    [InlineData(BuiltInRoles.Viewer, Permissions.WorkspacesRead, true)]
    [InlineData(BuiltInRoles.Viewer, Permissions.UsageRead, true)]
    [InlineData(BuiltInRoles.Viewer, Permissions.SessionsWrite, false)]
    [InlineData(BuiltInRoles.Viewer, Permissions.SessionsCancel, false)]
    [InlineData(BuiltInRoles.Viewer, Permissions.WorkflowsApprove, false)]
    [InlineData(BuiltInRoles.Developer, Permissions.SessionsRead, true)]
    [InlineData(BuiltInRoles.Developer, Permissions.SessionsWrite, true)]
    [InlineData(BuiltInRoles.Developer, Permissions.WorkflowsApprove, true)]
    [InlineData(BuiltInRoles.Developer, Permissions.SessionsCancel, true)]
    [InlineData(BuiltInRoles.Developer, Permissions.KeysManage, false)]
    [InlineData(BuiltInRoles.Developer, Permissions.SecurityManage, false)]
    [InlineData(BuiltInRoles.Developer, Permissions.AuditRead, false)]
    [InlineData(BuiltInRoles.Admin, Permissions.SessionsRead, true)]
    [InlineData(BuiltInRoles.Admin, Permissions.KeysManage, true)]
    [InlineData(BuiltInRoles.Admin, Permissions.SecurityManage, true)]
    [InlineData(BuiltInRoles.Admin, Permissions.AuditRead, true)]
    [InlineData(BuiltInRoles.Viewer, Permissions.AgentsRead, true)]
    [InlineData(BuiltInRoles.Viewer, Permissions.AgentsManage, false)]
    [InlineData(BuiltInRoles.Developer, Permissions.AgentsManage, false)]
    [InlineData(BuiltInRoles.Admin, Permissions.AgentsManage, true)]
    public void Built_in_roles_inherit_admin_over_developer_over_viewer(string role, string action, bool allowed) =>
        Assert.Equal(allowed, Decide(RbacPolicy.BuiltIn, Caller(roles: role), action).Allowed);

    [Fact]
    public void Inheritance_is_expanded_transitively()
    {
        Assert.Equal<string>([BuiltInRoles.Admin, BuiltInRoles.Developer, BuiltInRoles.Viewer], RbacPolicy.BuiltIn.EffectiveRoles([BuiltInRoles.Admin]));
        var policy = Tenant(new RoleDefinition { Name = "lead", Inherits = [BuiltInRoles.Developer] });
        Assert.Equal<string>(["developer", "lead", "viewer"], policy.EffectiveRoles(["lead", "unknown"]));

        var read = Decide(policy, Caller(roles: "lead"), Permissions.SessionsRead);
        Assert.True(read.Allowed);
        Assert.Equal(BuiltInRoles.Viewer, read.Role);
        Assert.Equal("viewer-reads", read.Rule!.Id);
        Assert.Contains("viewer-reads", read.Reason);
    }

    [Fact]
    public void Nothing_is_allowed_by_default()
    {
        var none = Decide(RbacPolicy.BuiltIn, Caller(), Permissions.SessionsRead);
        Assert.False(none.Allowed);
        Assert.Null(none.Rule);
        Assert.Contains("no known role", none.Reason);

        var unknown = Decide(RbacPolicy.BuiltIn, Caller(roles: "root"), Permissions.SessionsRead);
        Assert.False(unknown.Allowed);

        var noRule = Decide(RbacPolicy.BuiltIn, Caller(roles: BuiltInRoles.Viewer), Permissions.KeysManage);
        Assert.False(noRule.Allowed);
        Assert.Null(noRule.Rule);
        Assert.Contains("denied by default", noRule.Reason);
    }

    [Fact]
    public void Another_tenants_resource_is_denied_before_any_rule_even_for_admin()
    {
        var decision = Decide(RbacPolicy.BuiltIn, Caller(tenant: "acme", roles: BuiltInRoles.Admin), Permissions.SessionsRead, "tenants/globex/sessions/s-1");
        Assert.False(decision.Allowed);
        Assert.Contains("tenant isolation", decision.Reason);
        Assert.False(Decide(RbacPolicy.BuiltIn, Caller(roles: BuiltInRoles.Admin), Permissions.SessionsRead, "sessions/s-1").Allowed);
    }

    [Fact]
    public void A_deny_wins_over_an_allow_at_equal_priority()
    {
        var policy = Tenant(new RoleDefinition { Name = BuiltInRoles.Developer, Rules = [Rule(RbacEffect.Deny, Permissions.SessionsCancel, id: "no-cancel")] });

        var cancel = Decide(policy, Caller(roles: BuiltInRoles.Developer), Permissions.SessionsCancel);
        Assert.False(cancel.Allowed);
        Assert.Equal("no-cancel", cancel.Rule!.Id);
        Assert.Equal(BuiltInRoles.Developer, cancel.Role);
        Assert.Contains("denies", cancel.Reason);

        // The built-in grant of the same action at priority 0 did not win, and nothing else changed.
        Assert.True(Decide(policy, Caller(roles: BuiltInRoles.Developer), Permissions.SessionsWrite).Allowed);
        // Admin inherits developer, so inherits its deny as well.
        Assert.False(Decide(policy, Caller(roles: BuiltInRoles.Admin), Permissions.SessionsCancel).Allowed);
    }

    [Fact]
    public void A_deny_wins_at_equal_priority_whatever_the_order_of_roles_and_rules()
    {
        var denyFirst = Tenant(new RoleDefinition { Name = "r", Rules = [Rule(RbacEffect.Deny, "*", "**", 5), Rule(RbacEffect.Allow, "*", "**", 5)] });
        var allowFirst = Tenant(new RoleDefinition { Name = "r", Rules = [Rule(RbacEffect.Allow, "*", "**", 5), Rule(RbacEffect.Deny, "*", "**", 5)] });
        var split = Tenant(new RoleDefinition { Name = "a", Rules = [Rule(RbacEffect.Allow, "*", "**", 5)] }, new RoleDefinition { Name = "b", Rules = [Rule(RbacEffect.Deny, "*", "**", 5)] });

        Assert.False(Decide(denyFirst, Caller(roles: "r"), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(allowFirst, Caller(roles: "r"), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(split, Caller(roles: ["a", "b"]), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(split, Caller(roles: ["b", "a"]), Permissions.SessionsRead).Allowed);
    }

    [Fact]
    public void A_higher_priority_decides_over_a_lower_one_whichever_the_effect()
    {
        var exception = Tenant(new RoleDefinition
        {
            Name = BuiltInRoles.Developer,
            Rules = [Rule(RbacEffect.Deny, "sessions:*", "tenants/*/sessions/*", priority: 10), Rule(RbacEffect.Allow, Permissions.SessionsCancel, "tenants/*/sessions/s-1", priority: 20, id: "may-cancel-s-1")],
        });

        var s1 = Decide(exception, Caller(roles: BuiltInRoles.Developer), Permissions.SessionsCancel);
        Assert.True(s1.Allowed);
        Assert.Equal("may-cancel-s-1", s1.Rule!.Id);
        Assert.False(Decide(exception, Caller(roles: BuiltInRoles.Developer), Permissions.SessionsCancel, "tenants/acme/sessions/s-2").Allowed);
        Assert.False(Decide(exception, Caller(roles: BuiltInRoles.Developer), Permissions.SessionsRead, "tenants/acme/sessions/s-2").Allowed); // priority 10 deny beats the built-in 0 allow
        Assert.True(Decide(exception, Caller(roles: BuiltInRoles.Developer), Permissions.WorkflowsRead, "tenants/acme/workflows/w-1").Allowed);
    }

    [Theory]
    [InlineData(9, 0, false)]
    [InlineData(9, 59, false)]
    [InlineData(10, 0, true)]
    [InlineData(16, 59, true)]
    [InlineData(17, 0, false)]
    public void A_time_window_opens_at_its_start_hour_and_closes_at_its_end_hour(int hour, int minute, bool open)
    {
        var policy = Tenant(new RoleDefinition { Name = "office", Rules = [Rule(RbacEffect.Allow, "*", "**", conditions: new() { TimeWindow = new() { StartHour = 10, EndHour = 17 } })] });
        Assert.Equal(open, Decide(policy, Caller(roles: "office"), Permissions.SessionsRead, now: new DateTimeOffset(2026, 3, 4, hour, minute, 0, TimeSpan.Zero)).Allowed);
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    [InlineData(23, true)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_time_window_may_span_midnight(int hour, bool open)
    {
        var policy = Tenant(new RoleDefinition { Name = "night", Rules = [Rule(RbacEffect.Allow, "*", "**", conditions: new() { TimeWindow = new() { StartHour = 22, EndHour = 6 } })] });
        Assert.Equal(open, Decide(policy, Caller(roles: "night"), Permissions.SessionsRead, now: new DateTimeOffset(2026, 3, 4, hour, 0, 0, TimeSpan.Zero)).Allowed);
    }

    [Fact]
    public void A_time_window_is_tested_in_UTC_on_its_days()
    {
        var policy = Tenant(new RoleDefinition { Name = "weekdays", Rules = [Rule(RbacEffect.Allow, "*", "**", conditions: new() { TimeWindow = new() { Days = [DayOfWeek.Monday, DayOfWeek.Wednesday] } })] });
        var caller = Caller(roles: "weekdays");
        Assert.True(Decide(policy, caller, Permissions.SessionsRead, now: Wednesday1030).Allowed);
        Assert.False(Decide(policy, caller, Permissions.SessionsRead, now: Wednesday1030.AddDays(1)).Allowed);
        // Wednesday 01:00 at +02:00 is Tuesday 23:00 UTC.
        Assert.False(Decide(policy, caller, Permissions.SessionsRead, now: new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.FromHours(2))).Allowed);
        Assert.True(Decide(policy, caller, Permissions.SessionsRead, now: new DateTimeOffset(2026, 3, 4, 23, 59, 59, TimeSpan.Zero)).Allowed);
    }

    [Fact]
    public void A_deny_outside_office_hours_overrides_the_built_in_grants_only_then()
    {
        var policy = Tenant(new RoleDefinition { Name = BuiltInRoles.Developer, Rules = [Rule(RbacEffect.Deny, "*:write", "**", conditions: new() { TimeWindow = new() { StartHour = 18, EndHour = 8 } })] });
        var caller = Caller(roles: BuiltInRoles.Developer);
        Assert.True(Decide(policy, caller, Permissions.SessionsWrite, now: Wednesday1030).Allowed);
        Assert.False(Decide(policy, caller, Permissions.SessionsWrite, now: Wednesday1030.AddHours(9)).Allowed);
        Assert.True(Decide(policy, caller, Permissions.SessionsRead, now: Wednesday1030.AddHours(9)).Allowed);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("10.0.0.0", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("9.255.255.255", false)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.168.1.7", true)]
    [InlineData("192.168.1.8", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db9::", false)]
    [InlineData("::1", false)]
    [InlineData(null, false)]
    [InlineData("not an address", false)]
    public void An_IP_range_condition_matches_IPv4_and_IPv6_CIDRs(string? ip, bool allowed)
    {
        var policy = Tenant(new RoleDefinition { Name = "office", Rules = [Rule(RbacEffect.Allow, "*", "**", conditions: new() { IpRanges = ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32"] })] });
        Assert.Equal(allowed, Decide(policy, Caller(ip: ip, roles: "office"), Permissions.SessionsRead).Allowed);
    }

    [Fact]
    public void Attribute_conditions_test_equals_and_in_and_fail_without_the_attribute()
    {
        var policy = Tenant(new RoleDefinition
        {
            Name = "ops",
            Rules =
            [
                Rule(RbacEffect.Allow, "*", "**", conditions: new()
                {
                    Attributes =
                    [
                        new() { Attribute = "department", Operator = RbacAttributeOperator.Equals, Values = ["platform"] },
                        new() { Attribute = "tdev_cred_kind", Operator = RbacAttributeOperator.In, Values = ["jwt", "oidc"] },
                    ],
                }),
            ],
        });

        ImmutableDictionary<string, string> With(params (string Key, string Value)[] pairs) => pairs.ToImmutableDictionary(p => p.Key, p => p.Value);
        Assert.True(Decide(policy, Caller(attributes: With(("department", "platform"), ("tdev_cred_kind", "oidc")), roles: "ops"), Permissions.SessionsRead).Allowed);
        Assert.True(Decide(policy, Caller(attributes: With(("department", "platform"), ("tdev_cred_kind", "jwt")), roles: "ops"), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(policy, Caller(attributes: With(("department", "platform"), ("tdev_cred_kind", "apikey")), roles: "ops"), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(policy, Caller(attributes: With(("department", "Platform"), ("tdev_cred_kind", "jwt")), roles: "ops"), Permissions.SessionsRead).Allowed);
        Assert.False(Decide(policy, Caller(attributes: With(("tdev_cred_kind", "jwt")), roles: "ops"), Permissions.SessionsRead).Allowed);
    }

    [Fact]
    public void A_custom_role_with_its_own_rules_and_a_configured_layer_merge_by_name()
    {
        RoleDefinition configured = new() { Name = "auditor", Inherits = [BuiltInRoles.Viewer], Rules = [Rule(RbacEffect.Allow, Permissions.AuditRead, "tenants/*/audit/**")] };
        RoleDefinition tenant = new() { Name = "auditor", Rules = [Rule(RbacEffect.Deny, Permissions.WorkspacesRead, "**")] };
        var policy = RbacPolicy.Compile([configured], [tenant]);

        var auditor = Caller(roles: "auditor");
        Assert.True(Decide(policy, auditor, Permissions.AuditRead, "tenants/acme/audit/events").Allowed);
        Assert.True(Decide(policy, auditor, Permissions.SessionsRead).Allowed);
        Assert.False(Decide(policy, auditor, Permissions.WorkspacesRead, "tenants/acme/sessions/s-1/workspace").Allowed);
        Assert.Equal([RoleSource.Configuration, RoleSource.Tenant], policy.Role("auditor")!.Layers.Select(layer => layer.Source));
        Assert.Equal([RoleSource.BuiltIn], policy.Role(BuiltInRoles.Viewer)!.Layers.Select(layer => layer.Source));
    }

    [Fact]
    public void Validation_collects_every_problem_and_throws_once()
    {
        RoleDefinition[] roles =
        [
            new() { Name = "a", Inherits = ["b"] },
            new() { Name = "b", Inherits = ["c"] },
            new() { Name = "c", Inherits = ["a", "ghost"] },
            new()
            {
                Name = "net",
                Rules =
                [
                    Rule(RbacEffect.Allow, "*", "**", conditions: new() { IpRanges = ["10.0.0.300/8", "10.1.2.3/8", "2001:db8::/129"] }),
                    Rule(RbacEffect.Allow, "sessions", "tenants//x", conditions: new() { TimeWindow = new() { StartHour = 24, EndHour = 0 } }),
                    new() { Effect = RbacEffect.Allow, Conditions = new() { Attributes = [new() { Attribute = "dept", Operator = RbacAttributeOperator.Equals, Values = ["a", "b"] }] } },
                ],
            },
            new() { Name = "bad name" },
            new() { Name = "self", Inherits = ["self"] },
        ];

        var error = Assert.Throws<RbacPolicyException>(() => RbacPolicy.Compile([], roles));
        var problems = error.Problems;
        Assert.Contains(problems, p => p.Contains("inheritance cycle: a → b → c → a.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("inheritance cycle: self → self.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("inherits 'ghost', which no source defines", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'10.0.0.300/8' is not a CIDR range", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'10.1.2.3/8' is not a CIDR range", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'2001:db8::/129' is not a CIDR range", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'sessions' is not an action pattern", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'tenants//x' has an empty segment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("start hour 24 is not 0–23", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("end hour 0 is not 1–24", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("names no action", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("names no resource", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Equals needs exactly one value, not 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("role 'bad name'", StringComparison.Ordinal));
        Assert.Equal(14, problems.Length);
        Assert.Equal<string>(problems, RbacPolicy.Validate([], roles));
        Assert.Contains("14 problems", error.Message);
    }

    [Fact]
    public void Making_a_built_in_role_inherit_a_role_above_it_is_a_cycle()
    {
        var problems = RbacPolicy.Validate([], [new RoleDefinition { Name = BuiltInRoles.Viewer, Inherits = [BuiltInRoles.Admin] }]);
        Assert.Equal<string>(["inheritance cycle: admin → developer → viewer → admin."], problems);
    }

    [Fact]
    public void A_role_defined_twice_by_one_source_is_a_problem()
    {
        var problems = RbacPolicy.Validate([new RoleDefinition { Name = "x" }, new RoleDefinition { Name = "x" }], []);
        Assert.Equal<string>(["the configuration defines role 'x' twice."], problems);
    }
}
