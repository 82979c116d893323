using System.Collections.Immutable;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>
/// The memory a session's agents share, keyed by the session key (<c>{tenant}/{session}</c>, <see cref="GrainKeys.Session"/>):
/// each finished step's result and what an agent promoted to long-term memory, in the same tiers and limits as an agent's
/// own memory, persisted (sealed) behind the work. Every agent of the session gets the part relevant to its task in its context.
/// </summary>
[TenantScoped("sessions/{0}/memory")]
public interface ISessionMemoryGrain : IGrainWithStringKey
{
    /// <summary>Remembers facts an agent shares. One-way: the sender does not wait, and a lost message loses only that fact.</summary>
    [SystemOnly, OneWay]
    Task RememberAsync(ImmutableArray<SessionMemoryNote> notes);

    /// <summary>Builds the session's part of a model call's context: its most relevant items that fit the budget, recalled (promoted) as used.</summary>
    [SystemOnly]
    Task<SessionMemoryContext> BuildContextAsync(SessionMemoryQuery query);

    /// <summary>Searches the items by keyword and, with an embedding model configured, by similarity; searching recalls nothing.</summary>
    /// <exception cref="ArgumentException">The query is longer than <see cref="MemorySearchInput.MaxQueryLength"/> or the limit is out of range.</exception>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<MemorySearchResult> SearchAsync(MemorySearchInput input);
}
