using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Supervision.Decision;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The session's part of the decision engine: a request with neither plan nor template is decided by the
/// <see cref="DecisionEngine"/> with the tenant's history; a low-confidence decision becomes a pending clarification the user
/// answers (<see cref="AnswerClarificationAsync"/>); a finished workflow feeds the history.
/// </summary>
public sealed partial class SessionGrain
{
    private const int ClarificationsKept = 20;
    private ClarificationAnswer? _answering;

    private DecisionEngine Decisions => ServiceProvider.GetRequiredService<DecisionEngine>();

    private IDecisionHistoryGrain DecisionHistory => GrainFactory.GetGrain<IDecisionHistoryGrain>(GrainKeys.TenantOf(SessionKey));

    /// <summary>Decides the plan of a request that names neither plan nor template; <see langword="null"/> for one that does.</summary>
    private async Task<ExecutionPlan?> DecideAsync(SubmitRequestInput input, PreparedRequest prepared)
    {
        if (input.Plan is not null || input.Template is not null) return null;
        using var activity = Diagnostics.TDeveloperTelemetry.ActivitySource.StartActivity("session.decide");
        var keywords = DecisionRules.Keywords(prepared.Text);
        ImmutableArray<AgentHistory> history;
        try
        {
            history = await DecisionHistory.GetAsync(keywords);
        }
        catch (Exception ex)
        {
            LogDecisionHistoryFailed(ex, SessionKey);
            history = [];
        }

        // After an answer the engine does not ask again; a request with attachments is not parked (they are not kept while it waits).
        var mayAsk = _answering is null && prepared.Attachments.IsDefaultOrEmpty;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var plan = await Decisions.DecideAsync(prepared.Text, history, _answering?.Agents ?? default, mayAsk);
        Diagnostics.TDeveloperTelemetry.DecisionLatency.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
            new("outcome", plan?.Decision?.NeedsClarification == true ? "clarify" : "decided"),
            new("agent", plan?.Decision?.Ranking.IsDefaultOrEmpty == false ? plan.Decision.Ranking[0].Agent : "none"));
        activity?.SetTag(Diagnostics.TraceContexts.Agent, plan?.Decision?.Ranking.IsDefaultOrEmpty == false ? plan.Decision.Ranking[0].Agent : null);
        activity?.SetTag(Diagnostics.TraceContexts.Outcome, plan?.Decision?.NeedsClarification == true ? "clarify" : "decided");
        return plan;
    }

    /// <summary>Parks a request the engine was not sure about: records the clarification (and its event) and answers with it instead of a workflow.</summary>
    private async Task<CommandResult<SubmittedRequest>> AskClarificationAsync(PreparedRequest prepared, ExecutionPlan plan)
    {
        var decision = plan.Decision!;
        var options = decision.Ranking.Select(s => s.Agent).Concat(AgentNames.All).Distinct().ToImmutableArray();
        var clarification = new Clarification
        {
            Id = $"c-{Guid.NewGuid():N}"[..14],
            Question = $"I am not sure what this request needs (confidence {decision.Confidence.ToString("0.##", CultureInfo.InvariantCulture)}). " +
                $"Which agents should work on it ({string.Join(", ", options)}), or what should be done?",
            Options = options,
            AskedAt = _time.GetUtcNow(),
            Decision = decision,
        };
        // Stored without the decision: a model classifier's reason may quote the request, and only the sealed text may hold it.
        State.Clarifications.Add(new ClarificationRecord { Clarification = clarification with { Decision = null }, Text = prepared.Text });
        while (State.Clarifications.Count > ClarificationsKept && State.Clarifications.FindIndex(c => c.Clarification.AnsweredAt is not null) is var answered and >= 0)
            State.Clarifications.RemoveAt(answered);
        SessionLifecycle.Touch(State, clarification.AskedAt);
        await PersistAsync(new SessionEvent
        {
            Kind = SessionEventKind.ClarificationRequested,
            SessionId = GrainKeys.LocalIdOf(SessionKey),
            Status = clarification.Id,
            Message = clarification.Question,
            At = clarification.AskedAt,
        });
        return CommandResult<SubmittedRequest>.Ok(new SubmittedRequest { Plan = plan, Clarification = clarification });
    }

    /// <inheritdoc/>
    public async Task<CommandResult<SubmittedRequest>> AnswerClarificationAsync(string clarificationId, ClarificationAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (State.Status == SessionStatus.None) return CommandResult<SubmittedRequest>.Refused(CommandOutcome.NotFound, "The session does not exist.");
        var asked = State.Clarifications.Find(c => c.Clarification.Id == clarificationId);
        if (asked is null) return CommandResult<SubmittedRequest>.Refused(CommandOutcome.NotFound, $"The session has no clarification '{clarificationId}'.");
        if (asked.Clarification.AnsweredAt is not null)
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Conflict, $"The clarification '{clarificationId}' was already answered (workflow {asked.Clarification.WorkflowId}).");
        var agents = answer.Agents.IsDefault ? [] : answer.Agents;
        if (string.IsNullOrWhiteSpace(answer.Text) && agents.IsEmpty)
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, "The answer needs a text or agents.");
        if (agents.FirstOrDefault(a => !AgentNames.All.Contains(a)) is { } unknown)
            return CommandResult<SubmittedRequest>.Refused(CommandOutcome.Invalid, $"There is no agent type '{unknown}'; agent types: {string.Join(", ", AgentNames.All)}.");

        // Marked answered before the request is submitted, so the submission's own write stores it: a crash cannot start it twice.
        var pending = asked.Clarification;
        asked.Clarification = pending with { AnsweredAt = _time.GetUtcNow() };
        _answering = answer with { Agents = agents };
        CommandResult<SubmittedRequest> result;
        try
        {
            var text = string.IsNullOrWhiteSpace(answer.Text) ? asked.Text : $"{asked.Text}\n\n{answer.Text.Trim()}";
            result = await SubmitRequestAsync(new SubmitRequestInput { Text = text });
        }
        catch
        {
            asked.Clarification = pending;
            throw;
        }
        finally
        {
            _answering = null;
        }

        if (result.Outcome != CommandOutcome.Ok)
        {
            asked.Clarification = pending;
            return result;
        }

        asked.Clarification = asked.Clarification with { WorkflowId = result.Value!.WorkflowId };
        await PersistAsync();
        return result;
    }

    /// <summary>Keeps on the request what its history needs once its workflow finished.</summary>
    private static void RememberDecision(RequestRecord request, ExecutionPlan plan)
    {
        if (plan.Decision is not { } decision) return;
        request.DecisionKeywords = [.. decision.Keywords];
        request.DecisionAgents = [.. plan.Plan.Steps.Select(s => s.Agent).Where(a => !string.IsNullOrEmpty(a)).Distinct()!];
    }

    /// <summary>Feeds the tenant's history with a finished request's outcome (completed succeeded; failed or compensated did not; cancelled is not counted).</summary>
    private async Task RecordDecisionOutcomeAsync(RequestRecord request, WorkflowStatus status)
    {
        if (request.DecisionKeywords.Count == 0 || request.DecisionAgents.Count == 0) return;
        if (status is not (WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Compensated)) return;
        try
        {
            await DecisionHistory.RecordAsync([.. request.DecisionKeywords], [.. request.DecisionAgents], status == WorkflowStatus.Completed);
        }
        catch (Exception ex)
        {
            LogDecisionHistoryFailed(ex, SessionKey);
        }
    }

    private ImmutableArray<Clarification> PendingClarifications() =>
        [.. State.Clarifications.Where(c => c.Clarification.AnsweredAt is null).Select(c => c.Clarification)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not reach its tenant's decision history; the decision goes on without it")]
    private partial void LogDecisionHistoryFailed(Exception exception, string sessionKey);
}
