using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Supervision;

/// <summary>The supervisor's built-in rules, in plan order: design, then code, then test, security and docs, then review.</summary>
public static partial class IntentRules
{
    /// <summary>The confidence of a single rule match (the seed's 0.8); every further matched keyword adds 0.05, up to 0.95.</summary>
    public const double RuleConfidence = 0.8;

    /// <summary>Gets the rules.</summary>
    public static ImmutableArray<IntentRule> All { get; } =
    [
        new("design", AgentNames.Design, Design()),
        new("code", AgentNames.Code, Code()),
        new("test", AgentNames.Test, Test()),
        new("security", AgentNames.Security, Security()),
        new("docs", AgentNames.Docs, Docs()),
        new("review", AgentNames.Review, Review()),
    ];

    [GeneratedRegex(@"\b(design\w*|architect\w*|schema\w*|diagram\w*|data ?model\w*|wireframe\w*|ui|ux)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Design();

    [GeneratedRegex(@"\b(code|coding|implement\w*|add|build|create|develop\w*|write|fix\w*|refactor\w*|api|apis|endpoint\w*|feature\w*|function\w*|service|migrat\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Code();

    [GeneratedRegex(@"\b(test\w*|unit|coverage|qa|e2e|verif\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Test();

    [GeneratedRegex(@"\b(secur\w*|auth\w*|login|logins|password\w*|vulnerab\w*|owasp|encrypt\w*|jwt|oauth\w*|xss|csrf|injection)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Security();

    [GeneratedRegex(@"\b(document\w*|docs|readme|guide\w*|tutorial\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Docs();

    [GeneratedRegex(@"\b(review\w*|audit\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Review();
}
