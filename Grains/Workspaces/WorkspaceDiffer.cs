using DiffPlex;
using DiffPlex.Renderer;

namespace TDeveloper.Grains.Workspaces;

/// <summary>Unified diffs of workspace text, rendered by DiffPlex with three lines of context.</summary>
public static class WorkspaceDiffer
{
    private static readonly UnidiffRenderer Renderer = new(new Differ(), contextLines: 3);

    /// <summary>Gets the unified diff from <paramref name="current"/> (<see langword="null"/>: no file yet) to <paramref name="proposed"/>; empty when they are equal.</summary>
    public static string Unified(string path, string? current, string proposed)
    {
        if (current == proposed) return "";
        var from = current is null ? "/dev/null" : $"a/{path}";
        return Renderer.Generate(current ?? "", proposed, from, $"b/{path}", ignoreWhitespace: false, ignoreCase: false);
    }
}
