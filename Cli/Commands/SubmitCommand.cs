using System.CommandLine;
using Spectre.Console;
using TDeveloper.Client;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev submit "…" [--session id] [--watch]</c>: submits a request (to a new session unless one is named), shows its plan, and with --watch follows it to the end.</summary>
internal static class SubmitCommand
{
    public static Command Create(CommandContext context)
    {
        var text = new Argument<string>("request") { Description = "What to build or change, in plain words" };
        var session = new Option<string?>("--session", "-s") { Description = "Submit to this session (default: a new one)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the workflow live until it ends, then print a summary" };
        var template = new Option<string?>("--template") { Description = "Plan the request with this plan template" };
        var command = new Command("submit", "Submit a development request and show its plan") { text, session, watch, template };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = context.Output;
            var request = parse.GetValue(text)!;
            if (string.IsNullOrWhiteSpace(request)) throw new CliException(ExitCodes.Usage, "the request is empty");
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var sessions = connection.Handles.Sessions;
            var user = context.App.Profile(parse).EffectiveUser;

            SessionHandle handle;
            if (parse.GetValue(session) is not { } named)
            {
                var title = request.Length <= 60 ? request : request[..57] + "...";
                handle = await sessions.StartAsync(new CreateSessionInput { Owner = user, Title = title }, cancellationToken);
            }
            else
            {
                handle = sessions.GetHandle(named);
                await handle.DescribeAsync(cancellationToken); // an unknown session: exit 3 before anything is submitted
            }

            var sessionId = handle.Id;
            var submitted = (await handle.SubmitAsync(new SubmitRequestInput { Text = request, Template = parse.GetValue(template) }, cancellationToken)).Submitted!;

            var doWatch = parse.GetValue(watch);
            if (output.Json)
            {
                var planned = new { type = "plan", session = sessionId, workflowId = submitted.WorkflowId, status = submitted.Status, queuePosition = submitted.QueuePosition, clarification = submitted.Clarification, plan = submitted.Plan };
                if (doWatch) output.WriteJsonLine(planned); else output.WriteJson(planned);
            }
            else
            {
                Render.Plan(output.Console, sessionId, submitted);
            }

            if (submitted.Clarification is { } question)
            {
                if (!output.Json) output.Console.MarkupLineInterpolated($"[yellow]The request waits for an answer:[/] {question.Question} (clarification {question.Id})");
                return ExitCodes.Ok;
            }

            if (!doWatch)
            {
                if (!output.Json) output.Console.MarkupLineInterpolated($"Follow it with [bold]tdev show {submitted.WorkflowId}[/] or submit with --watch.");
                return ExitCodes.Ok;
            }

            var final = await WorkflowWatcher.WatchAsync(context.Output, connection, sessionId, submitted.WorkflowId, cancellationToken);
            return final.Status == WorkflowStatus.Completed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
