using Spectre.Console;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cli.Commands;

/// <summary>People's views of plans, sessions, workflows and summaries.</summary>
internal static class Render
{
    public static void Plan(IAnsiConsole console, string sessionId, SubmittedRequest submitted)
    {
        console.MarkupLineInterpolated($"Session [bold]{sessionId}[/], workflow [bold]{submitted.WorkflowId}[/]: {submitted.Status}{(submitted.QueuePosition is { } p ? $" (queue position {p})" : "")}");
        if (submitted.Plan.Rationale is { Length: > 0 } why) console.MarkupLineInterpolated($"[grey]{why}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("step", "agent", "after", "instruction");
        foreach (var step in submitted.Plan.Plan.Steps)
        {
            table.AddRow(Markup.Escape(step.Id), Markup.Escape(step.Agent), Markup.Escape(string.Join(", ", step.DependsOn)), Markup.Escape(Shorten(step.Instruction, 70)));
        }

        console.Write(table);
    }

    public static void Workflow(IAnsiConsole console, WorkflowSnapshot workflow)
    {
        console.MarkupLineInterpolated($"Workflow [bold]{workflow.Id}[/] of session {workflow.SessionId}: [bold]{workflow.Status}[/]");
        console.MarkupLineInterpolated($"[grey]{Shorten(workflow.RequestText, 100)}[/]");
        if (workflow.Error is { Length: > 0 } error) console.MarkupLineInterpolated($"[red]{error}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("step", "agent", "status", "attempts", "tokens", "cost", "files");
        foreach (var step in workflow.Steps)
        {
            table.AddRow(Markup.Escape(step.Id), Markup.Escape(step.Agent), Status(step.Status), step.Attempts.ToString(), (step.Usage?.TotalTokens ?? 0).ToString(), $"${step.Usage?.CostUsd ?? 0:0.0000}", step.FilesChanged.Length.ToString());
        }

        console.Write(table);
    }

    public static void Session(IAnsiConsole console, SessionSnapshot session, Grains.Interfaces.Models.UsageBreakdown? usage)
    {
        console.MarkupLineInterpolated($"Session [bold]{session.Id}[/] ({session.Title ?? "untitled"}): [bold]{session.Status}[/], owner {session.Owner}, created {session.CreatedAt:u}");
        if (usage is not null) console.MarkupLineInterpolated($"Tokens {usage.Total.TotalTokens} ({usage.Total.InputTokens} in, {usage.Total.OutputTokens} out), cost ${usage.Total.CostUsd:0.0000}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("workflow", "status", "submitted", "request");
        foreach (var request in session.Requests)
        {
            table.AddRow(Markup.Escape(request.WorkflowId), request.Status.ToString(), request.SubmittedAt.ToString("u"), Markup.Escape(Shorten(request.Text, 60)));
        }

        console.Write(table);
        foreach (var question in session.PendingClarifications) console.MarkupLineInterpolated($"[yellow]Waiting for an answer:[/] {question.Question} ({question.Id})");
    }

    public static void Summary(IAnsiConsole console, WorkflowSnapshot workflow, Summary summary)
    {
        var colour = workflow.Status == WorkflowStatus.Completed ? "green" : "red";
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]status[/]", $"[{colour}]{workflow.Status}[/]{(summary.Error is { } e ? " " + Markup.Escape(e) : "")}");
        grid.AddRow("[bold]tokens[/]", $"{summary.TotalTokens} ({summary.InputTokens} in, {summary.OutputTokens} out)");
        grid.AddRow("[bold]cost[/]", $"${summary.CostUsd:0.0000}");
        grid.AddRow("[bold]time[/]", summary.Duration is { } d ? $"{d.TotalSeconds:0.0} s" : "-");
        grid.AddRow("[bold]files changed[/]", summary.FilesChanged.Length == 0 ? "none" : Markup.Escape(string.Join("\n", summary.FilesChanged)));
        console.Write(new Panel(grid).Header($"workflow {Markup.Escape(workflow.Id)}").Border(BoxBorder.Rounded));
    }

    private static string Status(StepStatus status) => status switch
    {
        StepStatus.Completed => "[green]Completed[/]",
        StepStatus.Failed => "[red]Failed[/]",
        StepStatus.Running => "[blue]Running[/]",
        StepStatus.AwaitingApproval => "[yellow]AwaitingApproval[/]",
        _ => status.ToString(),
    };

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
