using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// A role: a name, the roles it inherits (their rules apply to it too) and its own rules. The built-in roles are
/// admin ⊃ developer ⊃ viewer (<see cref="BuiltInRoles"/>); a definition with a built-in name, from configuration or a
/// tenant, adds its inherited roles and rules to the built-in ones (it cannot take grants away, but its denies can).
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RoleDefinition")]
public sealed record RoleDefinition
{
    /// <summary>Gets the role's name (1–64 letters, digits, '-' or '_'), as credentials name it in their role claims.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Gets the roles whose rules this role has too.</summary>
    [Id(1)] public ImmutableArray<string> Inherits { get; init; } = [];

    /// <summary>Gets the role's own rules.</summary>
    [Id(2)] public ImmutableArray<RbacRule> Rules { get; init; } = [];
}
