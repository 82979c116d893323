using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// A validated, compiled RBAC policy: the built-in roles, the configured roles and a tenant's own, merged by name
/// (a later source adds inherited roles and rules to an earlier one). Pure: no Orleans, time passed in.
/// </summary>
/// <remarks>
/// <para>Evaluation: a resource of another tenant is denied before any rule (tenant isolation). Otherwise the caller's
/// roles are expanded through inheritance, and of the rules that match the action, the resource and their conditions,
/// those of the highest priority decide; among them a deny wins over an allow. With no matching rule the answer is deny.</para>
/// <para>Unknown roles named by a caller's credential grant nothing.</para>
/// </remarks>
public sealed class RbacPolicy
{
    private readonly ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> _layers;
    private readonly ImmutableDictionary<string, ImmutableArray<string>> _closure;
    private readonly ImmutableDictionary<string, ImmutableArray<CompiledRule>> _rules;

    private RbacPolicy(ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> layers)
    {
        _layers = layers;
        _closure = layers.Keys.ToImmutableDictionary(role => role, role => Closure(layers, role), StringComparer.Ordinal);
        _rules = layers.ToImmutableDictionary(
            pair => pair.Key,
            pair => pair.Value.SelectMany(layer => layer.Definition.Rules).Select((rule, index) => new CompiledRule(pair.Key, rule, index)).ToImmutableArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Gets the policy of the built-in roles alone.</summary>
    public static RbacPolicy BuiltIn { get; } = Compile([], []);

    /// <summary>Gets every role, with its layers, ordered by name.</summary>
    public ImmutableArray<RoleView> Roles => [.. _layers.Select(pair => new RoleView { Name = pair.Key, Layers = pair.Value })];

    /// <summary>Gets a role with its layers, or <see langword="null"/> when no source defines it.</summary>
    public RoleView? Role(string name) => _layers.TryGetValue(name, out var layers) ? new RoleView { Name = name, Layers = layers } : null;

    /// <summary>Gets the roles <paramref name="roles"/> amount to through inheritance (unknown names dropped), ordered by name.</summary>
    public ImmutableArray<string> EffectiveRoles(IEnumerable<string> roles) =>
        [.. roles.Where(_closure.ContainsKey).SelectMany(role => _closure[role]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Validates and compiles the built-in roles with <paramref name="configured"/> and <paramref name="tenant"/> roles.</summary>
    /// <exception cref="RbacPolicyException">The policy is invalid; every problem is listed.</exception>
    public static RbacPolicy Compile(IEnumerable<RoleDefinition> configured, IEnumerable<RoleDefinition> tenant)
    {
        var layers = Layers(configured, tenant, out var problems);
        Validate(layers, problems);
        if (problems.Count > 0) throw new RbacPolicyException([.. problems]);
        return new RbacPolicy(layers);
    }

    /// <summary>Gets every problem of the policy <see cref="Compile"/> would build; empty when it is valid.</summary>
    public static ImmutableArray<string> Validate(IEnumerable<RoleDefinition> configured, IEnumerable<RoleDefinition> tenant)
    {
        var layers = Layers(configured, tenant, out var problems);
        Validate(layers, problems);
        return [.. problems];
    }

    /// <summary>Decides <paramref name="request"/>.</summary>
    public AccessDecision Evaluate(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, action, resource) = (request.Caller, request.Action, request.Resource);
        var owner = RbacResources.TenantOf(resource);
        if (owner is null) return AccessDecision.Deny($"'{resource}' is not a tenant's resource ('tenants/{{tenant}}/…'); denied.");
        if (!string.Equals(owner, caller.Tenant, StringComparison.Ordinal))
            return AccessDecision.Deny($"tenant isolation: '{resource}' belongs to tenant '{owner}', the caller to tenant '{caller.Tenant}'.");

        var roles = EffectiveRoles(caller.Roles);
        if (roles.IsEmpty) return AccessDecision.Deny($"the caller has no known role (credential roles: {List(caller.Roles)}); {action} on {resource} is denied by default.");

        var now = request.Now.UtcDateTime;
        var address = ParseAddress(caller.IpAddress);
        CompiledRule? best = null;
        foreach (var rule in roles.SelectMany(role => _rules[role]))
        {
            if (!rule.Matches(action, resource, now, address, caller.Attributes)) continue;
            if (best is null || rule.Rule.Priority > best.Rule.Priority || (rule.Rule.Priority == best.Rule.Priority && rule.Rule.Effect == RbacEffect.Deny && best.Rule.Effect == RbacEffect.Allow))
            {
                best = rule;
            }
        }

        if (best is null) return AccessDecision.Deny($"no rule of the roles {List(roles)} allows {action} on {resource}; denied by default.");
        var verdict = best.Rule.Effect == RbacEffect.Allow ? "allows" : "denies";
        var reason = $"rule '{best.Label}' of role '{best.Role}' {verdict} {action} on {resource} (priority {best.Rule.Priority.ToString(CultureInfo.InvariantCulture)}).";
        return best.Rule.Effect == RbacEffect.Allow ? AccessDecision.Allow(best.Rule, best.Role, reason) : AccessDecision.Deny(reason, best.Rule, best.Role);
    }

    private static string List(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles) : "none";

    private static IPAddress? ParseAddress(string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var address)) return null;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static ImmutableArray<string> Closure(ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> layers, string role)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([role]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next) || !layers.TryGetValue(next, out var defined)) continue;
            foreach (var inherited in defined.SelectMany(layer => layer.Definition.Inherits)) pending.Push(inherited);
        }

        return [.. seen.Where(layers.ContainsKey).Order(StringComparer.Ordinal)];
    }

    private static ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> Layers(IEnumerable<RoleDefinition> configured, IEnumerable<RoleDefinition> tenant, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(tenant);
        problems = [];
        var layers = new SortedDictionary<string, List<RoleLayer>>(StringComparer.Ordinal);
        foreach (var (source, roles) in new[] { (RoleSource.BuiltIn, BuiltInRoleDefinitions.All.AsEnumerable()), (RoleSource.Configuration, configured), (RoleSource.Tenant, tenant) })
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var role in roles)
            {
                if (role is null)
                {
                    problems.Add($"{Describe(source)}: a role is missing (null).");
                    continue;
                }

                var name = role.Name ?? "";
                if (!names.Add(name)) problems.Add($"{Describe(source)} defines role '{name}' twice.");
                if (!layers.TryGetValue(name, out var list)) layers[name] = list = [];
                list.Add(new RoleLayer { Source = source, Definition = role });
            }
        }

        return layers.ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    private static string Describe(RoleSource source) => source switch
    {
        RoleSource.BuiltIn => "the built-in roles",
        RoleSource.Configuration => "the configuration",
        _ => "the tenant",
    };

    private static void Validate(ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> layers, List<string> problems)
    {
        foreach (var (name, roleLayers) in layers)
        {
            if (!GrainKeys.IsValidSegment(name)) problems.Add($"role '{name}': a role's name is 1–64 letters, digits, '-' or '_', starting with a letter or digit.");
            foreach (var layer in roleLayers.Where(layer => layer.Source != RoleSource.BuiltIn))
            {
                var where = $"role '{name}' ({Describe(layer.Source)})";
                foreach (var inherited in layer.Definition.Inherits)
                {
                    if (!layers.ContainsKey(inherited ?? "")) problems.Add($"{where} inherits '{inherited}', which no source defines.");
                }

                var rules = layer.Definition.Rules;
                for (var i = 0; i < rules.Length; i++) ValidateRule($"{where}, rule {Label(rules[i], i)}", rules[i], problems);
            }
        }

        foreach (var cycle in Cycles(layers)) problems.Add($"inheritance cycle: {string.Join(" → ", cycle)}.");
    }

    private static string Label(RbacRule rule, int index) => rule?.Id is { Length: > 0 } id ? $"'{id}'" : $"#{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    private static void ValidateRule(string where, RbacRule rule, List<string> problems)
    {
        if (rule is null)
        {
            problems.Add($"{where}: the rule is missing (null).");
            return;
        }

        if (!Enum.IsDefined(rule.Effect)) problems.Add($"{where}: effect '{rule.Effect}' is neither Allow nor Deny.");
        if (rule.Actions.IsDefaultOrEmpty) problems.Add($"{where}: names no action.");
        else foreach (var problem in rule.Actions.Select(RbacPatterns.ProblemOfAction).OfType<string>()) problems.Add($"{where}: {problem}.");
        if (rule.Resources.IsDefaultOrEmpty) problems.Add($"{where}: names no resource.");
        else foreach (var problem in rule.Resources.Select(RbacPatterns.ProblemOfResource).OfType<string>()) problems.Add($"{where}: {problem}.");
        if (rule.Conditions is not { } conditions) return;

        if (conditions.TimeWindow is { } window)
        {
            if (window.StartHour is < 0 or > 23) problems.Add($"{where}: the time window's start hour {window.StartHour} is not 0–23.");
            if (window.EndHour is < 1 or > 24) problems.Add($"{where}: the time window's end hour {window.EndHour} is not 1–24.");
            if (window.StartHour == window.EndHour) problems.Add($"{where}: the time window starts and ends at hour {window.StartHour}; it would never (or always) be open.");
            if (!window.Days.IsDefault)
            {
                foreach (var day in window.Days.Where(day => !Enum.IsDefined(day))) problems.Add($"{where}: '{day}' is not a day of the week.");
            }
        }

        if (!conditions.IpRanges.IsDefault)
        {
            foreach (var range in conditions.IpRanges.Where(range => !TryParseRange(range, out _)))
                problems.Add($"{where}: '{range}' is not a CIDR range (an IPv4 or IPv6 address, optionally with a prefix length whose host bits are zero, e.g. 10.0.0.0/8 or 2001:db8::/32).");
        }

        if (!conditions.Attributes.IsDefault)
        {
            foreach (var attribute in conditions.Attributes)
            {
                if (attribute is null || string.IsNullOrWhiteSpace(attribute.Attribute))
                {
                    problems.Add($"{where}: an attribute condition names no attribute.");
                    continue;
                }

                var count = attribute.Values.IsDefault ? 0 : attribute.Values.Length;
                if (attribute.Operator == RbacAttributeOperator.Equals && count != 1) problems.Add($"{where}: attribute '{attribute.Attribute}' Equals needs exactly one value, not {count}.");
                else if (attribute.Operator == RbacAttributeOperator.In && count == 0) problems.Add($"{where}: attribute '{attribute.Attribute}' In needs at least one value.");
                else if (!Enum.IsDefined(attribute.Operator)) problems.Add($"{where}: attribute '{attribute.Attribute}' has unknown operator '{attribute.Operator}'.");
            }
        }
    }

    /// <summary>Parses a CIDR range, or a single address as a range of one.</summary>
    internal static bool TryParseRange(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            // Strict: an address with host bits set under its prefix (10.1.2.3/8) is a typo more often than a range.
            return IPNetwork.TryParse(text, out network) && IPAddress.TryParse(text.AsSpan(0, slash), out var written) && written.Equals(network.BaseAddress);
        }

        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>Every inheritance cycle, each named role by role from its smallest name and back to it, once.</summary>
    private static List<List<string>> Cycles(ImmutableSortedDictionary<string, ImmutableArray<RoleLayer>> layers)
    {
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string role)
        {
            path.Add(role);
            foreach (var next in layers[role].SelectMany(layer => layer.Definition.Inherits).Where(layers.ContainsKey).Distinct(StringComparer.Ordinal))
            {
                var at = path.IndexOf(next);
                if (at >= 0)
                {
                    var cycle = path.Skip(at).ToList();
                    var start = cycle.IndexOf(cycle.Min(StringComparer.Ordinal)!);
                    var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
                    rotated.Add(rotated[0]);
                    var key = string.Join("/", rotated);
                    if (seen.Add(key)) cycles.Add(rotated);
                }
                else if (!done.Contains(next))
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(role);
        }

        foreach (var role in layers.Keys.Where(role => !done.Contains(role))) Visit(role);
        return cycles;
    }

    /// <summary>A rule of a role with its IP ranges parsed once.</summary>
    private sealed class CompiledRule(string role, RbacRule rule, int index)
    {
        private readonly ImmutableArray<IPNetwork> _ranges = rule.Conditions is { IpRanges.IsDefaultOrEmpty: false } conditions
            ? [.. conditions.IpRanges.Select(range => TryParseRange(range, out var network) ? network : throw new RbacPolicyException($"'{range}' is not a CIDR range."))]
            : [];

        public string Role { get; } = role;

        public RbacRule Rule { get; } = rule;

        public string Label { get; } = rule.Id is { Length: > 0 } id ? id : $"#{(index + 1).ToString(CultureInfo.InvariantCulture)}";

        public bool Matches(string action, string resource, DateTime utcNow, IPAddress? address, ImmutableDictionary<string, string> attributes)
        {
            if (!Rule.Actions.Any(pattern => RbacPatterns.MatchesAction(pattern, action))) return false;
            if (!Rule.Resources.Any(pattern => RbacPatterns.MatchesResource(pattern, resource))) return false;
            if (Rule.Conditions is not { } conditions) return true;
            if (conditions.TimeWindow is { } window && !InWindow(window, utcNow)) return false;
            if (!_ranges.IsEmpty && (address is null || !_ranges.Any(range => range.Contains(address)))) return false;
            return conditions.Attributes.IsDefaultOrEmpty || conditions.Attributes.All(condition => Holds(condition, attributes));
        }

        private static bool InWindow(RbacTimeWindow window, DateTime utcNow)
        {
            if (!window.Days.IsDefaultOrEmpty && !window.Days.Contains(utcNow.DayOfWeek)) return false;
            var hour = utcNow.Hour;
            return window.StartHour < window.EndHour
                ? hour >= window.StartHour && hour < window.EndHour
                : hour >= window.StartHour || hour < window.EndHour;
        }

        private static bool Holds(RbacAttributeCondition condition, ImmutableDictionary<string, string> attributes) =>
            attributes.TryGetValue(condition.Attribute, out var value) && condition.Values.Contains(value, StringComparer.Ordinal);
    }
}
