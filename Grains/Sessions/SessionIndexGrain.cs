using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// Hosts <see cref="SessionIndex"/> for one tenant. Not reentrant: admissions of one tenant run one turn at a time, so
/// concurrent creates cannot pass the tenant's limit; the cluster's limit is kept by <see cref="ISessionCountGrain"/>, which
/// this grain tells its absolute count of sessions that have not ended.
/// </summary>
public sealed class SessionIndexGrain(
    [PersistentState("sessionIndex", StorageNames.State)] IPersistentState<SessionIndexState> state,
    IOptions<SessionOptions> options,
    TimeProvider time) : DurableGrain, ISessionIndexGrain
{
    private Dictionary<string, SessionSummary> Sessions => state.State.Sessions;

    private string Tenant => this.GetPrimaryKeyString();

    private ISessionCountGrain Cluster => GrainFactory.GetGrain<ISessionCountGrain>(0);

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSummary>> AdmitAsync(SessionSummary session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Sessions.TryGetValue(session.Id, out var known)) return CommandResult<SessionSummary>.Ok(known);
        SessionIndex.Prune(Sessions, time.GetUtcNow() - options.Value.EventRetention);
        var (outcome, error) = SessionIndex.CanAdmit(Sessions, options.Value.MaxConcurrentPerTenant);
        if (outcome != CommandOutcome.Ok) return CommandResult<SessionSummary>.Refused(outcome, error!);
        var live = SessionIndex.LiveCount(Sessions);
        if (!await Cluster.TrySetAsync(Tenant, live + 1))
            return CommandResult<SessionSummary>.Refused(CommandOutcome.LimitReached, $"The cluster already has {options.Value.MaxConcurrentPerCluster} sessions that have not ended, its limit; try again later.");

        Sessions[session.Id] = session;
        try
        {
            await WriteOrReloadAsync(state);
        }
        catch
        {
            await Cluster.SetAsync(Tenant, live); // give the cluster's slot back; the write's failure is what the caller sees
            throw;
        }

        return CommandResult<SessionSummary>.Ok(session);
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(string sessionId, SessionStatus status, DateTimeOffset at)
    {
        var (changed, released) = SessionIndex.Update(Sessions, sessionId, status, at);
        if (!changed) return;
        await WriteOrReloadAsync(state);
        if (released) await Cluster.SetAsync(Tenant, SessionIndex.LiveCount(Sessions));
    }

    /// <inheritdoc/>
    public Task<CommandResult<SessionPage>> ListAsync(SessionQuery query) => Task.FromResult(SessionIndex.Query(Sessions.Values, query));
}
