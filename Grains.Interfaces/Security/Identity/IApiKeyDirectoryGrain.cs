using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>The ids of a tenant's API keys (key: <see cref="IdentityGrainKeys.ApiKeyDirectory"/>), for listing them.</summary>
[TenantScoped("{0}")]
public interface IApiKeyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a key id (once).</summary>
    [RequiresPermission(Permissions.KeysManage)]
    Task AddAsync(string keyId);

    /// <summary>Gets the key ids, oldest first.</summary>
    [RequiresPermission(Permissions.KeysManage)]
    Task<ImmutableArray<string>> ListAsync();
}
