namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// Matches RBAC action and resource patterns. Actions are <c>{kind}:{verb}</c>; a pattern part <c>*</c> matches any part,
/// and <c>*</c> alone any action. Resources are '/'-separated segments; a pattern segment <c>*</c> matches one segment,
/// a segment with <c>*</c> inside (<c>s-*</c>) one segment by glob, and <c>**</c> any number of segments, including none.
/// Matching is ordinal (case-sensitive).
/// </summary>
public static class RbacPatterns
{
    /// <summary>Gets whether <paramref name="pattern"/> matches <paramref name="action"/>.</summary>
    public static bool MatchesAction(string pattern, string action)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(action);
        if (pattern == "*") return true;
        var p = pattern.Split(':');
        var a = action.Split(':');
        if (p.Length != a.Length) return false;
        for (var i = 0; i < p.Length; i++)
        {
            if (!Glob(p[i], a[i])) return false;
        }

        return true;
    }

    /// <summary>Gets whether <paramref name="pattern"/> matches <paramref name="resource"/>.</summary>
    public static bool MatchesResource(string pattern, string resource)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(resource);
        return Segments(pattern.Split('/'), 0, resource.Split('/'), 0);
    }

    /// <summary>Gets what is wrong with an action pattern, or <see langword="null"/> when it is valid.</summary>
    public static string? ProblemOfAction(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "an action pattern is empty";
        if (pattern == "*") return null;
        var parts = pattern.Split(':');
        if (parts.Length != 2 || parts.Any(part => part.Length == 0 || !part.All(IsPatternChar)))
            return $"'{pattern}' is not an action pattern ('kind:verb', either part may be '*', or '*' alone)";
        return null;
    }

    /// <summary>Gets what is wrong with a resource pattern, or <see langword="null"/> when it is valid.</summary>
    public static string? ProblemOfResource(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "a resource pattern is empty";
        foreach (var segment in pattern.Split('/'))
        {
            if (segment.Length == 0) return $"'{pattern}' has an empty segment (a leading, trailing or doubled '/')";
            if (segment != "**" && segment.Contains("**", StringComparison.Ordinal)) return $"'{pattern}': '**' must be a whole segment";
            if (!segment.All(c => IsPatternChar(c) || c is '.' or ':')) return $"'{pattern}': segment '{segment}' has characters other than letters, digits, '-', '_', '.', ':' and '*'";
        }

        return null;
    }

    private static bool IsPatternChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*';

    private static bool Segments(string[] pattern, int p, string[] resource, int r)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == "**")
            {
                // '**' takes any number of segments: try each split, the shortest first.
                for (var skip = r; skip <= resource.Length; skip++)
                {
                    if (Segments(pattern, p + 1, resource, skip)) return true;
                }

                return false;
            }

            if (r >= resource.Length || !Glob(pattern[p], resource[r])) return false;
            p++;
            r++;
        }

        return r == resource.Length;
    }

    /// <summary>Glob within one segment: '*' matches any run of characters (none included).</summary>
    private static bool Glob(string pattern, string text)
    {
        if (pattern == "*") return true;
        if (!pattern.Contains('*', StringComparison.Ordinal)) return string.Equals(pattern, text, StringComparison.Ordinal);
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
