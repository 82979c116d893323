using System.CommandLine;
using TDeveloper.Client;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev show &lt;session|workflow&gt;</c>: a session (its requests and usage) or a workflow (its steps).</summary>
internal static class ShowCommand
{
    public static Command Create(CommandContext context)
    {
        var id = new Argument<string>("id") { Description = "A session id or a workflow id" };
        var command = new Command("show", "Show a session or a workflow") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(id)!;
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var output = context.Output;
            var session = connection.Handles.Sessions.GetHandle(key);
            try
            {
                var snapshot = await session.DescribeAsync(cancellationToken);
                var usage = await session.GetUsageAsync(cancellationToken);
                if (output.Json) output.WriteJson(new { kind = "session", session = snapshot, usage });
                else Render.Session(output.Console, snapshot, usage);
                return ExitCodes.Ok;
            }
            catch (TDeveloperNotFoundException)
            {
                // not a session: maybe a workflow
            }

            try
            {
                var workflow = await connection.Handles.Workflows.GetHandle(key).DescribeAsync(cancellationToken);
                if (output.Json) output.WriteJson(new { kind = "workflow", workflow });
                else Render.Workflow(output.Console, workflow);
                return ExitCodes.Ok;
            }
            catch (TDeveloperNotFoundException)
            {
                throw new CliException(ExitCodes.NotFound, $"no session or workflow '{key}' in {connection.Where}");
            }
        });
        return command;
    }
}
