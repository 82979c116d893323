using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>
/// One API key (key: the key's id, the <c>&lt;id&gt;</c> of <c>tdk_&lt;id&gt;_&lt;secret&gt;</c>): its tenant, roles and expiry,
/// and only the SHA-256 hash of its secret. The tenant is in the state, not the grain key, because a key names no tenant
/// when it is presented; the API checks it against the caller's tenant for every management call.
/// </summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the key. Creating it again with the same secret hash and tenant is a no-op that answers the key as it is
    /// (bootstrap keys are registered at every start); <see langword="null"/> when the id is taken by another key.
    /// </summary>
    [RequiresPermission(Permissions.KeysManage, Resource = "api-keys")]
    Task<ApiKeySummary?> CreateAsync(ApiKeyRegistration registration);

    /// <summary>Checks a presented secret (by hash, compared in constant time) and, on success, records the use.</summary>
    [SystemOnly]
    Task<ApiKeyVerification> VerifyAsync(byte[] secretHash);

    /// <summary>Gets the key without its secret, or <see langword="null"/> if it does not exist.</summary>
    [RequiresPermission(Permissions.KeysManage, Resource = "api-keys")]
    Task<ApiKeySummary?> GetAsync();

    /// <summary>Revokes the key at once; returns it as revoked, or <see langword="null"/> if it does not exist.</summary>
    [RequiresPermission(Permissions.KeysManage, Resource = "api-keys")]
    Task<ApiKeySummary?> RevokeAsync();
}
