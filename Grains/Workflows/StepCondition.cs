using System.Collections.Immutable;
using System.Globalization;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// A parsed step condition: comparisons of earlier steps' fields with literals, combined with
/// <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and parentheses.
/// </summary>
/// <remarks>
/// A comparison is <c>steps.{id}.{field} {op} {literal}</c>, with field <c>status</c>, <c>output</c>,
/// <c>error</c> or <c>attempts</c>, op <c>==</c>, <c>!=</c> or <c>contains</c>, and a quoted string or
/// a number. Status compares by name, ignoring case; <c>contains</c> ignores case.
/// Example: <c>steps.test.status == 'Completed' &amp;&amp; !(steps.security.output contains 'critical')</c>.
/// </remarks>
public sealed class StepCondition
{
    private static readonly ImmutableArray<string> Fields = ["status", "output", "error", "attempts"];
    private readonly Func<IReadOnlyDictionary<string, StepState>, bool> _evaluate;

    private StepCondition(Func<IReadOnlyDictionary<string, StepState>, bool> evaluate, ImmutableHashSet<string> steps)
    {
        _evaluate = evaluate;
        ReferencedSteps = steps;
    }

    /// <summary>Gets the ids of the steps the condition reads.</summary>
    public ImmutableHashSet<string> ReferencedSteps { get; }

    /// <summary>Parses a condition.</summary>
    /// <exception cref="FormatException">The text is not a valid condition; the message gives the position.</exception>
    public static StepCondition Parse(string text)
    {
        var parser = new Parser(text);
        var evaluate = parser.ParseOr();
        parser.ExpectEnd();
        return new StepCondition(evaluate, [.. parser.Steps]);
    }

    /// <summary>Evaluates the condition over the steps' current states; a step never started reads as pending with empty texts.</summary>
    public bool Evaluate(IReadOnlyDictionary<string, StepState> steps) => _evaluate(steps);

    private sealed class Parser(string text)
    {
        private int _position;

        public HashSet<string> Steps { get; } = [];

        public Func<IReadOnlyDictionary<string, StepState>, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryConsume("||"))
            {
                var (l, r) = (left, ParseAnd());
                left = s => l(s) || r(s);
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position < text.Length) throw Error("unexpected text");
        }

        private Func<IReadOnlyDictionary<string, StepState>, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (TryConsume("&&"))
            {
                var (l, r) = (left, ParseUnary());
                left = s => l(s) && r(s);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, StepState>, bool> ParseUnary()
        {
            if (TryConsume("!"))
            {
                var inner = ParseUnary();
                return s => !inner(s);
            }

            if (TryConsume("("))
            {
                var inner = ParseOr();
                if (!TryConsume(")")) throw Error("expected ')'");
                return inner;
            }

            return ParseComparison();
        }

        private Func<IReadOnlyDictionary<string, StepState>, bool> ParseComparison()
        {
            if (!TryConsume("steps.")) throw Error("expected 'steps.<id>.<field>', '!' or '('");
            var step = Identifier("step id");
            if (!TryConsume(".")) throw Error("expected '.' after the step id");
            var field = Identifier("field");
            if (!Fields.Contains(field)) throw Error($"unknown field '{field}'; use {string.Join(", ", Fields)}");
            Steps.Add(step);

            var op = TryConsume("==") ? "==" : TryConsume("!=") ? "!=" : TryConsume("contains") ? "contains" : throw Error("expected '==', '!=' or 'contains'");
            var literal = Literal();
            return s =>
            {
                var value = Read(s, step, field);
                var comparison = field == "status" || op == "contains" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return op switch
                {
                    "==" => string.Equals(value, literal, comparison),
                    "!=" => !string.Equals(value, literal, comparison),
                    _ => value.Contains(literal, comparison),
                };
            };
        }

        private static string Read(IReadOnlyDictionary<string, StepState> steps, string step, string field)
        {
            var state = steps.TryGetValue(step, out var found) ? found : new StepState();
            return field switch
            {
                "status" => state.Status.ToString(),
                "output" => state.Output ?? "",
                "error" => state.Error ?? "",
                _ => state.Attempts.ToString(CultureInfo.InvariantCulture),
            };
        }

        private string Identifier(string what)
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '-' or '_')) _position++;
            if (_position == start) throw Error($"expected a {what}");
            return text[start.._position];
        }

        private string Literal()
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] is '\'' or '"')
            {
                var quote = text[_position];
                var end = text.IndexOf(quote, _position + 1);
                if (end < 0) throw Error("unterminated string");
                var value = text[(_position + 1)..end];
                _position = end + 1;
                return value;
            }

            var start = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position])) _position++;
            if (_position == start) throw Error("expected a quoted string or a number");
            return text[start.._position];
        }

        private bool TryConsume(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0) return false;
            _position += token.Length;
            return true;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        }

        private FormatException Error(string message) => new($"Condition '{text}': {message} at position {_position}.");
    }
}
