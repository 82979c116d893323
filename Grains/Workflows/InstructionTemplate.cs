using System.Text.RegularExpressions;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// Renders a step's instruction: <c>{{request}}</c> becomes the request text and
/// <c>{{steps.&lt;id&gt;.output}}</c> the output of a step it depends on.
/// </summary>
public static partial class InstructionTemplate
{
    /// <summary>Gets the ids of the steps whose outputs an instruction uses.</summary>
    public static IEnumerable<string> ReferencedSteps(string instruction) =>
        Placeholder().Matches(instruction).Where(m => m.Groups["step"].Success).Select(m => m.Groups["step"].Value).Distinct();

    /// <summary>Renders <paramref name="instruction"/> for <paramref name="requestText"/> and the steps' current states.</summary>
    public static string Render(string instruction, string requestText, IReadOnlyDictionary<string, StepState> steps) =>
        Placeholder().Replace(instruction, match =>
        {
            if (!match.Groups["step"].Success) return requestText;
            return TextExcerpt.Shorten(steps.TryGetValue(match.Groups["step"].Value, out var state) ? state.Output : null, TextExcerpt.MaxStepOutputChars);
        });

    [GeneratedRegex(@"\{\{\s*(request|steps\.(?<step>[A-Za-z0-9_-]+)\.output)\s*\}\}")]
    private static partial Regex Placeholder();
}
