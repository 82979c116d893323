using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// Runs tasks with the configured <see cref="IChatClient"/> without holding a grain turn: the
/// task is recorded, the model call runs in the background, and its result is persisted under
/// the task's idempotency key before it is reported to the workflow.
/// </summary>
public sealed partial class AgentGrain : DurableGrain, IAgentGrain
{
    private readonly IPersistentState<AgentState> _state;
    private readonly IChatClient _model;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentGrain> _logger;
    private readonly HashSet<string> _running = [];

    // Background completions and request turns may interleave at awaits; state writes must not overlap.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates the grain with its persisted state and model.</summary>
    public AgentGrain(
        [PersistentState("agent", StorageNames.State)] IPersistentState<AgentState> state,
        IChatClient model,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<AgentGrain> logger)
    {
        _state = state;
        _model = model;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private string AgentName => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    /// <inheritdoc/>
    public async Task<AgentTaskAcceptance> StartTaskAsync(AgentTask task)
    {
        if (!AgentNames.All.Contains(AgentName)) throw new ArgumentException($"'{AgentName}' is not a known agent.", nameof(task));

        if (_state.State.Results.Find(r => r.IdempotencyKey == task.IdempotencyKey) is { } recorded)
        {
            Report(recorded.WorkflowKey, recorded.Result);
            return AgentTaskAcceptance.AlreadyFinished;
        }

        if (!_running.Add(task.IdempotencyKey)) return AgentTaskAcceptance.AlreadyRunning;

        _state.State.InFlight = task;
        await WriteAsync();
        DelayDeactivation(task.Timeout + TimeSpan.FromMinutes(1));
        _ = RunAsync(task);
        return AgentTaskAcceptance.Started;
    }

    /// <inheritdoc/>
    public Task<AgentSnapshot> GetAsync() => Task.FromResult(new AgentSnapshot
    {
        Name = AgentName,
        TasksCompleted = _state.State.TasksCompleted,
        TasksFailed = _state.State.TasksFailed,
        TotalModelTime = _state.State.TotalModelTime,
        TotalTokens = _state.State.TotalTokens,
        ConversationTurns = _state.State.Conversation.Count,
        TaskInFlight = _state.State.InFlight?.IdempotencyKey,
    });

    private async Task RunAsync(AgentTask task)
    {
        var agentTag = new KeyValuePair<string, object?>("agent", AgentName);
        TDeveloperTelemetry.AgentTasksActive.Add(1, agentTag);
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("agent.task");
        activity?.SetTag("tdeveloper.agent", AgentName);
        activity?.SetTag("tdeveloper.idempotency_key", task.IdempotencyKey);
        var started = Stopwatch.GetTimestamp();
        StepResult result;
        long tokens = 0;
        string prompt = BuildPrompt(task);
        try
        {
            using var timeout = new CancellationTokenSource(task.Timeout);
            var response = await _model.GetResponseAsync(BuildMessages(prompt), cancellationToken: timeout.Token);
            tokens = response.Usage?.TotalTokenCount ?? 0;
            result = new StepResult { StepId = task.StepId, Attempt = task.Attempt, Compensation = task.Compensation, Succeeded = true, Output = TextExcerpt.Shorten(response.Text, _options.MaxOutputChars) };
        }
        catch (Exception ex)
        {
            LogTaskFailed(ex, AgentName, task.IdempotencyKey);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            result = new StepResult { StepId = task.StepId, Attempt = task.Attempt, Compensation = task.Compensation, Error = $"{ex.GetType().Name}: {ex.Message}", Retryable = ErrorClassifier.IsRetryable(ex) };
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        result = result with { Duration = elapsed };
        TDeveloperTelemetry.AgentTasksActive.Add(-1, agentTag);
        TDeveloperTelemetry.AgentTaskDuration.Record(elapsed.TotalSeconds, agentTag, new("outcome", result.Succeeded ? "succeeded" : "failed"));

        try
        {
            await RecordAsync(task, prompt, result, tokens);
        }
        catch (Exception ex)
        {
            // Not recorded means not reported: the workflow hands the attempt over again and it reruns.
            LogRecordFailed(ex, AgentName, task.IdempotencyKey);
            return;
        }
        finally
        {
            _running.Remove(task.IdempotencyKey);
        }

        Report(task.WorkflowKey, result);
    }

    private async Task RecordAsync(AgentTask task, string prompt, StepResult result, long tokens)
    {
        var state = _state.State;
        var now = _time.GetUtcNow();
        state.Conversation.Add(new ConversationTurn { Role = "user", Text = TextExcerpt.Shorten(prompt, _options.MaxTurnChars), At = now });
        state.Conversation.Add(new ConversationTurn { Role = "assistant", Text = TextExcerpt.Shorten(result.Output ?? result.Error ?? "", _options.MaxTurnChars), At = now });
        TrimFront(state.Conversation, _options.ConversationTurnsKept);
        state.Results.Add(new RecordedResult { IdempotencyKey = task.IdempotencyKey, WorkflowKey = task.WorkflowKey, Result = result });
        TrimFront(state.Results, _options.ResultsKept);
        if (state.InFlight?.IdempotencyKey == task.IdempotencyKey) state.InFlight = null;
        if (result.Succeeded) state.TasksCompleted++;
        else state.TasksFailed++;
        state.TotalModelTime += result.Duration;
        state.TotalTokens += tokens;
        await WriteAsync();
    }

    private void Report(string workflowKey, StepResult result) =>
        GrainFactory.GetGrain<IWorkflowGrain>(workflowKey).OnStepFinishedAsync(result).Ignore();

    private async Task WriteAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            await WriteOrReloadAsync(_state);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private List<ChatMessage> BuildMessages(string prompt)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, AgentPrompts.SystemPromptFor(AgentName)) };
        messages.AddRange(_state.State.Conversation.Select(turn => new ChatMessage(turn.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, turn.Text)));
        messages.Add(new ChatMessage(ChatRole.User, prompt));
        return messages;
    }

    private static string BuildPrompt(AgentTask task) =>
        string.IsNullOrWhiteSpace(task.Context) ? task.Instruction : $"{task.Instruction}\n\n# Work done so far\n{task.Context}";

    private static void TrimFront<T>(List<T> list, int keep)
    {
        if (list.Count > keep) list.RemoveRange(0, list.Count - keep);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} failed task {IdempotencyKey}")]
    private partial void LogTaskFailed(Exception exception, string agent, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Agent} could not record the result of task {IdempotencyKey}; it will run again when handed over")]
    private partial void LogRecordFailed(Exception exception, string agent, string idempotencyKey);
}
