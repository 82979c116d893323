using System.Text.RegularExpressions;

namespace TDeveloper.Grains.Supervision;

/// <summary>A keyword rule: when its pattern matches a request, the request has the intent and needs the agent.</summary>
/// <param name="Intent">The intent name, which is also the plan step id (for example "test").</param>
/// <param name="Agent">The agent that serves the intent.</param>
/// <param name="Pattern">Whole-word, case-insensitive keywords.</param>
public sealed record IntentRule(string Intent, string Agent, Regex Pattern);
