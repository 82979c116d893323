using System.Reflection;
using System.Text.Json;

namespace TDeveloper.Unit.Tests.Hosting.Configuration;

/// <summary>
/// The real <c>Silo/appsettings.json</c>, <c>Gateway/appsettings.json</c> and <c>docs/configuration.md</c> against
/// <see cref="ConfigurationCatalog"/>: every key a host reads is in its file with a value, no file has a key that nothing
/// binds (a typo), and the documentation names every key.
/// </summary>
public class ConfigurationCompletenessTests
{
    [Fact]
    public void Every_options_class_is_in_the_catalog()
    {
        var assemblies = new[]
        {
            typeof(TDeveloper.Grains.Options.SessionOptions).Assembly,
            typeof(TDeveloper.Hosting.SiloEndpointOptions).Assembly,
            typeof(TDeveloper.Aws.AwsModeOptions).Assembly,
            typeof(TDeveloper.Api.TDeveloperApiOptions).Assembly,
            typeof(TDeveloper.Client.TDeveloperClientOptions).Assembly,
            typeof(TDeveloper.ServiceDefaults.ManagementOptions).Assembly,
        };
        var cataloged = ConfigurationCatalog.Sections.Select(s => s.Type).ToHashSet();
        var missing = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsLiteral && f.Name is "Section" or "SectionName" && f.GetRawConstantValue() is string s && s.StartsWith("TDeveloper:", StringComparison.Ordinal)))
            .Where(t => !cataloged.Contains(t) && !ConfigurationCatalog.NotBound.ContainsKey(t))
            .Select(t => t.FullName)
            .Order()
            .ToList();
        Assert.True(missing.Count == 0, $"Options classes missing from ConfigurationCatalog.Sections (add them, their keys to appsettings.json and docs/configuration.md): {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("Silo/appsettings.json", ConfigHosts.Silo)]
    [InlineData("Gateway/appsettings.json", ConfigHosts.Gateway)]
    public void The_appsettings_file_carries_every_key_its_host_reads(string file, ConfigHosts host)
    {
        var (present, _) = Flatten(file, ConfigurationCatalog.Keys(host));
        var missing = ConfigurationCatalog.Keys(host, appSettingsOnly: true).Where(k => !present.Contains(k.Key)).Select(k => $"{k.Key} = {k.DefaultText}").ToList();
        Assert.True(missing.Count == 0, $"{file} lacks {missing.Count} key(s) its host reads (with their defaults):\n{string.Join("\n", missing)}");
    }

    [Theory]
    [InlineData("Silo/appsettings.json", ConfigHosts.Silo)]
    [InlineData("Gateway/appsettings.json", ConfigHosts.Gateway)]
    public void The_appsettings_file_has_no_key_that_nothing_binds(string file, ConfigHosts host)
    {
        var (_, unknown) = Flatten(file, ConfigurationCatalog.Keys(host));
        Assert.True(unknown.Count == 0, $"{file} has {unknown.Count} key(s) that {host} does not read (a typo, or a key of the other host): {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData("Silo/appsettings.json", ConfigHosts.Silo)]
    [InlineData("Gateway/appsettings.json", ConfigHosts.Gateway)]
    public void The_appsettings_file_holds_the_defaults(string file, ConfigHosts host)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), file)));
        var differing = new List<string>();
        foreach (var key in ConfigurationCatalog.Keys(host, appSettingsOnly: true).Where(k => k.Owner is not null && !k.IsCollection && !HostSpecific.Contains((host, k.Key))))
        {
            if (Find(document.RootElement, key.Key) is not { } value) continue;
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            var type = Nullable.GetUnderlyingType(key.Type) ?? key.Type;
            var parsed = text.Length == 0 && (key.Default is null || Nullable.GetUnderlyingType(key.Type) is not null) ? null
                : System.ComponentModel.TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            if (!Equals(parsed, key.Default) && !(key.Default is null && parsed is "")) differing.Add($"{key.Key}: file {text}, class {key.DefaultText}");
        }

        Assert.True(differing.Count == 0, $"{file} holds values other than the classes' defaults (change one of them):\n{string.Join("\n", differing)}");
    }

    /// <summary>Values a host's file sets on purpose to something else than the class default.</summary>
    private static readonly HashSet<(ConfigHosts, string)> HostSpecific =
    [
        (ConfigHosts.Gateway, "TDeveloper:Management:Urls"), // the Gateway's management port is 5091, the silo's 5081
        (ConfigHosts.Silo, "TDeveloper:Grpc:Urls"), // no gRPC endpoint unless a host names one: the silo's is 5082
        (ConfigHosts.Gateway, "TDeveloper:Grpc:Urls"), // and the Gateway's 5092
    ];

    private static JsonElement? Find(JsonElement root, string key)
    {
        var node = root;
        foreach (var part in key.Split(':'))
        {
            if (node.ValueKind != JsonValueKind.Object) return null;
            var next = node.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, part, StringComparison.OrdinalIgnoreCase));
            if (next.Value.ValueKind == JsonValueKind.Undefined) return null;
            node = next.Value;
        }

        return node;
    }

    [Fact]
    public void A_misspelt_key_is_caught()
    {
        var (present, unknown) = Flatten(JsonDocument.Parse("""{ "TDeveloper": { "Sessions": { "IdleTimout": "01:00:00", "IdleTimeout": "01:00:00" } } }"""), ConfigurationCatalog.Keys(ConfigHosts.Silo));
        Assert.Equal(["TDeveloper:Sessions:IdleTimout"], unknown);
        Assert.Contains("TDeveloper:Sessions:IdleTimeout", present);
    }

    [Fact]
    public void The_configuration_document_lists_every_key()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "configuration.md"));
        var missing = ConfigurationCatalog.Keys().Where(k => !text.Contains($"`{k.Key}`", StringComparison.Ordinal))
            .Select(k => $"| `{k.Key}` | `{k.DefaultText}` | {k.Range} | {k.Property?.DeclaringType?.FullName}.{k.Property?.Name} |").ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md does not list {missing.Count} key(s) (as `Key` in a table row); rows to fill in:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void The_configuration_document_lists_no_key_that_nothing_reads()
    {
        var text = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "configuration.md"));
        var known = ConfigurationCatalog.Keys().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var stale = text.Where(l => l.StartsWith("| `TDeveloper:", StringComparison.Ordinal))
            .Select(l => l[3..l.IndexOf('`', 3)])
            .Where(k => !known.Contains(k) && !k.Contains(":N:", StringComparison.Ordinal) && !k.Contains("<", StringComparison.Ordinal))
            .ToList();
        Assert.True(stale.Count == 0, $"docs/configuration.md lists key(s) nothing reads: {string.Join(", ", stale)}");
    }

    /// <summary>Walks <paramref name="file"/>'s <c>TDeveloper</c> section: keys that are in <paramref name="expected"/>, and keys under no expected one.</summary>
    private static (HashSet<string> Present, List<string> Unknown) Flatten(string file, IReadOnlyList<ConfigKey> expected)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), file)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Flatten(document, expected);
    }

    private static (HashSet<string> Present, List<string> Unknown) Flatten(JsonDocument document, IReadOnlyList<ConfigKey> expected)
    {
        var keys = expected.ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        if (document.RootElement.TryGetProperty("TDeveloper", out var root)) Walk(root, "TDeveloper");
        return (present, unknown);

        void Walk(JsonElement node, string path)
        {
            if (keys.TryGetValue(path, out var key))
            {
                if (!present.Add(path)) unknown.Add(path + " (twice)");
                if (!key.IsCollection && node.ValueKind is JsonValueKind.Object or JsonValueKind.Array) unknown.Add(path + " (an object where a value belongs)");
                return;
            }

            if (node.ValueKind != JsonValueKind.Object || !keys.Keys.Any(k => k.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)))
            {
                unknown.Add(path);
                return;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in node.EnumerateObject())
            {
                if (!seen.Add(property.Name)) unknown.Add($"{path}:{property.Name} (twice)");
                else Walk(property.Value, $"{path}:{property.Name}");
            }
        }
    }

    /// <summary>The repository's root: the folder above the test's output that holds the solution.</summary>
    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.TDeveloper.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Orleans.TDeveloper.sln not found above " + AppContext.BaseDirectory);
    }
}
