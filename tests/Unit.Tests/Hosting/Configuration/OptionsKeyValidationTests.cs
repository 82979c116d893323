using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TDeveloper.Api;
using TDeveloper.Api.Security;
using TDeveloper.Client;
using TDeveloper.Hosting;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Unit.Tests.Hosting.Configuration;

/// <summary>
/// One bad value per options class of <see cref="ConfigurationCatalog"/>, bound through the hosts' real wiring (the silo's
/// <c>AddTDeveloperSilo</c>, the Gateway's <c>AddTDeveloperClusterClient</c>, both with <c>AddTDeveloperApi</c> and the
/// management endpoint): the failure, at build or at first use (what <c>ValidateOnStart</c> runs), names the full key.
/// </summary>
public class OptionsKeyValidationTests
{
    /// <summary>A bad value for one options class: set <see cref="Key"/> to <see cref="Value"/> (null: leave unset) with <see cref="Extra"/>, resolve named <see cref="Name"/>, expect <see cref="Expected"/> in the message.</summary>
    public sealed record Case(Type Type, ConfigHosts Host, string Key, string? Value, string? Expected = null, string Name = "", params (string Key, string Value)[] Extra)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Type.Name} {Key}={Value}";
    }

    private static readonly (string, string)[] AwsMode =
    [
        ("TDeveloper:Mode", "Aws"), ("TDeveloper:Providers:Clustering", "Localhost"), ("TDeveloper:Providers:GrainStorage", "Memory"),
        ("TDeveloper:Providers:Reminders", "Memory"), ("TDeveloper:Providers:Workspaces", "Memory"), ("TDeveloper:Providers:Keys", "Local"),
    ];

    /// <summary>The cases: at least one per options class of the catalog.</summary>
    public static readonly IReadOnlyList<Case> Cases =
    [
        new(typeof(TDeveloper.Grains.Security.Identity.SigningKeyOptions), ConfigHosts.Silo, "TDeveloper:Security:SigningKeys:RotationPeriod", "00:00:01"),
        new(typeof(TDeveloper.Grains.Security.Identity.RevocationListOptions), ConfigHosts.Silo, "TDeveloper:Security:Revocation:Retention", "00:00:01"),
        new(typeof(TDeveloper.Grains.Security.Rbac.RbacOptions), ConfigHosts.Silo, "TDeveloper:Security:Rbac:RefreshInterval", "02:00:00"),
        new(typeof(TDeveloper.Grains.Security.Rbac.RbacOptions), ConfigHosts.Gateway, "TDeveloper:Security:Rbac:RefreshInterval", "02:00:00"),
        new(typeof(TDeveloper.Grains.Security.Audit.AuditLogOptions), ConfigHosts.Silo, "TDeveloper:Security:Audit:Retention", "00:00:01"),
        new(typeof(TDeveloper.Grains.Registry.AgentRegistryOptions), ConfigHosts.Silo, "TDeveloper:Agents:RegistryHealthInterval", "00:00:00"),
        new(typeof(TDeveloper.Grains.Queueing.QueueOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Queue:MaxDepth", "-1"),
        new(typeof(TDeveloper.Grains.Models.Quotas.ModelQuotaOptions), ConfigHosts.Silo, "TDeveloper:Models:Quotas:SlowdownThreshold", "2"),
        new(typeof(TDeveloper.Grains.Models.ModelCatalogOptions), ConfigHosts.Silo, "TDeveloper:Models:Catalog:0:Provider", "openai", "TDeveloper:Models:Catalog:0:Id"),
        new(typeof(TDeveloper.Grains.Models.OfflineModelOptions), ConfigHosts.Silo, "TDeveloper:Models:Offline:Latency", "01:00:00"),
        new(typeof(TDeveloper.Grains.Models.Routing.ModelRouterOptions), ConfigHosts.Silo, "TDeveloper:Models:Router:OutputTokenReserve", "-1"),
        new(typeof(TDeveloper.Grains.Models.Routing.ModelHealthOptions), ConfigHosts.Silo, "TDeveloper:Models:Health:FailureRatio", "0"),
        new(typeof(TDeveloper.Grains.Options.WorkspaceOptions), ConfigHosts.Silo, "TDeveloper:Workspaces:MaxFileBytes", "0"),
        new(typeof(TDeveloper.Grains.Options.SessionOptions), ConfigHosts.Silo, "TDeveloper:Sessions:IdleTimeout", "00:00:00"),
        new(typeof(TDeveloper.Grains.Options.MemoryEmbeddingOptions), ConfigHosts.Silo, "TDeveloper:Agents:Memory:EmbeddingDimensions", "-1"),
        new(typeof(TDeveloper.Grains.Options.MemoryOptions), ConfigHosts.Silo, "TDeveloper:Agents:Memory:WorkingCapacity", "0"),
        new(typeof(TDeveloper.Grains.Options.WorkflowOptions), ConfigHosts.Silo, "TDeveloper:Workflows:StepTimeout", "00:00:00"),
        new(typeof(TDeveloper.Grains.Options.SessionRecoveryOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Recovery:Shards", "0"),
        new(typeof(TDeveloper.Grains.Options.AgentOptions), ConfigHosts.Silo, "TDeveloper:Agents:MaxOutputChars", "1"),
        new(typeof(TDeveloper.Grains.Options.SessionMonitoringOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Monitoring:MemoryThresholdBytes", "0"),
        new(typeof(TDeveloper.Grains.Options.SessionHealthOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Health:StaleAgentAfter", "00:00:00"),
        new(typeof(TDeveloper.Grains.Checkpoints.CheckpointOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Checkpoints:KeepLatest", "0"),
        new(typeof(TDeveloper.Grains.Routing.RoutingAlertOptions), ConfigHosts.Silo, "TDeveloper:Routing:Alerts:Window", "00:00:00"),
        new(typeof(TDeveloper.Grains.Sessions.Memory.SessionMemoryOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Memory:PersistMaxBytes", "1"),
        new(typeof(TDeveloper.Grains.Sessions.Memory.SessionMemoryOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Memory:Tiers:WorkingCapacity", "0"),
        new(typeof(TDeveloper.Grains.Supervision.Decision.DecisionOptions), ConfigHosts.Silo, "TDeveloper:Supervisor:Decision:RulesWeight", "11"),
        new(typeof(TDeveloper.Grains.Agents.Balancing.AgentBalancingOptions), ConfigHosts.Silo, "TDeveloper:Agents:Balancing:MaxAgentsPerSession", "0"),
        new(typeof(TDeveloper.Hosting.Security.LocalKeyFileOptions), ConfigHosts.Silo, "TDeveloper:Security:LocalKeys:Path", " "),
        new(typeof(SiloEndpointOptions), ConfigHosts.Silo, "TDeveloper:Silo:SiloPort", "0"),
        new(typeof(TDeveloper.Hosting.Storage.FileGrainStorageOptions), ConfigHosts.Silo, "TDeveloper:Storage:LockTimeout", "00:00:00", Name: "state", Extra: [("TDeveloper:Providers:GrainStorage", "File")]),
        new(typeof(SiloMembershipOptions), ConfigHosts.Silo, "TDeveloper:Silo:Membership:ProbeTimeout", "00:00:00"),
        new(typeof(TDeveloper.Hosting.Reminders.FileReminderTableOptions), ConfigHosts.Silo, "TDeveloper:Reminders:Directory", " ", Extra: [("TDeveloper:Providers:Reminders", "File")]),
        new(typeof(TDeveloper.Hosting.Providers.ProviderOptions), ConfigHosts.Silo, "TDeveloper:Providers:GrainStorage", "Nope"),
        new(typeof(TDeveloper.Hosting.Providers.ProviderOptions), ConfigHosts.Gateway, "TDeveloper:Providers:Clustering", "Nope"),
        new(typeof(SiloShutdownOptions), ConfigHosts.Silo, "TDeveloper:Silo:Shutdown:Timeout", "00:00:00"),
        new(typeof(TDeveloper.Hosting.Workspaces.LocalWorkspaceStoreOptions), ConfigHosts.Silo, "TDeveloper:Workspaces:Directory", " ", Extra: [("TDeveloper:Providers:Workspaces", "File")]),
        new(typeof(TDeveloper.Aws.Workspaces.S3BlobOptions), ConfigHosts.Silo, "TDeveloper:Workspaces:S3:Bucket", " ", Extra: [("TDeveloper:Providers:Workspaces", "S3"), ("TDeveloper:Providers:Checkpoints", "Memory")]),
        new(typeof(TDeveloper.Aws.Workspaces.S3BlobOptions), ConfigHosts.Silo, "TDeveloper:Sessions:Checkpoints:S3:Bucket", " ", Name: TDeveloper.Hosting.Checkpoints.CheckpointStoreExtensions.S3OptionsName, Extra: [("TDeveloper:Providers:Workspaces", "Memory"), ("TDeveloper:Providers:Checkpoints", "S3")]),
        new(typeof(TDeveloper.Aws.Streams.Kinesis.KinesisStreamOptions), ConfigHosts.Silo, "TDeveloper:Aws:Kinesis:StreamName", "bad name!", Name: TDeveloper.Grains.Interfaces.Events.SessionEventStream.ProviderName, Extra: AwsMode),
        new(typeof(TDeveloper.Aws.AwsModeOptions), ConfigHosts.Silo, "TDeveloper:Aws:ReminderTable", "x", Extra: AwsMode),
        new(typeof(TDeveloper.Aws.AwsModeOptions), ConfigHosts.Gateway, "TDeveloper:Aws:MembershipTable", "x", Extra: [("TDeveloper:Providers:Clustering", "DynamoDB")]),
        new(typeof(TDeveloper.Aws.Kms.KmsKeyOptions), ConfigHosts.Silo, "TDeveloper:Security:Kms:EncryptionContextApp", " ", Extra: [("TDeveloper:Providers:Keys", "Kms"), ("TDeveloper:Security:Kms:KeyId", "alias/tdeveloper")]),
        new(typeof(TDeveloper.Api.Security.Identity.TokenOptions), ConfigHosts.Both, "TDeveloper:Security:Tokens:Issuer", " "),
        new(typeof(TDeveloper.Api.Security.Identity.RevocationCacheOptions), ConfigHosts.Both, "TDeveloper:Security:Revocation:RefreshInterval", "00:00:00"),
        new(typeof(TDeveloper.Api.Security.Identity.BootstrapOptions), ConfigHosts.Both, "TDeveloper:Security:Bootstrap:Keys:0:Key", "nope"),
        new(typeof(TDeveloper.Api.Security.Identity.OidcOptions), ConfigHosts.Both, "TDeveloper:Security:Oidc:Issuers:0:Authority", "not-a-url", Extra: [("TDeveloper:Security:Oidc:Issuers:0:Name", "corp"), ("TDeveloper:Security:Oidc:Issuers:0:Tenant", "default")]),
        new(typeof(TDeveloper.Api.Security.Signing.SignedRequestOptions), ConfigHosts.Both, "TDeveloper:Security:Signing:Window", "00:00:01", Name: TDeveloperAuthentication.Hmac),
        new(typeof(TDeveloperCorsOptions), ConfigHosts.Both, "TDeveloper:Api:Cors:PreflightMaxAge", "-00:00:01"),
        new(typeof(SecurityHeadersOptions), ConfigHosts.Both, "TDeveloper:Api:SecurityHeaders:ContentSecurityPolicy", " "),
        new(typeof(TDeveloperRateLimitOptions), ConfigHosts.Both, "TDeveloper:Api:RateLimits:Default:PermitLimit", "0"),
        new(typeof(TDeveloperApiOptions), ConfigHosts.Both, "TDeveloper:Api:MaxRequestBodyBytes", "0"),
        new(typeof(TDeveloper.Api.Grpc.TDeveloperGrpcOptions), ConfigHosts.Both, "TDeveloper:Grpc:MaxReceiveMessageBytes", "0"),
        new(typeof(ManagementOptions), ConfigHosts.Both, "TDeveloper:Management:Urls", "http://localhost"),
        new(typeof(TDeveloperClientOptions), ConfigHosts.Gateway, "TDeveloper:Client:ClusterId", " "),
        new(typeof(TDeveloperClientOptions), ConfigHosts.Gateway, "TDeveloper:Client:MaxConnectionAttempts", "0"),
        new(typeof(TDeveloperRemoteClientOptions), ConfigHosts.None, "TDeveloper:Remote:RequestTimeout", "00:00:00", Extra: [("TDeveloper:Remote:BaseAddress", "http://localhost:5080"), ("TDeveloper:Remote:ApiKey", "tdk_x_y")]),
        new(typeof(TDeveloperRemoteClientOptions), ConfigHosts.None, "TDeveloper:Remote:BaseAddress", null, Extra: [("TDeveloper:Remote:ApiKey", "tdk_x_y")]),
        new(typeof(HostingModes), ConfigHosts.Both, "TDeveloper:Mode", "Nope"),
        new(typeof(TDeveloper.Hosting.Kubernetes.KubernetesHosting), ConfigHosts.Silo, "TDeveloper:Kubernetes:Enabled", "maybe"),
    ];

    /// <summary>The options classes whose failures cannot name the key yet, with the reason.</summary>
    private static readonly Dictionary<Type, string> Unnamed = new()
    {
        [typeof(TDeveloper.Aws.Reminders.DynamoDBReminderOptions)] = "validated by the Aws library's own validator, configured through a delegate: its messages name DynamoDBReminderOptions:<property>",
        [typeof(TelemetryOptions)] = "validated by AddServiceDefaults while the host is built (ReadTelemetryOptions, before options validation runs); TelemetrySettingsTests checks its message names the key",
    };

    public static TheoryData<Case> All() => [.. Cases];

    [Theory]
    [MemberData(nameof(All))]
    public void A_bad_value_fails_naming_its_key(Case @case)
    {
        foreach (var host in new[] { ConfigHosts.Silo, ConfigHosts.Gateway, ConfigHosts.None }.Where(h => h == @case.Host || (@case.Host == ConfigHosts.Both && h != ConfigHosts.None)))
        {
            var error = Failure(@case, host);
            Assert.True(error is not null, $"{@case} was accepted by the {host}.");
            Assert.Contains(@case.Expected ?? @case.Key, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ConfigHosts.Silo)]
    [InlineData(ConfigHosts.Gateway)]
    public void The_defaults_are_valid(ConfigHosts host) =>
        Assert.Null(Failure(new Case(typeof(object), host, "TDeveloper:Unused", "x"), host));

    [Fact]
    public void Every_options_class_has_a_case()
    {
        var covered = Cases.Select(c => c.Type).ToHashSet();
        var missing = ConfigurationCatalog.Sections.Select(s => s.Type).Distinct().Where(t => !covered.Contains(t) && !Unnamed.ContainsKey(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"Options classes without a bad-value case: {string.Join(", ", missing)}");
    }

    /// <summary>Builds <paramref name="host"/>'s container with the case's settings and resolves its options; the exception, or null when it was accepted.</summary>
    private static Exception? Failure(Case @case, ConfigHosts host)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TDeveloper:Providers:GrainStorage"] = "Memory",
            ["TDeveloper:Providers:Reminders"] = "Memory",
        };
        foreach (var (key, value) in @case.Extra) settings[key] = value;
        if (@case.Value is not null) settings[@case.Key] = @case.Value;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
            builder.Configuration.AddInMemoryCollection(settings);
            switch (host)
            {
                case ConfigHosts.Silo:
                    builder.AddManagementEndpoint();
                    builder.AddTDeveloperSilo();
                    builder.Services.AddTDeveloperApi();
                    break;
                case ConfigHosts.Gateway:
                    builder.AddManagementEndpoint();
                    builder.AddTDeveloperClusterClient();
                    builder.Services.AddTDeveloperApi();
                    break;
                default:
                    builder.Services.AddTDeveloperRemoteClient(builder.Configuration.GetSection(TDeveloperRemoteClientOptions.SectionName));
                    break;
            }

            using var built = builder.Build();
            if (@case.Type.IsClass && @case.Type.Namespace?.StartsWith("TDeveloper", StringComparison.Ordinal) == true && !@case.Type.IsAbstract && @case.Type.GetConstructor(Type.EmptyTypes) is not null)
            {
                Resolve(built.Services, @case.Type, @case.Name);
            }

            // What ValidateOnStart checks: every options type registered for validation at start.
            built.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or AggregateException)
        {
            return e;
        }
    }

    private static void Resolve(IServiceProvider services, Type type, string name)
    {
        var monitor = services.GetService(typeof(IOptionsMonitor<>).MakeGenericType(type));
        if (monitor is null) return;
        var get = monitor.GetType().GetMethod("Get", [typeof(string)])!;
        try
        {
            _ = get.Invoke(monitor, [name.Length == 0 ? Options.DefaultName : name]);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
