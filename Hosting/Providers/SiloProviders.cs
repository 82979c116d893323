using System.Reflection;
using Orleans.Providers;
using TDeveloper.Aws;
using TDeveloper.Grains;
using TDeveloper.Grains.Options;
using TDeveloper.Hosting.Reminders;
using TDeveloper.Hosting.Storage;

namespace TDeveloper.Hosting.Providers;

/// <summary>
/// Chooses each concern's provider by name, the way Orleans' <c>[RegisterProvider]</c> configuration does: the names
/// come from <see cref="ProviderOptions"/> (or the mode's defaults) and are looked up among the providers registered
/// with <see cref="RegisterProviderAttribute"/> in this assembly and in Orleans' own (its <c>Memory</c> ones).
/// </summary>
internal static class SiloProviders
{
    private static readonly Lazy<Dictionary<string, Type>> Registered = new(() =>
        new[]
        {
            typeof(SiloProviders).Assembly,
            typeof(SiloBuilderReminderExtensions).Assembly,
            typeof(Orleans.Storage.MemoryGrainStorage).Assembly,
        }
        .Distinct()
        .SelectMany(assembly => assembly.GetCustomAttributes<RegisterProviderAttribute>())
        .Where(attribute => attribute.Target == "Silo")
        .GroupBy(attribute => Key(attribute.Kind, attribute.Name), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.First().Type, StringComparer.OrdinalIgnoreCase));

    /// <summary>Adds every concern's provider. A concern that Orleans' own configuration (<c>Orleans:Reminders</c> …) already chose is left to it.</summary>
    /// <returns>The provider name chosen for each concern (Orleans' configuration's shows as "Orleans").</returns>
    /// <exception cref="InvalidOperationException">A provider name is unknown; the message names every such key and the known names.</exception>
    public static IReadOnlyDictionary<string, string> Add(ISiloBuilder silo, IConfiguration configuration, HostingMode mode)
    {
        var chosen = configuration.GetSection(ProviderOptions.Section).Get<ProviderOptions>() ?? new ProviderOptions();
        var names = new Dictionary<string, string>();
        var builders = new List<(string Kind, string Name, IProviderBuilder<ISiloBuilder> Builder)>();
        var problems = new List<string>();
        foreach (var kind in ProviderKinds.All)
        {
            if (configuration.GetSection(OrleansSection(kind)).Exists())
            {
                names[kind] = "Orleans";
                continue;
            }

            var name = chosen.NameOf(kind, mode);
            names[kind] = name;
            if (Registered.Value.TryGetValue(Key(kind, name), out var type)) builders.Add((kind, name, (IProviderBuilder<ISiloBuilder>)Activator.CreateInstance(type)!));
            else problems.Add($"{ProviderOptions.Section}:{kind}: '{name}' is unknown; use one of: {string.Join(", ", Known(kind))}.");
        }

        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        foreach (var (kind, name, builder) in builders)
        {
            builder.Configure(silo, ProviderName(kind), configuration.GetSection(SettingsSection(kind, name)));
        }

        return names;
    }

    /// <summary>The names registered for <paramref name="kind"/>.</summary>
    public static IEnumerable<string> Known(string kind) =>
        Registered.Value.Keys.Where(k => k.StartsWith(kind + "/", StringComparison.OrdinalIgnoreCase)).Select(k => k[(kind.Length + 1)..]).Order();

    /// <summary>Where a provider's own settings are: the AWS section for DynamoDB, else the concern's section (S3 reads its <c>S3</c> subsection; keys their own section).</summary>
    private static string SettingsSection(string kind, string name) =>
        string.Equals(name, ProviderNames.DynamoDB, StringComparison.OrdinalIgnoreCase) ? AwsModeOptions.Section : kind switch
        {
            ProviderKinds.Clustering => SiloEndpointOptions.Section,
            ProviderKinds.GrainStorage => FileGrainStorageOptions.Section,
            ProviderKinds.Workspaces => WorkspaceOptions.Section,
            ProviderKinds.Checkpoints => TDeveloper.Grains.Checkpoints.CheckpointOptions.Section,
            ProviderKinds.Keys => string.Equals(name, ProviderNames.Kms, StringComparison.OrdinalIgnoreCase) ? TDeveloper.Aws.Kms.KmsKeyOptions.Section : TDeveloper.Hosting.Security.LocalKeyFileOptions.Section,
            _ => FileReminderTableOptions.Section,
        };

    /// <summary>The name of the provider instance: our state store's; none for clustering and reminders.</summary>
    private static string? ProviderName(string kind) => kind == ProviderKinds.GrainStorage ? StorageNames.State : null;

    private static string OrleansSection(string kind) => ProviderName(kind) is { } name ? $"Orleans:{kind}:{name}" : $"Orleans:{kind}";

    private static string Key(string kind, string name) => $"{kind}/{name}";
}
