using System.Globalization;
using System.Text;

namespace TDeveloper.Grains.Input;

/// <summary>
/// Puts request text in one canonical form before it is masked, planned and sent to a model: Unicode NFC, <c>\n</c>
/// line endings, no control or invisible formatting characters, no trailing spaces, at most one blank line in a row.
/// </summary>
/// <remarks>
/// Hand-written: no served package normalises text this way. Leading indentation is kept (requests quote code),
/// while runs of spaces inside a line become one space. Removed: C0/C1 controls other than tab and newline, the BOM,
/// zero-width spaces, soft hyphens and the bidirectional overrides that can hide text ("Trojan Source"); the zero-width
/// joiners that some scripts and emoji need are kept.
/// </remarks>
public static class TextNormalizer
{
    /// <summary>Gets <paramref name="text"/> normalised; an empty string for null.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var composed = text.Normalize(NormalizationForm.FormC);
        var output = new StringBuilder(composed.Length);
        var blankLines = 0;
        foreach (var rawLine in SplitLines(composed))
        {
            var line = NormalizeLine(rawLine);
            if (line.Length == 0)
            {
                blankLines++;
                continue;
            }

            if (output.Length > 0) output.Append(blankLines > 0 ? "\n\n" : "\n");
            output.Append(line);
            blankLines = 0;
        }

        return output.ToString().TrimStart(); // the text as a whole is trimmed; later lines keep their indentation
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('\n' or '\r' or '\u2028' or '\u2029' or '\u0085' or '\v' or '\f')) continue;
            yield return text[start..i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }

        yield return text[start..];
    }

    private static string NormalizeLine(string line)
    {
        var output = new StringBuilder(line.Length);
        var indent = true;
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (IsRemoved(c)) continue;
            if (c == '\t' || IsSpace(c))
            {
                if (indent) output.Append(c == '\t' ? '\t' : ' ');
                else pendingSpace = true;
                continue;
            }

            if (pendingSpace) output.Append(' ');
            pendingSpace = false;
            indent = false;
            output.Append(c);
        }

        return indent ? "" : output.ToString(); // a line of only whitespace is blank
    }

    private static bool IsSpace(char c) => c == ' ' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    private static bool IsRemoved(char c) =>
        (char.IsControl(c) && c != '\t') ||
        c is '\uFEFF' or '\u200B' or '\u00AD' or '\u2060' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
