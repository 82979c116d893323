using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>The signing keys of one tenant, keyed by tenant, for listing; each key's own grain stays the truth about it.</summary>
[TenantScoped("signing-keys", KeyIsTenant = true)]
public interface ISigningKeyIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the summary of a key.</summary>
    [SystemOnly]
    Task PutAsync(SigningKeySummary summary);

    /// <summary>Gets the tenant's keys, newest first.</summary>
    [RequiresPermission(Permissions.KeysManage)]
    Task<ImmutableArray<SigningKeySummary>> ListAsync();
}
