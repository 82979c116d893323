using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// The agent's side of vector search and session memory: embedding its items (in the background, through the silo's
/// <see cref="MemoryEmbedder"/> and its cache), building each call's context from its own memory and its session's
/// (<see cref="ISessionMemoryGrain"/>), and sharing each finished step's result with the session.
/// </summary>
/// <remarks>
/// <para><b>Context split.</b> Of the memory budget (<see cref="MemoryOptions.ContextTokens"/>, and what the models' windows
/// leave), the agent's own memory takes at most <c>1 − </c><see cref="MemoryOptions.SessionContextShare"/>; the session's memory
/// gets what is left, so all of it when the agent remembers nothing yet. Items the agent shared itself are not repeated.</para>
/// <para><b>Cost per step.</b> One embedding of the instruction (when a model is configured; a cache hit when the instruction
/// was seen), one call to the session memory for the context, and one one-way message sharing the result after the step,
/// which the session memory saves behind on its timer: no storage write in the step's path. A failing session memory or
/// embedding model leaves the call with the agent's own memory, ranked by keywords.</para>
/// </remarks>
public sealed partial class AgentGrain
{
    private MemoryEmbedder? _embedder;

    private MemoryEmbedder Embedder => _embedder ??= ServiceProvider.GetRequiredService<MemoryEmbedder>();

    private ISessionMemoryGrain SessionMemory => GrainFactory.GetGrain<ISessionMemoryGrain>(SessionKey);

    /// <summary>Embeds, in the background, the items restored at activation.</summary>
    private void OnMemoryRestored()
    {
        if (!Embedder.Enabled) return;
        var items = _memory.WithoutVectors(_time.GetUtcNow());
        if (!items.IsEmpty) _ = EmbedOwnAsync(items);
    }

    /// <summary>Gets the long-term items that are not in <paramref name="persisted"/>: promoted since the last task.</summary>
    private ImmutableArray<MemoryItem> NewlyLongTerm(List<MemoryItem> persisted)
    {
        var known = persisted.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        return [.. _memory.LongTerm.Where(i => !known.Contains(i.Id))];
    }

    /// <summary>
    /// After a task's items were remembered: embeds them in the background and shares with the session its result (high
    /// importance) and the items its context promoted to long-term memory (their results were shared already).
    /// </summary>
    private void OnRemembered(StepResult result, ImmutableArray<MemoryItem> promoted)
    {
        var own = _memory.MostRecentWorking(2); // the instruction and the result (or error) just remembered
        var notes = new List<SessionMemoryNote>();
        if (result.Succeeded && !string.IsNullOrWhiteSpace(result.Output))
            notes.Add(new SessionMemoryNote { Kind = "result", Text = result.Output, Source = AgentName, Importance = MemoryImportance.High });
        foreach (var item in promoted.Where(i => i.Kind != "result"))
            notes.Add(new SessionMemoryNote { Kind = item.Kind, Text = item.Text, Source = AgentName, Importance = item.Importance, Vector = _memory.VectorOf(item.Id) });
        _ = ShareAsync(own, notes);
    }

    /// <summary>
    /// Adds the memory most relevant to the task to the system prompt (one message, so the user/assistant alternation stays
    /// intact): the agent's own, then the session's, within what the call leaves of the smallest window of the models that may
    /// take it. The items used are recalled. Never throws: without a context the call goes on as it is.
    /// </summary>
    private async Task<ModelRequest> WithMemoryAsync(ModelRequest request, AgentTask task, CancellationToken cancellationToken)
    {
        const string Separator = "\n\n";
        var charsPerToken = _router.CharsPerToken;
        var separatorTokens = (Separator.Length + charsPerToken - 1) / charsPerToken;
        var callTokens = ModelCallSize.Of(request, _router).TotalTokens + separatorTokens;
        var budget = ContextBudget.For(_catalog, AgentName, task.Requirements, callTokens, _memoryOptions.ContextTokens);
        if (budget <= 0) return request;

        MemoryVector? vector = null;
        try
        {
            if (Embedder.Enabled) vector = await Embedder.EmbedAsync(task.Instruction, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return request; // the task is over; its model call will say so
        }

        var share = _memoryOptions.SessionContextShare;
        var own = _memory.BuildContext(task.Instruction, vector, (int)Math.Floor(budget * (1 - share)), charsPerToken, _time.GetUtcNow());
        var text = own.Items.IsEmpty ? "" : own.Text;
        var left = budget - own.Tokens - (own.Items.IsEmpty ? 0 : separatorTokens);
        if (share > 0 && left > 0)
        {
            try
            {
                var shared = await SessionMemory.BuildContextAsync(new SessionMemoryQuery
                {
                    Task = task.Instruction, Vector = vector, TokenBudget = left, CharsPerToken = charsPerToken, ExcludeSource = AgentName,
                }).WaitAsync(cancellationToken);
                if (shared.Items > 0) text = text.Length == 0 ? shared.Text : text + Separator + shared.Text;
            }
            catch (Exception ex)
            {
                LogSessionMemoryUnavailable(ex, AgentName, task.IdempotencyKey);
            }
        }

        if (text.Length == 0) return request;
        request.Messages[0] = new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.System, request.Messages[0].Text + Separator + text);
        return request;
    }

    /// <summary>Embeds the task's new items (the instruction's vector usually cached from its context), then sends the notes to the session, one-way.</summary>
    private async Task ShareAsync(ImmutableArray<MemoryItem> own, List<SessionMemoryNote> notes)
    {
        try
        {
            if (Embedder.Enabled)
            {
                var vectors = await Embedder.EmbedAsync([.. own.Select(i => i.Text), .. notes.Select(n => n.Text)]);
                var now = _time.GetUtcNow();
                for (var i = 0; i < own.Length; i++)
                {
                    if (vectors[i] is { } vector) _memory.Attach(own[i].Id, vector, now);
                }

                for (var i = 0; i < notes.Count; i++) notes[i] = notes[i] with { Vector = notes[i].Vector ?? vectors[own.Length + i] };
            }

            if (notes.Count > 0) await SessionMemory.RememberAsync([.. notes]);
        }
        catch (Exception ex)
        {
            LogSessionMemoryUnavailable(ex, AgentName, "share");
        }
    }

    private async Task EmbedOwnAsync(ImmutableArray<MemoryItem> items)
    {
        var vectors = await Embedder.EmbedAsync([.. items.Select(i => i.Text)]);
        var now = _time.GetUtcNow();
        for (var i = 0; i < items.Length; i++)
        {
            if (vectors[i] is { } vector) _memory.Attach(items[i].Id, vector, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not reach its session's memory ({What}); the call goes on with its own memory")]
    private partial void LogSessionMemoryUnavailable(Exception exception, string agent, string what);
}
