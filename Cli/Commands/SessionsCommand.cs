using System.CommandLine;
using Spectre.Console;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev sessions [--status s] [--limit n]</c>: the tenant's sessions, newest first.</summary>
internal static class SessionsCommand
{
    public static Command Create(CommandContext context)
    {
        var status = new Option<SessionStatus?>("--status") { Description = "Only sessions in this status" };
        var limit = new Option<int>("--limit", "-n") { Description = $"How many (1-{SessionQuery.MaxLimit})", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > SessionQuery.MaxLimit) r.AddError($"--limit must be between 1 and {SessionQuery.MaxLimit}");
        });
        var command = new Command("sessions", "List the tenant's sessions, newest first") { status, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var page = await connection.Handles.Sessions.ListAsync(new SessionQuery { Status = parse.GetValue(status), Limit = parse.GetValue(limit) }, cancellationToken);
            var output = context.Output;
            if (output.Json)
            {
                output.WriteJson(page);
                return ExitCodes.Ok;
            }

            if (page.Items.IsEmpty)
            {
                output.Console.WriteLine($"No sessions in {connection.Where}. Start one with: tdev submit \"…\"");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("session", "status", "owner", "created", "updated");
            foreach (var s in page.Items) table.AddRow(Markup.Escape(s.Id), s.Status.ToString(), Markup.Escape(s.Owner), s.CreatedAt.ToString("u"), s.UpdatedAt.ToString("u"));
            output.Console.Write(table);
            if (page.Next is not null) output.Console.WriteLine("More sessions exist: raise --limit.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
