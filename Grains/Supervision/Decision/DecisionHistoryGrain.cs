using System.Collections.Immutable;
using Orleans.Concurrency;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>Hosts a tenant's <see cref="DecisionHistory"/>. Its keywords are words of the rules' fixed vocabulary, never free request text, so nothing in it is sealed.</summary>
public sealed class DecisionHistoryGrain : DurableGrain, IDecisionHistoryGrain
{
    private readonly IPersistentState<DecisionHistoryState> _state;

    /// <summary>Creates the grain with its persisted state.</summary>
    public DecisionHistoryGrain([PersistentState("decisionHistory", StorageNames.State)] IPersistentState<DecisionHistoryState> state)
    {
        _state = state;
    }

    /// <inheritdoc/>
    [ReadOnly]
    public Task<ImmutableArray<AgentHistory>> GetAsync(ImmutableArray<string> keywords) => Task.FromResult(DecisionHistory.Lookup(_state.State, keywords));

    /// <inheritdoc/>
    public Task RecordAsync(ImmutableArray<string> keywords, ImmutableArray<string> agents, bool succeeded)
    {
        if (keywords.IsDefaultOrEmpty || agents.IsDefaultOrEmpty) return Task.CompletedTask;
        DecisionHistory.Record(_state.State, keywords, agents, succeeded);
        return WriteOrReloadAsync(_state);
    }
}
