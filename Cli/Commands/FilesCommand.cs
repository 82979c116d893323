using System.CommandLine;
using Spectre.Console;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev files &lt;session&gt; [--out dir]</c>: downloads the session's workspace as a zip and lists its files.</summary>
internal static class FilesCommand
{
    public static Command Create(CommandContext context)
    {
        var sessionId = new Argument<string>("session") { Description = "The session id" };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Directory to write <session>.zip into (default: the current directory)" };
        var command = new Command("files", "Download a session's workspace as a zip") { sessionId, outDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var session = parse.GetValue(sessionId)!;
            await using var connection = await context.ConnectAsync(parse, cancellationToken);
            var handle = connection.Handles.Sessions.GetHandle(session);
            var files = await handle.ListFilesAsync(cancellationToken);
            var zip = await handle.DownloadWorkspaceZipAsync(cancellationToken);

            var directory = parse.GetValue(outDir)?.FullName ?? Directory.GetCurrentDirectory();
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, string.Join("_", session.Split(Path.GetInvalidFileNameChars())) + ".zip");
            await File.WriteAllBytesAsync(path, zip, cancellationToken);
            var output = context.Output;
            if (output.Json)
            {
                output.WriteJson(new { session, path, bytes = zip.Length, files });
                return ExitCodes.Ok;
            }

            output.Console.MarkupLineInterpolated($"Wrote [bold]{path}[/] ({zip.Length} bytes, {files.Length} files)");
            if (files.Length > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("path", "size", "modified", "by");
                foreach (var f in files) table.AddRow(Markup.Escape(f.Path), f.Size.ToString(), f.Modified.ToString("u"), Markup.Escape(f.Writer));
                output.Console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
