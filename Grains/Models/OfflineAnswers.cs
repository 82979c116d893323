using System.Globalization;
using System.Text.RegularExpressions;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Models;

/// <summary>A file the offline model writes through the workspace tools.</summary>
/// <param name="Path">The workspace path.</param>
/// <param name="Content">The text.</param>
public sealed record OfflineFile(string Path, string Content);

/// <summary>The offline model's deterministic answers: a plausible, clearly labelled Markdown answer per agent kind.</summary>
public static partial class OfflineAnswers
{
    /// <summary>The label every offline answer starts with.</summary>
    public const string Label = "[offline model]";

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "and", "or", "with", "for", "to", "of", "in", "on", "add", "build", "create", "implement", "write", "make",
        "design", "test", "tests", "code", "new", "some", "this", "that", "request", "please", "api", "apis", "endpoint", "our", "my",
        "review", "security", "document", "docs", "fix", "it", "its", "is", "be", "by", "from", "into", "using", "use",
    ];

    /// <summary>Gets the answer of <paramref name="agentName"/> to <paramref name="task"/>.</summary>
    public static string For(string agentName, string task)
    {
        var firstLine = task.Split('\n', 2)[0].Trim();
        var subject = SubjectOf(firstLine);
        var header = $"{Label} {agentName}: deterministic answer, no language model was called.\n\nTask: {TextExcerpt.Shorten(firstLine, 200)}\n\n";
        return header + agentName switch
        {
            AgentNames.Design => $"## Design of {subject}\n- Component `{subject}Service` behind an HTTP endpoint `/{subject.ToLowerInvariant()}`.\n- Data model: `{subject}` record with id, owner and timestamps.\n- Interfaces: `I{subject}Service` with create, get and list operations.\n- Decision: keep state in one store; validate input at the edge.",
            AgentNames.Code => $"## Implementation of {subject}\n```csharp\n{ServiceCode(subject)}```",
            AgentNames.Test => $"## Tests for {subject}\n```csharp\n{TestCode(subject)}```",
            AgentNames.Security => $"## Security review of {subject}\n1. Validate and size-limit every input of `{subject}Service`.\n2. Require authentication; check the caller owns the `{subject}`.\n3. Never log secrets or personal data.\n4. Rate-limit the endpoint.",
            AgentNames.Docs => $"## {subject}\nUse `POST /{subject.ToLowerInvariant()}` to create one and `GET /{subject.ToLowerInvariant()}/{{id}}` to read it back.",
            AgentNames.Review => $"## Review of {subject}\nDesign, code and tests are consistent. Before shipping: run the tests in CI and address the security items.",
            _ => $"## {agentName} on {subject}\nDone.",
        };
    }

    /// <summary>
    /// Gets the file <paramref name="agentName"/> writes for <paramref name="task"/> when it has the workspace tools, or
    /// <see langword="null"/> for an agent that writes none: code under <c>src/</c>, tests under <c>tests/</c>, designs,
    /// docs and reviews as Markdown.
    /// </summary>
    public static OfflineFile? FileFor(string agentName, string task)
    {
        var subject = SubjectOf(task.Split('\n', 2)[0].Trim());
        var slug = subject.ToLowerInvariant();
        string? Markdown() => For(agentName, task).Split("\n\n", 3) is [_, _, var body] ? body + "\n" : null;
        return agentName switch
        {
            AgentNames.Code => new OfflineFile($"src/{subject}Service.cs", ServiceCode(subject)),
            AgentNames.Test => new OfflineFile($"tests/{subject}ServiceTests.cs", TestCode(subject)),
            AgentNames.Design => new OfflineFile($"docs/design/{slug}.md", Markdown()!),
            AgentNames.Docs => new OfflineFile($"docs/{slug}.md", Markdown()!),
            AgentNames.Security => new OfflineFile($"reviews/{slug}-security.md", Markdown()!),
            AgentNames.Review => new OfflineFile($"reviews/{slug}.md", Markdown()!),
            _ => null,
        };
    }

    /// <summary>Gets the answer of <paramref name="agentName"/> after its write of <paramref name="file"/> was answered with <paramref name="toolResult"/>.</summary>
    public static string AfterWrite(string agentName, string task, OfflineFile file, string? toolResult) =>
        For(agentName, task) + (toolResult?.StartsWith("Refused", StringComparison.Ordinal) == true
            ? $"\n\nCould not write `{file.Path}`: {toolResult}"
            : $"\n\nFiles written: `{file.Path}`.");

    /// <summary>Gets a PascalCase name for the main subject of a request (for example "Login" for "add a login API").</summary>
    public static string SubjectOf(string text)
    {
        var afterColon = text.Contains(':') ? text[(text.IndexOf(':') + 1)..] : text;
        var word = Words().Matches(afterColon).Select(m => m.Value.ToLowerInvariant()).FirstOrDefault(w => !StopWords.Contains(w) && w.Length > 2);
        return word is null ? "Feature" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word);
    }

    private static string ServiceCode(string subject) =>
        $"public sealed class {subject}Service(I{subject}Store store)\n{{\n    public async Task<{subject}> CreateAsync({subject}Input input, CancellationToken ct)\n    {{\n        ArgumentNullException.ThrowIfNull(input);\n        return await store.SaveAsync(new {subject}(Guid.NewGuid(), input), ct);\n    }}\n}}\n";

    private static string TestCode(string subject) =>
        $"public class {subject}ServiceTests\n{{\n    [Fact] public async Task Create_stores_the_input() {{ /* arrange, act, assert */ }}\n    [Fact] public async Task Create_rejects_null_input() {{ /* expect ArgumentNullException */ }}\n}}\n";

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Words();
}
