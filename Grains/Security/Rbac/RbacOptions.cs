using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>Gets or sets the RBAC settings (section <c>TDeveloper:Security:Rbac</c>): roles for every tenant and how long hosts cache a tenant's policy.</summary>
public sealed class RbacOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Security:Rbac";

    /// <summary>
    /// Gets or sets how long a host keeps a tenant's policy before reading it again; changes made through another host
    /// take effect within this time (through the same host, at once). Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets roles for every tenant, by name: custom roles, or additions (inherited roles, rules) to a built-in
    /// one. Validated at start with the built-in roles; every problem is reported at once. Default none.
    /// </summary>
    public Dictionary<string, RbacRoleOptions> Roles { get; set; } = [];

    /// <summary>Gets the configured roles as definitions.</summary>
    public ImmutableArray<RoleDefinition> ToDefinitions() =>
        [.. Roles.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value.ToDefinition(pair.Key))];
}

/// <summary>Gets or sets one configured role.</summary>
public sealed class RbacRoleOptions
{
    /// <summary>Gets or sets the roles it inherits.</summary>
    public List<string> Inherits { get; set; } = [];

    /// <summary>Gets or sets its rules.</summary>
    public List<RbacRuleOptions> Rules { get; set; } = [];

    /// <summary>Gets the role as a definition named <paramref name="name"/>.</summary>
    public RoleDefinition ToDefinition(string name) =>
        new() { Name = name, Inherits = [.. Inherits], Rules = [.. Rules.Select(rule => rule.ToRule())] };
}

/// <summary>Gets or sets one configured rule (see <see cref="RbacRule"/>).</summary>
public sealed class RbacRuleOptions
{
    /// <summary>Gets or sets the rule's name, optional.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets Allow (default) or Deny.</summary>
    public RbacEffect Effect { get; set; } = RbacEffect.Allow;

    /// <summary>Gets or sets the action patterns.</summary>
    public List<string> Actions { get; set; } = [];

    /// <summary>Gets or sets the resource patterns.</summary>
    public List<string> Resources { get; set; } = [];

    /// <summary>Gets or sets the priority; default 0, like the built-in grants.</summary>
    public int Priority { get; set; }

    /// <summary>Gets or sets the UTC days on which the rule applies; empty for every day.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>Gets or sets the first UTC hour the rule applies (0–23), if limited by hours.</summary>
    public int? StartHour { get; set; }

    /// <summary>Gets or sets the UTC hour (1–24, exclusive) the rule stops applying, if limited by hours.</summary>
    public int? EndHour { get; set; }

    /// <summary>Gets or sets the IP ranges (CIDR) the caller must be in; empty for any.</summary>
    public List<string> IpRanges { get; set; } = [];

    /// <summary>Gets or sets the attribute tests: attribute name → the values it may have (one value: equals; several: in).</summary>
    public Dictionary<string, List<string>> Attributes { get; set; } = [];

    /// <summary>Gets the rule.</summary>
    public RbacRule ToRule()
    {
        var window = Days.Count > 0 || StartHour is not null || EndHour is not null
            ? new RbacTimeWindow { Days = [.. Days], StartHour = StartHour ?? 0, EndHour = EndHour ?? 24 }
            : null;
        var attributes = Attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new RbacAttributeCondition { Attribute = pair.Key, Operator = pair.Value.Count == 1 ? RbacAttributeOperator.Equals : RbacAttributeOperator.In, Values = [.. pair.Value] })
            .ToImmutableArray();
        var conditions = window is not null || IpRanges.Count > 0 || attributes.Length > 0
            ? new RbacConditions { TimeWindow = window, IpRanges = [.. IpRanges], Attributes = attributes }
            : null;
        return new RbacRule { Id = Id, Effect = Effect, Actions = [.. Actions], Resources = [.. Resources], Priority = Priority, Conditions = conditions };
    }
}

/// <summary>Validates <see cref="RbacOptions.Roles"/> at start by compiling them with the built-in roles; every problem is reported at once.</summary>
public sealed class RbacOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<RbacOptions>
{
    /// <inheritdoc/>
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, RbacOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = RbacPolicy.Validate(options.ToDefinitions(), []);
        return problems.IsEmpty
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems.Select(problem => $"{RbacOptions.Section}:Roles: {problem}"));
    }
}
