using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Signing;

/// <summary>The signing keys of one tenant, keyed by tenant, for listing; each key's own grain stays the truth about it.</summary>
public interface ISigningKeyIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the summary of a key.</summary>
    Task PutAsync(SigningKeySummary summary);

    /// <summary>Gets the tenant's keys, newest first.</summary>
    Task<ImmutableArray<SigningKeySummary>> ListAsync();
}
