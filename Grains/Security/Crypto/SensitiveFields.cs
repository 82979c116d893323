using System.Collections.Immutable;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Sessions;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// Which fields of each stored type are sealed at rest, and the name of each under its owner: the prompts (a request's
/// text and parts, a step's instruction), the model's outputs (step outputs, compensation outputs and errors, an agent's
/// conversation and long-term memory) and the messages of events, which quote outputs. Ids, statuses, times, counters, plan structure,
/// model choices and workspace paths stay in clear: they are keys, or what the system routes by.
/// </summary>
/// <remarks>
/// Types not listed here hold nothing sensitive (the workspace index, the workflow index, usage counters). Each visitor
/// replaces the fields in place (immutable records through <c>with</c>), so it must be given a copy to seal.
/// </remarks>
public static class SensitiveFields
{
    private static readonly Dictionary<Type, Func<object, FieldCipher, ValueTask>> Visitors = new()
    {
        [typeof(SessionState)] = (value, cipher) => SessionAsync((SessionState)value, cipher),
        [typeof(AgentState)] = (value, cipher) => AgentAsync((AgentState)value, cipher),
        [typeof(Sessions.Memory.SessionMemoryState)] = (value, cipher) => MemoryItemsAsync(((Sessions.Memory.SessionMemoryState)value).Items, cipher),
        [typeof(WorkflowJournalEntry)] = (value, cipher) => JournalEntryAsync((WorkflowJournalEntry)value, cipher),
        [typeof(EventPage)] = (value, cipher) => EventsAsync(((EventPage)value).Events, cipher, "event"),
        [typeof(EventSegment)] = (value, cipher) => EventsAsync(((EventSegment)value).Events, cipher, "event"),
        [typeof(Registry.AgentRegistryState)] = (value, cipher) => AgentTypesAsync((Registry.AgentRegistryState)value, cipher),
    };

    /// <summary>Gets the types that have sealed fields.</summary>
    public static IReadOnlyCollection<Type> Types => Visitors.Keys;

    /// <summary>Gets the visitor of <paramref name="type"/>'s sensitive fields, if it has any.</summary>
    public static Func<object, FieldCipher, ValueTask>? Of(Type type) => Visitors.GetValueOrDefault(type);

    private static async ValueTask SessionAsync(SessionState state, FieldCipher cipher)
    {
        foreach (var request in state.Requests) request.Text = await cipher.TextAsync(request.Text, $"request/{request.WorkflowId}/text") ?? "";
        foreach (var asked in state.Clarifications) asked.Text = await cipher.TextAsync(asked.Text, $"clarification/{asked.Clarification.Id}/text") ?? "";
        await EventsAsync(state.Outbox, cipher, "outbox");
        foreach (var queued in state.Queue) queued.Start = await StartAsync(queued.Start, cipher, $"queue/{queued.WorkflowId}");
    }

    private static async ValueTask AgentAsync(AgentState state, FieldCipher cipher)
    {
        for (var i = 0; i < state.Conversation.Count; i++)
        {
            var turn = state.Conversation[i];
            // Named by time and role, not position: turns leave from the front, and a name that stays lets an unchanged turn keep its seal.
            var text = await cipher.TextAsync(turn.Text, $"turn/{turn.At.UtcTicks}/{turn.Role}") ?? "";
            if (!ReferenceEquals(text, turn.Text)) state.Conversation[i] = turn with { Text = text };
        }

        for (var i = 0; i < state.LongTermMemory.Count; i++)
        {
            var item = state.LongTermMemory[i];
            // Named by the item's id, which stays while items come and go around it.
            var text = await cipher.TextAsync(item.Text, $"memory/{item.Id}/text") ?? "";
            if (!ReferenceEquals(text, item.Text)) state.LongTermMemory[i] = item with { Text = text };
        }
    }

    private static async ValueTask AgentTypesAsync(Registry.AgentRegistryState state, FieldCipher cipher)
    {
        foreach (var name in state.Types.Keys.ToList())
        {
            var type = state.Types[name];
            var prompt = await cipher.TextAsync(type.SystemPrompt, $"type/{name}/system-prompt");
            if (!ReferenceEquals(prompt, type.SystemPrompt)) state.Types[name] = type with { SystemPrompt = prompt };
        }
    }

    private static async ValueTask MemoryItemsAsync(List<Agents.Memory.MemoryItem> items, FieldCipher cipher)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            // Named by the item's id, which stays while items come and go around it.
            var text = await cipher.TextAsync(item.Text, $"memory/{item.Id}/text") ?? "";
            if (!ReferenceEquals(text, item.Text)) items[i] = item with { Text = text };
        }
    }

    private static async ValueTask JournalEntryAsync(WorkflowJournalEntry entry, FieldCipher cipher)
    {
        if (entry.Start is { } start) entry.Start = await StartAsync(start, cipher);
        if (entry.Header is { Error.Length: > 0 } header) entry.Header = header with { Error = await cipher.TextAsync(header.Error, "header/error") };
        foreach (var id in entry.Steps.Keys.ToList())
        {
            var step = entry.Steps[id];
            entry.Steps[id] = step with
            {
                Output = await cipher.TextAsync(step.Output, $"step/{id}/output"),
                Error = await cipher.TextAsync(step.Error, $"step/{id}/error"),
                CompensationOutput = await cipher.TextAsync(step.CompensationOutput, $"step/{id}/compensation-output"),
                Model = step.Model is { } model ? await ModelAsync(model, cipher, $"step/{id}/model") : null,
            };
        }

        await EventsAsync(entry.Events, cipher, "event");
    }

    /// <summary>A provider's error may quote the request: each attempt's error is sealed; the models and scores stay in clear.</summary>
    private static async ValueTask<ModelDecision> ModelAsync(ModelDecision model, FieldCipher cipher, string prefix)
    {
        if (model.Attempts.IsDefaultOrEmpty || model.Attempts.All(a => string.IsNullOrEmpty(a.Error))) return model;
        var attempts = ImmutableArray.CreateBuilder<ModelAttempt>(model.Attempts.Length);
        for (var i = 0; i < model.Attempts.Length; i++) attempts.Add(model.Attempts[i] with { Error = await cipher.TextAsync(model.Attempts[i].Error, $"{prefix}/attempt/{i}/error") });
        return model with { Attempts = attempts.MoveToImmutable() };
    }

    private static async ValueTask<StartWorkflowInput> StartAsync(StartWorkflowInput start, FieldCipher cipher, string prefix = "start")
    {
        var steps = ImmutableArray.CreateBuilder<PlanStep>(start.Plan.Steps.Length);
        foreach (var step in start.Plan.Steps)
        {
            steps.Add(step with
            {
                Instruction = await cipher.TextAsync(step.Instruction, $"{prefix}/step/{step.Id}/instruction") ?? "",
                CompensationInstruction = await cipher.TextAsync(step.CompensationInstruction, $"{prefix}/step/{step.Id}/compensation-instruction"),
            });
        }

        var parts = ImmutableArray.CreateBuilder<RequestPart>(start.Attachments.IsDefault ? 0 : start.Attachments.Length);
        for (var i = 0; !start.Attachments.IsDefault && i < start.Attachments.Length; i++)
        {
            var part = start.Attachments[i];
            parts.Add(part with { Text = await cipher.TextAsync(part.Text, $"{prefix}/part/{i}/text"), Data = await cipher.BytesAsync(part.Data, $"{prefix}/part/{i}/data") });
        }

        return start with
        {
            RequestText = await cipher.TextAsync(start.RequestText, $"{prefix}/request") ?? "",
            Plan = start.Plan with { Steps = steps.MoveToImmutable() },
            Attachments = start.Attachments.IsDefault ? start.Attachments : parts.MoveToImmutable(),
        };
    }

    private static async ValueTask EventsAsync(List<SessionEvent> events, FieldCipher cipher, string prefix)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            if (string.IsNullOrEmpty(evt.Message)) continue;
            var message = await cipher.TextAsync(evt.Message, $"{prefix}/{i}/message");
            if (!ReferenceEquals(message, evt.Message)) events[i] = evt with { Message = message };
        }
    }
}
