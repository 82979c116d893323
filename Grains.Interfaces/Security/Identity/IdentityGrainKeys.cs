namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>The keys of the identity grains that exist once per cluster.</summary>
public static class IdentityGrainKeys
{
    /// <summary>The key of the one <see cref="ISigningKeyRingGrain"/> and the one <see cref="IRevocationListGrain"/> of a cluster.</summary>
    public const string Cluster = "cluster";

    /// <summary>Gets the key of <paramref name="tenant"/>'s <see cref="IApiKeyDirectoryGrain"/>: <c>{tenant}/api-keys</c>.</summary>
    public static string ApiKeyDirectory(string tenant) => $"{tenant}/api-keys";
}
