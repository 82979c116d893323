using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>
/// One signing key for HMAC-SHA256 signed requests, keyed by its key id alone (<c>sk_…</c>), so a request's
/// <c>X-TDev-Key-Id</c> finds it; its state names its tenant. The secret is kept sealed at rest and never leaves the
/// silo after creation: requests are verified here, together with the nonces the key has seen.
/// </summary>
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key and returns its secret, the only time it is returned.</summary>
    /// <exception cref="InvalidOperationException">The key id is taken.</exception>
    [RequiresPermission(Permissions.KeysManage, Resource = "signing-keys")]
    Task<SigningKeyCreated> CreateAsync(CreateSigningKeyInput input);

    /// <summary>Revokes the key at once; <see langword="null"/> when no key of <paramref name="tenant"/> has this id. Revoking twice is harmless.</summary>
    [RequiresPermission(Permissions.KeysManage, Resource = "signing-keys")]
    Task<SigningKeySummary?> RevokeAsync(string tenant, string revokedBy);

    /// <summary>Gets the tenant of the key, or <see langword="null"/> when no key has this id (to audit a request refused before its signature was checked).</summary>
    [SystemOnly]
    Task<string?> GetTenantAsync();

    /// <summary>Verifies a request signed with the key: the key is live, the signature matches, the nonce is new.</summary>
    [SystemOnly]
    Task<SignatureVerdict> VerifyAsync(SignatureCheck check);
}
