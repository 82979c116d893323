using System.Collections.Immutable;
using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Grains.Workspaces;

/// <summary>
/// The workspace tools of one step attempt, as functions a model can call: <c>list_files</c>, <c>read_file</c>,
/// <c>write_file</c> and <c>diff_file</c>, bound to one session's <see cref="IWorkspaceGrain"/>. Writes carry the
/// attempt's idempotency key, and the paths whose content changed are collected for <c>StepResult.FilesChanged</c>.
/// </summary>
/// <remarks>
/// A refused or invalid call is answered with its reason as the tool's result rather than thrown, so the model can
/// correct itself (the function-invoking client hides exception messages from the model by default).
/// </remarks>
public sealed class WorkspaceTools
{
    /// <summary>The name of the tool that writes a file.</summary>
    public const string WriteFileName = "write_file";

    /// <summary>The name of the tool that reads a file.</summary>
    public const string ReadFileName = "read_file";

    /// <summary>The name of the tool that lists the files.</summary>
    public const string ListFilesName = "list_files";

    /// <summary>The name of the tool that diffs a proposed content against a file.</summary>
    public const string DiffFileName = "diff_file";

    private readonly IWorkspaceGrain _workspace;
    private readonly string _writer;
    private readonly Lock _gate = new();
    private readonly List<string> _written = [];

    /// <summary>Creates the tools of the attempt <paramref name="writer"/> (its idempotency key) on <paramref name="workspace"/>.</summary>
    public WorkspaceTools(IWorkspaceGrain workspace, string writer)
    {
        _workspace = workspace;
        _writer = writer;
        Functions =
        [
            AIFunctionFactory.Create(ListFilesAsync, ListFilesName, "Lists the files of the session's workspace with their sizes."),
            AIFunctionFactory.Create(ReadFileAsync, ReadFileName, "Reads one file of the session's workspace as text."),
            AIFunctionFactory.Create(WriteFileAsync, WriteFileName, "Creates or replaces one file of the session's workspace with the given text."),
            AIFunctionFactory.Create(DiffFileAsync, DiffFileName, "Shows a unified diff of a proposed text against a file of the session's workspace, without writing."),
        ];
    }

    /// <summary>Gets the functions, for <see cref="ChatOptions.Tools"/>.</summary>
    public IList<AITool> Functions { get; }

    /// <summary>Gets the paths whose content the attempt changed (or a retry of it had changed already), in the order first written.</summary>
    public ImmutableArray<string> FilesWritten
    {
        get
        {
            lock (_gate) return [.. _written];
        }
    }

    private async Task<string> ListFilesAsync()
    {
        var files = await _workspace.ListAsync();
        return files.IsEmpty ? "The workspace is empty." : string.Join('\n', files.Select(f => $"{f.Path} ({f.Size} bytes)"));
    }

    private async Task<string> ReadFileAsync([Description("The file's path, relative to the workspace, '/'-separated.")] string path)
    {
        if (!WorkspacePath.TryNormalize(path, out var normalized, out var error)) return error;
        return await _workspace.ReadAsync(normalized) is { } file ? Encoding.UTF8.GetString(file.Content) : $"There is no file '{normalized}'.";
    }

    private async Task<string> WriteFileAsync(
        [Description("The file's path, relative to the workspace, '/'-separated, e.g. src/LoginService.cs.")] string path,
        [Description("The whole new text of the file.")] string content)
    {
        var result = await _workspace.WriteAsync(new WorkspaceWriteInput { Path = path, Content = Encoding.UTF8.GetBytes(content), Writer = _writer });
        if (!result.IsOk) return $"Refused: {result.Error}";
        // A retried attempt finds its own earlier write: still a file this attempt changed.
        if (result.Value.Changed || result.Value.File.Writer == _writer)
        {
            lock (_gate)
            {
                if (!_written.Contains(result.Value.File.Path)) _written.Add(result.Value.File.Path);
            }
        }

        return result.Value.Changed ? $"Wrote {result.Value.File.Path} ({result.Value.File.Size} bytes)." : $"{result.Value.File.Path} already had this content; nothing changed.";
    }

    private async Task<string> DiffFileAsync(
        [Description("The file's path, relative to the workspace, '/'-separated.")] string path,
        [Description("The proposed whole text of the file.")] string content)
    {
        var result = await _workspace.DiffAsync(path, content);
        if (!result.IsOk) return $"Refused: {result.Error}";
        return result.Value.Changed ? result.Value.UnifiedDiff : $"{result.Value.Path} already has this content.";
    }
}
