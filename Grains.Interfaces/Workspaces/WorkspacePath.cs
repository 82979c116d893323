using System.Diagnostics.CodeAnalysis;

namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>
/// Checks and normalises workspace paths: relative, '/'-separated ('\' is read as '/'), no empty, '.' or '..'
/// segment after normalising, no control characters, no drive or root, at most <see cref="MaxLength"/> characters.
/// </summary>
public static class WorkspacePath
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxLength = 256;

    /// <summary>The longest path segment accepted, in characters.</summary>
    public const int MaxSegmentLength = 128;

    /// <summary>Gets the normalised form of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is not a valid workspace path; the message says why.</exception>
    public static string Normalize(string? path) =>
        TryNormalize(path, out var normalized, out var error) ? normalized : throw new ArgumentException(error, nameof(path));

    /// <summary>Normalises <paramref name="path"/> ("./a//b" → "a/b"), or says why it is not a valid workspace path.</summary>
    public static bool TryNormalize(string? path, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        error = Check(path);
        if (error is not null) return false;

        var segments = path!.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Length == 0) error = "A workspace path must name a file.";
        else if (segments.Contains("..")) error = $"The workspace path '{path}' may not contain '..'.";
        else if (segments.FirstOrDefault(s => s.Length > MaxSegmentLength) is { } longSegment) error = $"A workspace path segment is longer than {MaxSegmentLength} characters ('{longSegment[..16]}…').";
        else if (segments.FirstOrDefault(s => s.EndsWith('.') || s.EndsWith(' ')) is { } trailing) error = $"The workspace path segment '{trailing}' may not end with '.' or a space.";
        if (error is not null) return false;

        normalized = string.Join('/', segments);
        return true;
    }

    private static string? Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "A workspace path must not be empty.";
        if (path.Length > MaxLength) return $"A workspace path may be at most {MaxLength} characters; this one has {path.Length}.";
        if (path.Any(char.IsControl)) return "A workspace path may not contain control characters.";
        if (path[0] is '/' or '\\' || (path.Length > 1 && path[1] == ':')) return $"The workspace path '{path}' must be relative.";
        if (path.IndexOfAny([':', '*', '?', '"', '<', '>', '|']) >= 0) return $"The workspace path '{path}' contains a character that is not allowed (: * ? \" < > |).";
        return null;
    }
}
