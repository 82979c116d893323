using System.CommandLine;

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
            var client = connection.Client;
            var output = context.Output;
            if (await client.GetSessionAsync(connection.Tenant, key, cancellationToken) is { } session)
            {
                var usage = await client.GetSessionUsageAsync(connection.Tenant, key, cancellationToken);
                if (output.Json) output.WriteJson(new { kind = "session", session, usage });
                else Render.Session(output.Console, session, usage);
                return ExitCodes.Ok;
            }

            if (await client.GetWorkflowAsync(connection.Tenant, key, cancellationToken) is { } workflow)
            {
                if (output.Json) output.WriteJson(new { kind = "workflow", workflow });
                else Render.Workflow(output.Console, workflow);
                return ExitCodes.Ok;
            }

            throw new CliException(ExitCodes.NotFound, $"no session or workflow '{key}' in tenant '{connection.Tenant}'");
        });
        return command;
    }
}
