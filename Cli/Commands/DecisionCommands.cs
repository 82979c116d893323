using Spectre.Console;
using System.CommandLine;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev approve &lt;workflow&gt; &lt;step&gt; [--reject]</c> and <c>tdev cancel &lt;workflow&gt;</c>.</summary>
internal static class DecisionCommands
{
    public static Command CreateApprove(CommandContext context)
    {
        var workflowId = new Argument<string>("workflow") { Description = "The workflow id" };
        var stepId = new Argument<string>("step") { Description = "The approval step that waits for a decision" };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approve" };
        var comment = new Option<string?>("--comment", "-m") { Description = $"Why (at most {ApprovalDecision.MaxCommentLength} characters)" };
        var command = new Command("approve", "Approve (or --reject) a step that waits for a decision") { workflowId, stepId, reject, comment };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflow = parse.GetValue(workflowId)!;
            var step = parse.GetValue(stepId)!;
            var approved = !parse.GetValue(reject);
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var decision = new ApprovalDecision { StepId = step, Approved = approved, Comment = parse.GetValue(comment), DecidedBy = context.App.Profile(parse).EffectiveUser };
            var result = await connection.Handles.Transport.DecideAsync(workflow, decision, cancellationToken);
            if (context.Output.Json) context.Output.WriteJson(new { workflow = result, step, approved });
            else context.Output.Console.MarkupLineInterpolated($"{(approved ? "Approved" : "Rejected")} step [bold]{step}[/] of workflow {workflow}; it is now {result.Status}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateCancel(CommandContext context)
    {
        var workflowId = new Argument<string>("workflow") { Description = "The workflow id" };
        var reason = new Option<string>("--reason") { Description = "Why", DefaultValueFactory = _ => "cancelled from tdev" };
        var command = new Command("cancel", "Cancel a running workflow") { workflowId, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workflow = parse.GetValue(workflowId)!;
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var result = await connection.Handles.Workflows.GetHandle(workflow).CancelAsync(parse.GetValue(reason)!, cancellationToken);
            if (context.Output.Json) context.Output.WriteJson(result);
            else context.Output.Console.MarkupLineInterpolated($"Workflow [bold]{workflow}[/] is now {result.Status}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
