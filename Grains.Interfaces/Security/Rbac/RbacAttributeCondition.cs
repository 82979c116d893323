using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>How an <see cref="RbacAttributeCondition"/> compares the caller's attribute with its values.</summary>
public enum RbacAttributeOperator
{
    /// <summary>The attribute equals the one value (ordinal comparison).</summary>
    Equals,

    /// <summary>The attribute equals one of the values (ordinal comparison).</summary>
    In,
}

/// <summary>A test of one attribute of the caller (<see cref="CallerIdentity.Attributes"/>): equal to a value, or one of several. A caller without the attribute fails it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RbacAttributeCondition")]
public sealed record RbacAttributeCondition
{
    /// <summary>Gets the attribute's name (a claim type, such as <c>department</c> or <c>tdev_cred_kind</c>).</summary>
    [Id(0)] public required string Attribute { get; init; }

    /// <summary>Gets how the attribute is compared; <see cref="RbacAttributeOperator.Equals"/> by default.</summary>
    [Id(1)] public RbacAttributeOperator Operator { get; init; }

    /// <summary>Gets the value (exactly one for <see cref="RbacAttributeOperator.Equals"/>) or values.</summary>
    [Id(2)] public ImmutableArray<string> Values { get; init; } = [];
}
