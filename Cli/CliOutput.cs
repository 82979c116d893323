using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace TDeveloper.Cli;

/// <summary>Where a command writes: people's output through Spectre.Console, <c>--json</c> as raw JSON on the same stdout, errors one line each on stderr.</summary>
public sealed class CliOutput(IAnsiConsole console, TextWriter rawOut, TextWriter error)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Gets the console for people's output.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Gets whether <c>--json</c> was given.</summary>
    public bool Json { get; set; }

    /// <summary>Writes one JSON document (indented).</summary>
    public void WriteJson(object value) => WriteRaw(JsonSerializer.Serialize(value, Indented));

    /// <summary>Writes one JSON line (for streams of events: one object a line).</summary>
    public void WriteJsonLine(object value) => WriteRaw(JsonSerializer.Serialize(value, Compact));

    /// <summary>Writes an error as one line on stderr.</summary>
    public void WriteError(string message) => error.WriteLine("tdev: " + message.ReplaceLineEndings(" "));

    private void WriteRaw(string text)
    {
        rawOut.WriteLine(text);
        rawOut.Flush();
    }
}
