using System.Collections.Immutable;
using Spectre.Console;
using TDeveloper.Cli.Connection;
using TDeveloper.Client;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cli.Commands;

/// <summary>Follows one workflow through its session's event stream: live progress per step (Spectre Progress on a terminal, lines otherwise, JSON lines with --json), then a summary.</summary>
internal static class WorkflowWatcher
{
    public static async Task<WorkflowSnapshot> WatchAsync(CliOutput output, TDevConnection connection, string sessionId, string workflowId, CancellationToken cancellationToken)
    {
        var handle = connection.Handles.Workflows.GetHandle(workflowId, sessionId);
        var workflow = await handle.DescribeAsync(cancellationToken);
        if (output.Json || !output.Console.Profile.Capabilities.Interactive)
        {
            await foreach (var e in EventsAsync(connection, handle, cancellationToken))
            {
                if (output.Json) output.WriteJsonLine(new { type = "event", @event = e });
                else Lines(output.Console, e);
            }
        }
        else
        {
            await output.Console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var steps = workflow.Steps;
                    var overall = progress.AddTask($"[bold]{Markup.Escape(workflowId)}[/]", maxValue: Math.Max(1, steps.Length));
                    var tasks = steps.ToDictionary(s => s.Id, s => progress.AddTask(Describe(s.Id, s.Agent, "pending"), autoStart: false, maxValue: 1));
                    await foreach (var e in EventsAsync(connection, handle, cancellationToken))
                    {
                        if (e.StepId is null || !tasks.TryGetValue(e.StepId, out var task)) continue;
                        var agent = e.Agent ?? "";
                        switch (e.Kind)
                        {
                            case SessionEventKind.StepStarted or SessionEventKind.StepRetrying:
                                task.StartTask();
                                task.IsIndeterminate = true;
                                task.Description = Describe(e.StepId, agent, e.Kind == SessionEventKind.StepStarted ? "running" : $"retrying (attempt {e.Attempt})");
                                break;
                            case SessionEventKind.StepOutputDelta when e.Message is { Length: > 0 } delta:
                                task.Description = Describe(e.StepId, agent, "[grey]" + Markup.Escape(LastLine(delta)) + "[/]", escaped: true);
                                break;
                            case SessionEventKind.StepAwaitingApproval:
                                task.Description = Describe(e.StepId, agent, $"[yellow]waits for approval: tdev approve {Markup.Escape(workflowId)} {Markup.Escape(e.StepId)}[/]", escaped: true);
                                break;
                            case SessionEventKind.StepCompleted or SessionEventKind.StepFailed or SessionEventKind.StepSkipped or SessionEventKind.StepCompensated:
                                task.IsIndeterminate = false;
                                task.Value = task.MaxValue;
                                task.Description = Describe(e.StepId, agent, e.Kind switch
                                {
                                    SessionEventKind.StepCompleted => "[green]done[/]",
                                    SessionEventKind.StepFailed => "[red]failed[/]",
                                    SessionEventKind.StepSkipped => "[grey]skipped[/]",
                                    _ => "[grey]compensated[/]",
                                }, escaped: true);
                                task.StopTask();
                                overall.Increment(1);
                                break;
                        }
                    }

                    overall.Value = overall.MaxValue;
                });
        }

        var final = await handle.DescribeAsync(cancellationToken);
        var usage = await connection.Handles.Sessions.GetHandle(sessionId).GetUsageAsync(cancellationToken);
        var summary = Summary.Of(final, usage?.ByWorkflow.GetValueOrDefault(workflowId));
        if (output.Json) output.WriteJsonLine(new { type = "summary", summary });
        else Render.Summary(output.Console, final, summary);
        return final;
    }

    /// <summary>
    /// The workflow's events, from the start of the session's log, until the workflow is no longer running. The session handle's
    /// watch resumes by itself after a dropped connection (remote: SSE with Last-Event-ID), without gaps or repeats.
    /// </summary>
    private static async IAsyncEnumerable<SessionEvent> EventsAsync(TDevConnection connection, WorkflowHandle workflow, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workflowId = workflow.Id;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = connection.Handles.Sessions.GetHandle(workflow.SessionId!).WatchAsync(0, stop.Token).WithCancellation(stop.Token);
        await using var enumerator = events.GetAsyncEnumerator(); // the log is replayed first, so a workflow that already ended still shows how

        while (true)
        {
            bool moved;
            try
            {
                moved = await enumerator.MoveNextAsync();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (!moved) yield break;
            var e = enumerator.Current;
            if (e.WorkflowId != workflowId) continue;
            yield return e;
            if (e.Kind is SessionEventKind.WorkflowCompleted or SessionEventKind.WorkflowFailed or SessionEventKind.WorkflowCancelled or SessionEventKind.WorkflowCompensated
                && await Finished(workflow, cancellationToken))
            {
                yield break;
            }
        }
    }

    private static async Task<bool> Finished(WorkflowHandle workflow, CancellationToken cancellationToken) =>
        await workflow.DescribeAsync(cancellationToken) is var w && !w.Status.IsActive() && w.Status is not WorkflowStatus.Queued and not WorkflowStatus.None;

    private static void Lines(IAnsiConsole console, SessionEvent e)
    {
        var step = e.StepId is null ? "" : $"{e.StepId} ({e.Agent}) ";
        switch (e.Kind)
        {
            case SessionEventKind.StepOutputDelta:
                console.WriteLine($"  {e.StepId}> {e.Message?.TrimEnd()}");
                break;
            case SessionEventKind.StepStarted:
                console.WriteLine($"> {step}started");
                break;
            case SessionEventKind.StepCompleted:
                console.WriteLine($"✔ {step}done");
                break;
            case SessionEventKind.StepFailed:
                console.WriteLine($"✘ {step}failed: {e.Message}");
                break;
            case SessionEventKind.StepAwaitingApproval:
                console.WriteLine($"? {step}waits for approval: tdev approve {e.WorkflowId} {e.StepId}");
                break;
            default:
                console.WriteLine($"· {e.Kind} {step}{e.Status}".TrimEnd());
                break;
        }
    }

    private static string Describe(string step, string agent, string state, bool escaped = false) =>
        $"{Markup.Escape(step)} [grey]({Markup.Escape(agent)})[/] {(escaped ? state : Markup.Escape(state))}";

    private static string LastLine(string text)
    {
        var line = text.TrimEnd().Split('\n')[^1].Trim();
        return line.Length <= 50 ? line : "…" + line[^49..];
    }
}

/// <summary>What a finished workflow cost and changed.</summary>
internal sealed record Summary(string WorkflowId, WorkflowStatus Status, string? Error, long InputTokens, long OutputTokens, long TotalTokens, decimal CostUsd, ImmutableArray<string> FilesChanged, TimeSpan? Duration)
{
    public static Summary Of(WorkflowSnapshot workflow, Grains.Interfaces.Models.ModelUsage? usage)
    {
        var steps = workflow.Steps.Where(s => s.Usage is not null).Select(s => s.Usage!).ToList();
        var input = usage?.InputTokens ?? steps.Sum(u => u.InputTokens);
        var outputTokens = usage?.OutputTokens ?? steps.Sum(u => u.OutputTokens);
        var cost = usage?.CostUsd ?? steps.Sum(u => u.CostUsd);
        var files = workflow.Steps.SelectMany(s => s.FilesChanged).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new Summary(workflow.Id, workflow.Status, workflow.Error, input, outputTokens, input + outputTokens, cost, files, workflow.FinishedAt - workflow.CreatedAt);
    }
}
