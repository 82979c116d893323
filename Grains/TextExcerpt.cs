namespace TDeveloper.Grains;

/// <summary>Shortens texts that are kept or passed on, so state and prompts stay bounded.</summary>
public static class TextExcerpt
{
    /// <summary>The longest excerpt of a step's output passed to another agent, in characters.</summary>
    public const int MaxStepOutputChars = 4_000;

    /// <summary>Gets <paramref name="text"/> cut to <paramref name="max"/> characters, with "…" marking a cut; null reads as empty.</summary>
    public static string Shorten(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";
}
