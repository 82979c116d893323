using Microsoft.Extensions.Options;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Formats named <see cref="DynamoDBStorageOptions"/> for Orleans' start-up options log, with the credentials redacted
/// (Orleans' default formatter prints every public property, and the inherited keys carry no <c>[Redact]</c>).
/// </summary>
/// <param name="monitor">Gives the options by name.</param>
internal sealed class DynamoDBStorageOptionsFormatterResolver(IOptionsMonitor<DynamoDBStorageOptions> monitor) : IOptionFormatterResolver<DynamoDBStorageOptions>
{
    /// <inheritdoc/>
    public IOptionFormatter<DynamoDBStorageOptions> Resolve(string name) => new Formatter(name, monitor.Get(name));

    private sealed class Formatter(string name, DynamoDBStorageOptions options) : IOptionFormatter<DynamoDBStorageOptions>
    {
        private const string Redacted = "REDACTED";

        public string Name { get; } = OptionFormattingUtilities.Name<DynamoDBStorageOptions>(name);

        public IEnumerable<string> Format() =>
        [
            Line(nameof(options.TableName), options.TableName),
            Line(nameof(options.ServiceUrl), options.ServiceUrl),
            Line(nameof(options.Region), options.Region),
            Line(nameof(options.AccessKey), options.AccessKey is null ? null : Redacted),
            Line(nameof(options.SecretKey), options.SecretKey is null ? null : Redacted),
            Line(nameof(options.CreateIfNotExists), options.CreateIfNotExists),
            Line(nameof(options.MaxErrorRetry), options.MaxErrorRetry),
            Line(nameof(options.DeleteStateOnClear), options.DeleteStateOnClear),
            Line(nameof(options.MaxStateBytes), options.MaxStateBytes),
            Line(nameof(options.CompressAboveBytes), options.CompressAboveBytes),
            Line(nameof(options.Compression), options.Compression),
            Line(nameof(options.UseJson), options.UseJson),
            Line(nameof(options.GrainStorageSerializer), options.GrainStorageSerializer?.GetType().FullName),
        ];

        private static string Line(string key, object? value) => OptionFormattingUtilities.Format(key, value);
    }
}
