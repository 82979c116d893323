using System.Collections;
using System.Reflection;
using TDeveloper.Api;
using TDeveloper.Api.Security;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Api.Security.Signing;
using TDeveloper.Aws;
using TDeveloper.Aws.Kms;
using TDeveloper.Aws.Reminders;
using TDeveloper.Aws.Streams.Kinesis;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Client;
using TDeveloper.Grains.Agents.Balancing;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Quotas;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Queueing;
using TDeveloper.Grains.Registry;
using TDeveloper.Grains.Routing;
using TDeveloper.Grains.Security.Audit;
using TDeveloper.Grains.Security.Identity;
using TDeveloper.Grains.Security.Rbac;
using TDeveloper.Grains.Sessions.Memory;
using TDeveloper.Grains.Supervision.Decision;
using TDeveloper.Hosting;
using TDeveloper.Hosting.Providers;
using TDeveloper.Hosting.Reminders;
using TDeveloper.Hosting.Security;
using TDeveloper.Hosting.Storage;
using TDeveloper.Hosting.Workspaces;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Unit.Tests.Hosting.Configuration;

/// <summary>Which host reads a setting.</summary>
[Flags]
public enum ConfigHosts
{
    /// <summary>Neither host (the remote client, the CLI).</summary>
    None = 0,

    /// <summary>The silo (<c>Silo/appsettings.json</c>).</summary>
    Silo = 1,

    /// <summary>The Gateway (<c>Gateway/appsettings.json</c>).</summary>
    Gateway = 2,

    /// <summary>Both hosts.</summary>
    Both = Silo | Gateway,
}

/// <summary>An options class and the section it is bound from.</summary>
/// <param name="Type">The options class.</param>
/// <param name="Section">Its configuration section.</param>
/// <param name="Hosts">The hosts that bind it.</param>
/// <param name="Only">Only these properties are bound from the section (the others are set in code); <see langword="null"/> for all.</param>
/// <param name="InAppSettings">Whether appsettings.json lists the keys (false where a listed empty value would hide an inherited one).</param>
public sealed record OptionsSection(Type Type, string Section, ConfigHosts Hosts, string[]? Only = null, bool InAppSettings = true);

/// <summary>A key read straight from <c>IConfiguration</c>, not through an options class.</summary>
/// <param name="Key">The full key.</param>
/// <param name="Hosts">The hosts that read it.</param>
/// <param name="InAppSettings">Whether <c>appsettings.json</c> lists it (false where an empty value would mean something else than unset).</param>
public sealed record DirectKey(string Key, ConfigHosts Hosts, bool InAppSettings = true);

/// <summary>A configuration key, and whether its value is a list or a map that appsettings.json may leave empty.</summary>
/// <param name="Key">The full key.</param>
/// <param name="IsCollection">Whether the value is a list or a map.</param>
/// <param name="Type">The property's type.</param>
/// <param name="Owner">The options class it belongs to; null for a direct key.</param>
/// <param name="Property">The property; null for a direct key.</param>
/// <param name="Default">The value the class has when nothing is configured.</param>
public sealed record ConfigKey(string Key, bool IsCollection, Type Type, OptionsSection? Owner = null, PropertyInfo? Property = null, object? Default = null)
{
    /// <summary>Gets the default as appsettings.json writes it: TimeSpan as <c>c</c>, booleans lower-case, null as empty.</summary>
    public string DefaultText => Default switch
    {
        null => "",
        TimeSpan t => t.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IDictionary d => System.Text.Json.JsonSerializer.Serialize(d),
        IEnumerable e => System.Text.Json.JsonSerializer.Serialize(e.Cast<object>()),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    /// <summary>Gets the valid values from the property's data annotations, or empty.</summary>
    public string Range => Property is null ? "" : string.Join("; ", Property.GetCustomAttributes<System.ComponentModel.DataAnnotations.ValidationAttribute>().Select(a => a switch
    {
        System.ComponentModel.DataAnnotations.RangeAttribute r => $"{r.Minimum} – {r.Maximum}",
        System.ComponentModel.DataAnnotations.RequiredAttribute => "required",
        System.ComponentModel.DataAnnotations.RegularExpressionAttribute x => $"matches `{x.Pattern}`",
        System.ComponentModel.DataAnnotations.MinLengthAttribute m => $"at least {m.Length}",
        System.ComponentModel.DataAnnotations.MaxLengthAttribute m => $"at most {m.Length}",
        System.ComponentModel.DataAnnotations.StringLengthAttribute m => $"{m.MinimumLength} – {m.MaximumLength} characters",
        var other => other.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal),
    }));
}

/// <summary>
/// Every options class the hosts bind and every key they read directly: the one list that
/// <see cref="ConfigurationCompletenessTests"/> holds the appsettings files and <c>docs/configuration.md</c> against.
/// A new options class fails <see cref="ConfigurationCompletenessTests.Every_options_class_is_in_the_catalog"/> until it is added here.
/// </summary>
public static class ConfigurationCatalog
{
    /// <summary>Every options class, by section.</summary>
    public static readonly IReadOnlyList<OptionsSection> Sections =
    [
        new(typeof(ProviderOptions), ProviderOptions.Section, ConfigHosts.Silo),
        new(typeof(ProviderOptions), ProviderOptions.Section, ConfigHosts.Gateway, [nameof(ProviderOptions.Clustering)]),
        new(typeof(SiloEndpointOptions), SiloEndpointOptions.Section, ConfigHosts.Silo),
        new(typeof(SiloShutdownOptions), SiloShutdownOptions.Section, ConfigHosts.Silo),
        new(typeof(SiloMembershipOptions), SiloMembershipOptions.Section, ConfigHosts.Silo),
        new(typeof(FileGrainStorageOptions), FileGrainStorageOptions.Section, ConfigHosts.Silo),
        new(typeof(FileReminderTableOptions), FileReminderTableOptions.Section, ConfigHosts.Silo),
        new(typeof(ModelCatalogOptions), ModelCatalogOptions.Section, ConfigHosts.Silo),
        new(typeof(OfflineModelOptions), OfflineModelOptions.Section, ConfigHosts.Silo),
        new(typeof(ModelRouterOptions), ModelRouterOptions.Section, ConfigHosts.Silo),
        new(typeof(ModelHealthOptions), ModelHealthOptions.Section, ConfigHosts.Silo),
        new(typeof(ModelQuotaOptions), ModelQuotaOptions.Section, ConfigHosts.Silo),
        new(typeof(DecisionOptions), DecisionOptions.Section, ConfigHosts.Silo),
        new(typeof(SessionOptions), SessionOptions.Section, ConfigHosts.Silo),
        new(typeof(SessionMemoryOptions), SessionMemoryOptions.Section, ConfigHosts.Silo),
        new(typeof(SessionMonitoringOptions), SessionMonitoringOptions.Section, ConfigHosts.Silo),
        new(typeof(QueueOptions), QueueOptions.Section, ConfigHosts.Silo),
        new(typeof(SessionHealthOptions), SessionHealthOptions.Section, ConfigHosts.Silo),
        new(typeof(SessionRecoveryOptions), SessionRecoveryOptions.Section, ConfigHosts.Silo),
        new(typeof(CheckpointOptions), CheckpointOptions.Section, ConfigHosts.Silo),
        new(typeof(S3BlobOptions), CheckpointOptions.Section + ":S3", ConfigHosts.Silo, InAppSettings: false),
        new(typeof(WorkspaceOptions), WorkspaceOptions.Section, ConfigHosts.Silo),
        new(typeof(LocalWorkspaceStoreOptions), WorkspaceOptions.Section, ConfigHosts.Silo),
        new(typeof(S3BlobOptions), S3BlobOptions.Section, ConfigHosts.Silo),
        new(typeof(AgentOptions), AgentOptions.Section, ConfigHosts.Silo),
        new(typeof(AgentRegistryOptions), AgentRegistryOptions.Section, ConfigHosts.Silo),
        new(typeof(AgentBalancingOptions), AgentBalancingOptions.Section, ConfigHosts.Silo),
        new(typeof(MemoryOptions), MemoryOptions.Section, ConfigHosts.Silo),
        new(typeof(MemoryEmbeddingOptions), MemoryEmbeddingOptions.Section, ConfigHosts.Silo),
        new(typeof(WorkflowOptions), WorkflowOptions.Section, ConfigHosts.Silo),
        new(typeof(RoutingAlertOptions), RoutingAlertOptions.Section, ConfigHosts.Silo),
        new(typeof(AwsModeOptions), AwsModeOptions.Section, ConfigHosts.Both),
        new(typeof(DynamoDBReminderOptions), AwsModeOptions.Section + ":Reminders", ConfigHosts.Silo, ["Buckets", "PreviousBuckets", "ReadLegacyPartition", "MoveOlderRowsOnStart"]),
        new(typeof(KinesisStreamOptions), KinesisStreamOptions.Section, ConfigHosts.Both),
        new(typeof(LocalKeyFileOptions), LocalKeyFileOptions.Section, ConfigHosts.Silo),
        new(typeof(KmsKeyOptions), KmsKeyOptions.Section, ConfigHosts.Silo),
        new(typeof(RbacOptions), RbacOptions.Section, ConfigHosts.Both),
        new(typeof(SignedRequestOptions), SignedRequestOptions.Section, ConfigHosts.Both, [nameof(SignedRequestOptions.Window)]),
        new(typeof(AuditLogOptions), AuditLogOptions.Section, ConfigHosts.Silo),
        new(typeof(TokenOptions), TokenOptions.Section, ConfigHosts.Both),
        new(typeof(SigningKeyOptions), SigningKeyOptions.Section, ConfigHosts.Silo),
        new(typeof(RevocationListOptions), RevocationListOptions.Section, ConfigHosts.Silo),
        new(typeof(RevocationCacheOptions), RevocationCacheOptions.Section, ConfigHosts.Both),
        new(typeof(OidcOptions), OidcOptions.Section, ConfigHosts.Both),
        new(typeof(BootstrapOptions), BootstrapOptions.Section, ConfigHosts.Both),
        new(typeof(TDeveloperApiOptions), TDeveloperApiOptions.SectionName, ConfigHosts.Both),
        new(typeof(TDeveloper.Api.Grpc.TDeveloperGrpcOptions), TDeveloper.Api.Grpc.TDeveloperGrpcOptions.SectionName, ConfigHosts.Both),
        new(typeof(TDeveloperRateLimitOptions), TDeveloperRateLimitOptions.SectionName, ConfigHosts.Both),
        new(typeof(TDeveloperCorsOptions), TDeveloperCorsOptions.SectionName, ConfigHosts.Both),
        new(typeof(SecurityHeadersOptions), SecurityHeadersOptions.SectionName, ConfigHosts.Both),
        new(typeof(ManagementOptions), ManagementOptions.SectionName, ConfigHosts.Both),
        new(typeof(TDeveloper.ServiceDefaults.TelemetryOptions), TDeveloper.ServiceDefaults.TelemetryOptions.SectionName, ConfigHosts.Both),
        new(typeof(TDeveloperClientOptions), TDeveloperClientOptions.SectionName, ConfigHosts.Gateway),
        new(typeof(TDeveloperRemoteClientOptions), TDeveloperRemoteClientOptions.SectionName, ConfigHosts.None),
    ];

    /// <summary>Keys read straight from configuration.</summary>
    public static readonly IReadOnlyList<DirectKey> DirectKeys =
    [
        new(HostingModes.Key, ConfigHosts.Both),
        new(TDeveloper.Hosting.Kubernetes.KubernetesHosting.EnabledKey, ConfigHosts.Silo),
        new("TDeveloper:Aws:TableName", ConfigHosts.Both, InAppSettings: false),
    ];

    /// <summary>The options classes with a section constant that no host binds from configuration, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<Type, string> NotBound = new Dictionary<Type, string>();

    /// <summary>Every key <paramref name="hosts"/> reads (any host when <see cref="ConfigHosts.None"/> is passed), with collections as one key each.</summary>
    public static IReadOnlyList<ConfigKey> Keys(ConfigHosts? hosts = null, bool appSettingsOnly = false)
    {
        var keys = new Dictionary<string, ConfigKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in Sections.Where(s => hosts is null || (s.Hosts & hosts.Value) != 0))
        {
            if (appSettingsOnly && !section.InAppSettings) continue;
            foreach (var key in KeysOf(section.Type, section.Section, 0, Activator.CreateInstance(section.Type)).Where(k => section.Only is null || section.Only.Contains(k.Key[(section.Section.Length + 1)..].Split(':')[0])))
            {
                keys.TryAdd(key.Key, key with { Owner = section });
            }
        }

        foreach (var direct in DirectKeys.Where(d => (hosts is null || (d.Hosts & hosts.Value) != 0) && (!appSettingsOnly || d.InAppSettings)))
        {
            keys.TryAdd(direct.Key, new ConfigKey(direct.Key, false, typeof(string)));
        }

        return [.. keys.Values.OrderBy(k => k.Key, StringComparer.Ordinal)];
    }

    /// <summary>The keys the configuration binder fills in <paramref name="type"/>, recursively: leaves and collections.</summary>
    public static IEnumerable<ConfigKey> KeysOf(Type type, string prefix, int depth, object? instance)
    {
        if (depth > 6) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true }) continue;
            var settable = property.SetMethod is { IsPublic: true };
            var propertyType = property.PropertyType;
            var key = $"{prefix}:{property.Name}";
            if (IsLeaf(propertyType))
            {
                if (settable) yield return new ConfigKey(key, false, propertyType, null, property, instance is null ? null : property.GetValue(instance));
            }
            else if (IsCollection(propertyType))
            {
                if (settable || IsMutableCollection(propertyType)) yield return new ConfigKey(key, true, propertyType, null, property, instance is null ? null : property.GetValue(instance));
            }
            else if (propertyType.IsClass || (propertyType.IsValueType && settable))
            {
                foreach (var inner in KeysOf(propertyType, key, depth + 1, instance is null ? null : property.GetValue(instance))) yield return inner;
            }
        }
    }

    /// <summary>Whether the binder reads <paramref name="type"/> from one string.</summary>
    public static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);
    }

    private static bool IsCollection(Type type) => type.IsArray || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        || (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IEnumerable<>) || d == typeof(IReadOnlyList<>) || d == typeof(IReadOnlyCollection<>) || d == typeof(IReadOnlyDictionary<,>)));

    private static bool IsMutableCollection(Type type) => !type.IsArray && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        && !(type.IsInterface && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyList<>) || d == typeof(IReadOnlyDictionary<,>) || d == typeof(IReadOnlyCollection<>) || d == typeof(IEnumerable<>)));
}
