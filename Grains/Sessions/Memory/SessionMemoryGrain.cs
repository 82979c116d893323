using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Sessions.Memory;

/// <summary>
/// The memory a session's agents share (<see cref="ISessionMemoryGrain"/>): the <see cref="AgentMemory"/> engine with the
/// session's limits (<see cref="SessionMemoryOptions.Tiers"/>), every tier persisted within
/// <see cref="SessionMemoryOptions.PersistMaxBytes"/>, sealed, saved behind the work on one timer (at most one write per
/// <see cref="SessionMemoryOptions.SaveInterval"/>, however many steps finish). Vectors stay in the activation: each note
/// brings its own when its agent embedded it, the rest (and every item after an activation) are embedded in the background,
/// in one batched call.
/// </summary>
/// <remarks>
/// Reentrant on purpose: an embedding call is awaited without holding back the agents' context reads. Every change to the
/// engine happens between awaits, and the one write runs from a single timer.
/// </remarks>
[Reentrant]
public sealed partial class SessionMemoryGrain : Grain, ISessionMemoryGrain
{
    /// <summary>The first line of the session's part of a context.</summary>
    public const string ContextHeader = "# What this session's agents found (most relevant first)\n";

    private readonly IPersistentState<SessionMemoryState> _state;
    private readonly SessionMemoryOptions _options;
    private readonly MemoryEmbedder _embedder;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionMemoryGrain> _logger;
    private AgentMemory _memory;
    private readonly List<MemoryItem> _toEmbed = [];
    private IGrainTimer? _save;
    private bool _embedding;
    private DateTimeOffset _nextChangeNotice;

    /// <summary>Creates the grain with its persisted items.</summary>
    public SessionMemoryGrain(
        [PersistentState("session-memory", StorageNames.State)] IPersistentState<SessionMemoryState> state,
        IOptions<SessionMemoryOptions> options,
        MemoryEmbedder embedder,
        StateSealing sealing,
        TimeProvider time,
        ILogger<SessionMemoryGrain> logger)
    {
        _state = sealing.Protect(state, "session-memory", GrainContext); // the items' texts quote prompts and outputs
        _options = options.Value;
        _embedder = embedder;
        _time = time;
        _logger = logger;
        _memory = new AgentMemory(_options.Tiers, [], ContextHeader, keepTiers: true);
    }

    /// <summary>Restores the persisted items in their tiers, and embeds them in the background.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _memory = new AgentMemory(_options.Tiers, _state.State.Items, ContextHeader, keepTiers: true);
        EmbedLater(_memory.WithoutVectors(_time.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RememberAsync(ImmutableArray<SessionMemoryNote> notes)
    {
        var now = _time.GetUtcNow();
        var unembedded = new List<MemoryItem>();
        foreach (var note in notes.IsDefault ? [] : notes)
        {
            if (string.IsNullOrWhiteSpace(note.Text)) continue;
            var item = _memory.Remember(note.Kind, note.Text, note.Importance, now, note.Source);
            if (note.Vector is not { } vector || !_memory.Attach(item.Id, vector, now)) unembedded.Add(item);
        }

        EmbedLater(unembedded);
        Changed();
        TellSessionOfChange(notes, now);
        return Task.CompletedTask;
    }

    /// <summary>A step's result or promoted memory is a significant change for the session's checkpoints: told one way, at most once per save interval.</summary>
    private void TellSessionOfChange(ImmutableArray<SessionMemoryNote> notes, DateTimeOffset now)
    {
        if (notes.IsDefaultOrEmpty || now < _nextChangeNotice) return;
        _nextChangeNotice = now + _options.SaveInterval;
        var reason = notes.Any(n => n.Kind != "result") ? "memory promoted" : "a step finished";
        _ = GrainFactory.GetGrain<ISessionCallbacks>(this.GetPrimaryKeyString()).OnMemoryChangedAsync(reason);
    }

    /// <inheritdoc/>
    public Task<SessionMemoryContext> BuildContextAsync(SessionMemoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var context = _memory.BuildContext(query.Task, query.Vector, query.TokenBudget, Math.Max(1, query.CharsPerToken), _time.GetUtcNow(), query.ExcludeSource);
        if (context.Items.IsEmpty) return Task.FromResult(SessionMemoryContext.Empty);
        Changed(); // the items used were recalled: their tiers and counts changed
        return Task.FromResult(new SessionMemoryContext(context.Text, context.Items.Length, context.Tokens));
    }

    /// <inheritdoc/>
    public async Task<MemorySearchResult> SearchAsync(MemorySearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Query.Length > MemorySearchInput.MaxQueryLength) throw new ArgumentException($"The query is longer than {MemorySearchInput.MaxQueryLength} characters.", nameof(input));
        if (input.Limit is < 1 or > MemorySearchInput.MaxLimit) throw new ArgumentException($"The limit must be 1 to {MemorySearchInput.MaxLimit}.", nameof(input));
        var vector = MemoryRelevance.Keywords(input.Query).Count > 0 ? await _embedder.EmbedAsync(input.Query) : null;
        var ranked = _memory.Rank(input.Query, vector, input.Limit, _time.GetUtcNow(), listWhenEmpty: true);
        return new MemorySearchResult { Items = [.. ranked.Select(MatchOf)], VectorSearch = vector is not null, Total = _memory.Count };
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_save is null) return;
        _save.Dispose();
        _save = null;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, this.GetPrimaryKeyString()); // the last seconds' facts are lost; the steps' results are safe in their workflows
        }
    }

    /// <summary>Gets <paramref name="ranked"/> as the contract's match.</summary>
    internal static MemoryMatch MatchOf(AgentMemory.Ranked ranked)
    {
        var item = ranked.Item;
        return new MemoryMatch
        {
            Id = item.Id, Kind = item.Kind, Text = item.Text, Source = item.Source, Importance = item.Importance, Tier = item.Tier,
            CreatedAt = item.CreatedAt, AccessCount = item.AccessCount, Score = Math.Round(ranked.Score, 4),
            KeywordOverlap = Math.Round(ranked.Overlap, 4), Similarity = ranked.Cosine is { } c ? Math.Round(c, 4) : null,
        };
    }

    private void Changed() =>
        _save ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(_options.SaveInterval, Timeout.InfiniteTimeSpan));

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        _save?.Dispose();
        _save = null;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, this.GetPrimaryKeyString());
            Changed();
        }
    }

    private Task WriteAsync(CancellationToken cancellationToken)
    {
        _state.State.Items = [.. MemoryPersistence.Select(_memory.Items, _options.PersistMaxBytes, _time.GetUtcNow(), _options.Tiers.RecencyHalfLife)];
        return _state.WriteStateAsync(cancellationToken);
    }

    /// <summary>Embeds <paramref name="items"/> in the background: one call at a time, the items that arrive meanwhile in the next. A failed call is not retried.</summary>
    private void EmbedLater(IEnumerable<MemoryItem> items)
    {
        if (!_embedder.Enabled) return;
        _toEmbed.AddRange(items);
        if (_embedding || _toEmbed.Count == 0) return;
        _embedding = true;
        _ = EmbedAsync();
    }

    private async Task EmbedAsync()
    {
        try
        {
            while (_toEmbed.Count > 0)
            {
                var items = _toEmbed.ToList();
                _toEmbed.Clear();
                var vectors = await _embedder.EmbedAsync([.. items.Select(i => i.Text)]);
                var now = _time.GetUtcNow();
                for (var i = 0; i < items.Count; i++)
                {
                    if (vectors[i] is { } vector) _memory.Attach(items[i].Id, vector, now);
                }
            }
        }
        finally
        {
            _embedding = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The memory of session {Session} could not be saved")]
    private partial void LogSaveFailed(Exception exception, string session);
}
