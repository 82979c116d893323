using System.Globalization;
using System.Text.RegularExpressions;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Models;

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
            AgentNames.Code => $"## Implementation of {subject}\n```csharp\npublic sealed class {subject}Service(I{subject}Store store)\n{{\n    public async Task<{subject}> CreateAsync({subject}Input input, CancellationToken ct)\n    {{\n        ArgumentNullException.ThrowIfNull(input);\n        return await store.SaveAsync(new {subject}(Guid.NewGuid(), input), ct);\n    }}\n}}\n```",
            AgentNames.Test => $"## Tests for {subject}\n```csharp\npublic class {subject}ServiceTests\n{{\n    [Fact] public async Task Create_stores_the_input() {{ /* arrange, act, assert */ }}\n    [Fact] public async Task Create_rejects_null_input() {{ /* expect ArgumentNullException */ }}\n}}\n```",
            AgentNames.Security => $"## Security review of {subject}\n1. Validate and size-limit every input of `{subject}Service`.\n2. Require authentication; check the caller owns the `{subject}`.\n3. Never log secrets or personal data.\n4. Rate-limit the endpoint.",
            AgentNames.Docs => $"## {subject}\nUse `POST /{subject.ToLowerInvariant()}` to create one and `GET /{subject.ToLowerInvariant()}/{{id}}` to read it back.",
            AgentNames.Review => $"## Review of {subject}\nDesign, code and tests are consistent. Before shipping: run the tests in CI and address the security items.",
            _ => $"## {agentName} on {subject}\nDone.",
        };
    }

    /// <summary>Gets a PascalCase name for the main subject of a request (for example "Login" for "add a login API").</summary>
    public static string SubjectOf(string text)
    {
        var afterColon = text.Contains(':') ? text[(text.IndexOf(':') + 1)..] : text;
        var word = Words().Matches(afterColon).Select(m => m.Value.ToLowerInvariant()).FirstOrDefault(w => !StopWords.Contains(w) && w.Length > 2);
        return word is null ? "Feature" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word);
    }


    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Words();
}
