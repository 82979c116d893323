using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Creates, lists and revokes API keys: the key's grain holds it (secret hashed), the tenant's directory lists it.</summary>
public sealed class ApiKeyIssuer(IGrainFactory grains, RevocationCache revocations, IdentityAudit audit, TimeProvider time)
{
    /// <summary>How long a key lasts at most, and by default: one year.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>Creates a new random key (256-bit secret) and returns its text, once.</summary>
    /// <exception cref="InvalidOperationException">The random id was taken (practically never).</exception>
    public async Task<CreatedApiKey> CreateAsync(string tenant, string name, IEnumerable<string> roles, DateTimeOffset? expiresAt, string createdBy, HttpContext? context = null, CancellationToken cancellationToken = default)
    {
        var (id, text, hash) = ApiKeyText.New();
        var key = await RegisterAsync(id, hash, tenant, name, roles, expiresAt ?? time.GetUtcNow() + MaxLifetime, createdBy, cancellationToken)
            ?? throw new InvalidOperationException($"The API key id {id} is taken.");
        await audit.RecordAsync(context, AuditEventKinds.KeyCreated, tenant, createdBy, "success", Resource(key), new Dictionary<string, string> { ["keyId"] = id, ["name"] = name });
        return new CreatedApiKey(key.Id, text, key.Name, key.Tenant, key.Roles, key.CreatedAt, key.ExpiresAt);
    }

    /// <summary>
    /// Registers a key whose text is known already (a bootstrap key): created the first time, left as it is afterwards.
    /// <see langword="null"/> when the id belongs to another key.
    /// </summary>
    public async Task<ApiKeySummary?> RegisterAsync(string id, byte[] secretHash, string tenant, string name, IEnumerable<string> roles, DateTimeOffset expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        var registration = new ApiKeyRegistration { Tenant = tenant, Name = name, Roles = [.. roles.Distinct(StringComparer.Ordinal)], SecretHash = secretHash, ExpiresAt = expiresAt, CreatedBy = createdBy };
        var key = await grains.GetGrain<IApiKeyGrain>(id).CreateAsync(registration).WaitAsync(cancellationToken);
        if (key is not null) await grains.GetGrain<IApiKeyDirectoryGrain>(IdentityGrainKeys.ApiKeyDirectory(tenant)).AddAsync(id).WaitAsync(cancellationToken);
        return key;
    }

    /// <summary>Lists <paramref name="tenant"/>'s keys, without secrets, oldest first.</summary>
    public async Task<ImmutableArray<ApiKeySummary>> ListAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var ids = await grains.GetGrain<IApiKeyDirectoryGrain>(IdentityGrainKeys.ApiKeyDirectory(tenant)).ListAsync().WaitAsync(cancellationToken);
        var keys = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).GetAsync())).WaitAsync(cancellationToken);
        return [.. keys.OfType<ApiKeySummary>().Where(k => k.Tenant == tenant)];
    }

    /// <summary>
    /// Revokes <paramref name="tenant"/>'s key <paramref name="id"/> at once, and every token minted from it (through the
    /// revocation list); <see langword="null"/> when the tenant has no such key.
    /// </summary>
    public async Task<ApiKeySummary?> RevokeAsync(string tenant, string id, string actor, HttpContext? context = null, CancellationToken cancellationToken = default)
    {
        var grain = grains.GetGrain<IApiKeyGrain>(id);
        if (await grain.GetAsync().WaitAsync(cancellationToken) is not { } existing || existing.Tenant != tenant) return null;
        var revoked = await grain.RevokeAsync().WaitAsync(cancellationToken);
        revocations.Add(await RevokeCredentialAsync(id, tenant, cancellationToken));
        await audit.RecordAsync(context, AuditEventKinds.KeyRevoked, tenant, actor, "success", Resource(existing), new Dictionary<string, string> { ["keyId"] = id });
        return revoked;
    }

    private static string Resource(ApiKeySummary key) => $"tenants/{key.Tenant}/api-keys/{key.Id}";

    private async Task<RevocationEntry> RevokeCredentialAsync(string id, string tenant, CancellationToken cancellationToken)
    {
        CallerContext.ActAsSystem(); // the revocation list is the system's own; the key's tenant was checked by the caller
        return await grains.GetGrain<IRevocationListGrain>(IdentityGrainKeys.Cluster).RevokeAsync(RevocationKind.Credential, id, tenant).WaitAsync(cancellationToken);
    }
}
