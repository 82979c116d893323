using DiffPlex;
using DiffPlex.Renderer;

namespace TDeveloper.Grains.Workspaces;

/// <summary>Unified diffs of workspace text, rendered by DiffPlex with three lines of context.</summary>
public static class WorkspaceDiffer
{
    private static readonly UnidiffRenderer Renderer = new(new Differ(), contextLines: 3);

    /// <summary>Gets the unified diff from <paramref name="current"/> (<see langword="null"/>: no file yet) to <paramref name="proposed"/>; empty when they are equal.</summary>
    /// <remarks>
    /// DiffPlex counts the empty "line" after a final newline, so final newlines are left out of the comparison
    /// (a diff in nothing else says so); and it numbers an empty old side from 1, where the format says 0.
    /// </remarks>
    public static string Unified(string path, string? current, string proposed)
    {
        if (current == proposed) return "";
        var from = current is null ? "/dev/null" : $"a/{path}";
        var old = WithoutFinalNewline(current ?? "");
        var changed = WithoutFinalNewline(proposed);
        if (old == changed && current is null) return $"--- {from}\n+++ b/{path}\n";
        if (old == changed) return $"--- {from}\n+++ b/{path}\n\\ Only the final newline differs.\n";
        var diff = Renderer.Generate(old, changed, from, $"b/{path}", ignoreWhitespace: false, ignoreCase: false);
        return old.Length == 0 ? diff.Replace("@@ -1,0 ", "@@ -0,0 ", StringComparison.Ordinal) : diff;
    }

    private static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}
