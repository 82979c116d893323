using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Grains.Workflows;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// Runs tasks through the <see cref="IModelInvoker"/> (routing, fallback, quotas) without holding a grain turn: a task starts, its
/// model call runs in the background, and its result is reported to the workflow, retried until the workflow
/// has made it durable. The workflow's journal is the record of a step's effect; the agent keeps its memory
/// (<see cref="AgentMemory"/> tiers, statistics) and saves it behind the work.
/// </summary>
/// <remarks>
/// Each finished task leaves two memory items, its instruction and its result (an error is of high importance). Each new
/// task's system prompt carries the memory most relevant to its instruction, within <see cref="MemoryOptions.ContextTokens"/>
/// and what the smallest window of the models that may take the call leaves (<see cref="ContextBudget"/>). Working and
/// short-term memory live in the activation; only long-term items are persisted, sealed, with the statistics, which keeps
/// the stored hot state under 10 KB (<see cref="MemoryOptions.LongTermMaxItems"/>, <see cref="MemoryOptions.LongTermMaxBytes"/>).
/// </remarks>
/// <remarks>
/// <para>Reentrant on purpose: starting, cancelling and reading run while model calls and reports are awaited.
/// Every state change happens between awaits, and the one write (the memory save) runs from a single timer.</para>
/// </remarks>
[Reentrant]
[Orleans.Placement.ResourceOptimizedPlacement] // Orleans' default since 9.2, pinned: a new instance starts on the silo with the most CPU and memory to spare
public sealed partial class AgentGrain : Grain, IAgentGrain
{
    private static readonly TimeSpan FirstReportRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestReportRetry = TimeSpan.FromSeconds(5);
    private readonly IPersistentState<AgentState> _state;
    private readonly IModelInvoker _models;
    private readonly AgentOptions _options;
    private readonly MemoryOptions _memoryOptions;
    private readonly ModelCatalogOptions _catalog;
    private readonly ModelRouterOptions _router;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentGrain> _logger;
    private readonly Dictionary<string, CancellationTokenSource> _running = [];
    private readonly Dictionary<string, StepResult> _finished = [];
    private readonly Queue<string> _finishedOrder = new();
    private IGrainTimer? _save;
    private AgentMemory _memory;

    /// <summary>Creates the grain with its persisted memory and model.</summary>
    public AgentGrain(
        [PersistentState("agent", StorageNames.State)] IPersistentState<AgentState> state,
        IModelInvoker models,
        IOptions<AgentOptions> options,
        IOptions<MemoryOptions> memoryOptions,
        IOptions<ModelCatalogOptions> catalog,
        IOptions<ModelRouterOptions> router,
        StateSealing sealing,
        TimeProvider time,
        ILogger<AgentGrain> logger)
    {
        _state = sealing.Protect(state, "agent", GrainContext); // the conversation is stored sealed
        _models = models;
        _options = options.Value;
        _memoryOptions = memoryOptions.Value;
        _catalog = catalog.Value;
        _router = router.Value;
        _memory = new AgentMemory(_memoryOptions);
        _time = time;
        _logger = logger;
    }

    /// <summary>The agent's type: instances <c>code</c>, <c>code.1</c>, … are all of type <c>code</c>.</summary>
    private string AgentName => AgentInstances.TypeOf(InstanceName);

    /// <summary>The instance's name, the last segment of its key (<see cref="AgentInstances"/>).</summary>
    private string InstanceName => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    /// <summary>The session the agent works in: its key is <c>{session key}/{instance name}</c>.</summary>
    private string SessionKey => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    /// <summary>Restores long-term memory, and turns a conversation kept before memory tiers into working memory.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var state = _state.State;
        _memory = new AgentMemory(_memoryOptions, state.LongTermMemory);
        if (state.Conversation.Count > 0)
        {
            var now = _time.GetUtcNow();
            foreach (var turn in state.Conversation) _memory.Remember(turn.Role == "assistant" ? "result" : "instruction", turn.Text, MemoryImportance.Normal, now);
            state.Conversation.Clear(); // written with the next save
        }

        OnMemoryRestored();
        ReportPlacement();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AgentTaskAcceptance> StartTaskAsync(AgentTask task)
    {
        if (!AgentTypeChecked) return StartRegisteredTaskAsync(task); // the tenant's registry knows the type and it takes work
        task = WithTypeLimits(task);
        ThrowIfRecreating();

        if (_finished.TryGetValue(task.IdempotencyKey, out var recorded))
        {
            _ = ReportAsync(task, recorded);
            return Task.FromResult(AgentTaskAcceptance.AlreadyFinished);
        }

        if (_running.ContainsKey(task.IdempotencyKey)) return Task.FromResult(AgentTaskAcceptance.AlreadyRunning);

        var cancellation = new CancellationTokenSource(task.Timeout);
        _running[task.IdempotencyKey] = cancellation;
        NoteTaskStarted(task);
        DelayDeactivation(task.Timeout + TimeSpan.FromMinutes(1));
        _ = RunAsync(task, cancellation, Activity.Current?.Context ?? default); // runs after this turn returns: its span names this call's span as parent
        return Task.FromResult(AgentTaskAcceptance.Started);
    }

    /// <inheritdoc/>
    public Task CancelTaskAsync(string idempotencyKey)
    {
        if (_running.Remove(idempotencyKey, out var cancellation)) cancellation.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AgentSnapshot> GetAsync() => Task.FromResult(new AgentSnapshot
    {
        Name = InstanceName,
        AgentType = AgentName,
        TasksCompleted = _state.State.TasksCompleted,
        TasksFailed = _state.State.TasksFailed,
        TotalModelTime = _state.State.TotalModelTime,
        TotalTokens = _state.State.TotalTokens,
        ConversationTurns = _memory.Count,
        TaskInFlight = _running.Keys.FirstOrDefault(),
        TasksInFlight = _running.Count,
    });

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var cancellation in _running.Values) await cancellation.CancelAsync();
        if (_save is null) return;
        _save.Dispose();
        try
        {
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, AgentName); // the memory of the last few seconds is lost; step results are safe in their workflows
        }
    }

    private async Task RunAsync(AgentTask task, CancellationTokenSource cancellation, ActivityContext parent)
    {
        var agentTag = new KeyValuePair<string, object?>("agent", AgentName);
        TDeveloperTelemetry.AgentTasksActive.Add(1, agentTag);
        RoutingTaskStarted();
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("agent.task", ActivityKind.Consumer, parent).WithSession(SessionKey);
        activity?.SetTag(TraceContexts.Agent, AgentName);
        activity?.SetTag("tdeveloper.agent.instance", InstanceName);
        activity?.SetTag(TraceContexts.Workflow, GrainKeys.LocalIdOf(task.WorkflowKey));
        activity?.SetTag(TraceContexts.Step, task.StepId);
        activity?.SetTag(TraceContexts.Attempt, task.Attempt);
        activity?.SetTag("tdeveloper.idempotency_key", task.IdempotencyKey);
        var started = Stopwatch.GetTimestamp();
        var prompt = BuildPrompt(task);
        var streamer = _options.StreamOutput ? OutputStreamerFor(task) : null;
        var tools = new WorkspaceTools(GrainFactory.GetGrain<IWorkspaceGrain>(SessionKey), task.IdempotencyKey);
        StepResult result;
        var request = await WithMemoryAsync(RequestFor(task, prompt, streamer, tools), task, cancellation.Token);
        request = WithProgressNotes(request, task);
        long tokens = 0;
        try
        {
            var reply = await _models.InvokeAsync(request, cancellation.Token);
            tokens = reply.Usage.TotalTokens;
            activity?.SetTag(TraceContexts.Model, reply.Decision.Model);
            activity?.SetTag(TraceContexts.InputTokens, reply.Usage.InputTokens);
            activity?.SetTag(TraceContexts.OutputTokens, reply.Usage.OutputTokens);
            await CountUsageAsync(task, reply);
            result = new StepResult
            {
                StepId = task.StepId, Attempt = task.Attempt, Compensation = task.Compensation, Succeeded = true,
                Output = TextExcerpt.Shorten(reply.Response.Text, _options.MaxOutputChars),
                Model = reply.Decision, Usage = reply.Usage, FilesChanged = tools.FilesWritten,
            };
        }
        catch (Exception ex)
        {
            LogTaskFailed(ex, AgentName, task.IdempotencyKey);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var error = cancellation.IsCancellationRequested && ex is OperationCanceledException ? $"timed out after {task.Timeout.TotalSeconds:0.#} s" : ex is ModelCallException model ? $"{model.Kind}: {model.Message}" : $"{ex.GetType().Name}: {ex.Message}";
            result = new StepResult { StepId = task.StepId, Attempt = task.Attempt, Compensation = task.Compensation, Error = error, Retryable = ModelErrors.IsRetryable(ex) };
        }
        finally
        {
            cancellation.Dispose();
            if (streamer is not null) await streamer.FlushAsync();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        result = result with { Duration = elapsed };
        NoteTaskEnded(task, result);
        TDeveloperTelemetry.AgentTasksActive.Add(-1, agentTag);
        TDeveloperTelemetry.AgentTaskDuration.Record(elapsed.TotalSeconds, agentTag, new("outcome", result.Succeeded ? "succeeded" : "failed"));
        (result.Succeeded ? TDeveloperTelemetry.AgentTasksCompleted : TDeveloperTelemetry.AgentTasksFailed).Add(1, agentTag);
        activity?.SetTag(TraceContexts.Outcome, result.Succeeded ? "succeeded" : "failed");
        RoutingTaskEnded(result, elapsed);

        // A task cancelled by its workflow is no longer wanted: its result is neither remembered nor reported.
        if (!_running.Remove(task.IdempotencyKey)) return;
        Remember(task, result, tokens);
        await ReportAsync(task, result);
    }

    private void Remember(AgentTask task, StepResult result, long tokens)
    {
        _finished[task.IdempotencyKey] = result;
        _finishedOrder.Enqueue(task.IdempotencyKey);
        while (_finishedOrder.Count > _options.ResultsKept) _finished.Remove(_finishedOrder.Dequeue());

        var state = _state.State;
        var now = _time.GetUtcNow();
        _memory.Remember("instruction", task.Instruction, MemoryImportance.Normal, now);
        if (result.Succeeded) _memory.Remember("result", result.Output ?? "", MemoryImportance.Normal, now);
        else _memory.Remember("error", result.Error ?? "", MemoryImportance.High, now);
        var promoted = NewlyLongTerm(state.LongTermMemory);
        state.LongTermMemory = [.. _memory.LongTerm]; // the context of this task may have promoted some
        OnRemembered(result, promoted);
        if (result.Succeeded) state.TasksCompleted++;
        else state.TasksFailed++;
        state.TotalModelTime += result.Duration;
        state.TotalTokens += tokens;
        _save ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(_options.SaveInterval, Timeout.InfiniteTimeSpan));
    }

    /// <summary>Reports a result until the workflow acknowledges it, e.g. while the workflow moves off a lost silo.</summary>
    private async Task ReportAsync(AgentTask task, StepResult result)
    {
        var workflow = GrainFactory.GetGrain<IWorkflowCallbacks>(task.WorkflowKey);
        var deadline = _time.GetUtcNow() + task.Timeout;
        var retry = FirstReportRetry;
        while (true)
        {
            try
            {
                await workflow.OnStepFinishedAsync(result);
                return;
            }
            catch (Exception ex) when (_time.GetUtcNow() < deadline)
            {
                LogReportRetry(ex, AgentName, task.IdempotencyKey, retry.TotalMilliseconds);
                await Task.Delay(retry, _time);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestReportRetry.Ticks));
            }
            catch (Exception ex)
            {
                // The workflow's step timeout hands the attempt over again; the result is remembered for that.
                LogReportAbandoned(ex, AgentName, task.IdempotencyKey);
                return;
            }
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        _save?.Dispose();
        _save = null;
        try
        {
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, AgentName);
            _save ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(_options.SaveInterval, Timeout.InfiniteTimeSpan));
        }
    }

    private ModelRequest RequestFor(AgentTask task, string prompt, StepOutputStreamer? streamer, WorkspaceTools tools) => new()
    {
        Agent = AgentName,
        Messages = BuildMessages(prompt, task),
        Requirements = RequirementsOf(task),
        IdempotencyKey = task.IdempotencyKey,
        OnDelta = streamer is null ? null : streamer.OnDeltaAsync,
        Options = new ChatOptions { Tools = ToolsOf(tools) },
    };

    private StepOutputStreamer OutputStreamerFor(AgentTask task)
    {
        var stream = this.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(SessionKey));
        return new StepOutputStreamer(stream, GrainKeys.LocalIdOf(SessionKey), task, AgentName, _options.OutputDeltaInterval, _time);
    }

    /// <summary>
    /// Counts a reply's tokens and cost in the metrics and the tenant's total, before the result is reported, so a finished
    /// workflow's usage is in its tenant's total. The step's own usage travels with its result.
    /// </summary>
    private async Task CountUsageAsync(AgentTask task, ModelReply reply)
    {
        var model = new KeyValuePair<string, object?>("model", reply.Decision.Model);
        TDeveloperTelemetry.ModelTokens.Add(reply.Usage.InputTokens, model, new("direction", "input"));
        TDeveloperTelemetry.ModelTokens.Add(reply.Usage.OutputTokens, model, new("direction", "output"));
        TDeveloperTelemetry.ModelCost.Add((double)reply.Usage.CostUsd, model);
        var tenant = GrainKeys.TenantOf(task.WorkflowKey);
        try
        {
            await GrainFactory.GetGrain<ITenantUsageGrain>(tenant).AddAsync(reply.Decision.Model, reply.Usage);
        }
        catch (Exception ex)
        {
            LogUsageNotCounted(ex, AgentName, tenant);
        }
    }

    private List<ChatMessage> BuildMessages(string prompt, AgentTask task) =>
    [
        new(ChatRole.System, SystemPrompt),
        TaskMessage.For(prompt, task.Attachments), // chunked text, then the request's images, audio and documents
    ];

    private static string BuildPrompt(AgentTask task) =>
        string.IsNullOrWhiteSpace(task.Context) ? task.Instruction : $"{task.Instruction}\n\n# Work done so far\n{task.Context}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} failed task {IdempotencyKey}")]
    private partial void LogTaskFailed(Exception exception, string agent, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Agent} could not report task {IdempotencyKey} yet; retrying in {DelayMs} ms")]
    private partial void LogReportRetry(Exception exception, string agent, string idempotencyKey, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} gave up reporting task {IdempotencyKey}; the workflow will hand it over again")]
    private partial void LogReportAbandoned(Exception exception, string agent, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not add a call's usage to tenant {Tenant}'s total")]
    private partial void LogUsageNotCounted(Exception exception, string agent, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not save its memory")]
    private partial void LogSaveFailed(Exception exception, string agent);
}
