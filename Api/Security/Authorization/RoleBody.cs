using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>The body of <c>PUT /v1/rbac/roles/{name}</c>: the roles it inherits and its rules (see <see cref="RbacRule"/>).</summary>
public sealed record RoleBody
{
    /// <summary>The most rules one role may have.</summary>
    public const int MaxRules = 200;

    /// <summary>Gets the roles it inherits.</summary>
    [MaxLength(32)]
    public ImmutableArray<string>? Inherits { get; init; }

    /// <summary>Gets its rules.</summary>
    [MaxLength(MaxRules)]
    public ImmutableArray<RbacRule>? Rules { get; init; }

    /// <summary>Gets the role named <paramref name="name"/>.</summary>
    public RoleDefinition ToDefinition(string name) => new() { Name = name, Inherits = Inherits ?? [], Rules = Rules ?? [] };
}
