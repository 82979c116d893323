using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TDeveloper.Aws;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Hosting;
using TDeveloper.Hosting.Checkpoints;
using TDeveloper.Testing;
using YamlDotNet.RepresentationModel;

namespace TDeveloper.Deploy.Tests;

/// <summary>
/// deploy/aws: every template passes cfn-lint (the npm validator, and AWS's Python cfn-lint where the machine has it, which
/// knows today's resource specification), and the facts the runbook relies on hold.
/// </summary>
public sealed class CloudFormationTemplatesTests
{
    /// <summary>The actions AWS offers no resource-level permissions for, which alone may have <c>Resource: "*"</c> in a role.</summary>
    private static readonly HashSet<string> WildcardResourceActions = ["ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords"];

    private static readonly string TemplateDirectory = RepositoryFiles.PathOf("deploy", "aws");

    public static TheoryData<string> Templates() => [.. Directory.EnumerateFiles(TemplateDirectory, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task The_npm_cfn_lint_passes_the_template(string file)
    {
        var (exitCode, output, error) = await NpmCfnLintAsync(Path.Combine(TemplateDirectory, file));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Template valid!", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_npm_cfn_lint_rejects_a_misspelt_property()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cfn-invalid-{Guid.NewGuid():N}.yaml");
        var text = await File.ReadAllTextAsync(Path.Combine(TemplateDirectory, "tables.yaml"));
        await File.WriteAllTextAsync(path, text.Replace("PointInTimeRecoverySpecification", "PointInTimeRecovery", StringComparison.Ordinal));
        try
        {
            var (exitCode, output, _) = await NpmCfnLintAsync(path);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("PointInTimeRecovery is not a valid property", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task AWS_cfn_lint_passes_every_template()
    {
        // Python's cfn-lint is part of this machine image (PyPI is not reachable to install it); npm's is older and knows a
        // 2019 resource specification, so this is the check that knows today's properties and IAM actions. A machine
        // without it skips this check visibly (the npm linter's test still runs everywhere).
        Skip.IfNot(IsOnPath("cfn-lint"), "AWS's Python cfn-lint is not installed on this machine (pip install cfn-lint); the npm linter still checked the templates.");
        var files = Directory.EnumerateFiles(TemplateDirectory, "*.yaml").Order().Select(f => $"\"{f}\"");
        var (exitCode, output) = await RunAsync("cfn-lint", string.Join(' ', files));

        Assert.True(exitCode == 0, $"cfn-lint exited {exitCode}:\n{output}");
    }

    [Fact]
    public void Every_table_has_point_in_time_recovery_TTL_and_encryption()
    {
        var tables = AllResources().Where(r => r.Type == "AWS::DynamoDB::Table").ToList();

        Assert.Equal(6, tables.Count); // three in tables.yaml, three in tdeveloper.yaml
        Assert.All(tables, t =>
        {
            Assert.Equal("true", Scalar(t.Properties, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"));
            Assert.Equal("true", Scalar(t.Properties, "TimeToLiveSpecification", "Enabled"));
            Assert.Equal("true", Scalar(t.Properties, "SSESpecification", "SSEEnabled"));
            Assert.Equal("PK,S SK,S", string.Join(' ', Sequence(t.Properties, "AttributeDefinitions").Cast<YamlMappingNode>().Select(a => $"{Scalar(a, "AttributeName")},{Scalar(a, "AttributeType")}")));
        });
    }

    [Fact]
    public void Names_default_to_what_the_code_reads()
    {
        var template = Load("tdeveloper.yaml");
        var aws = new AwsModeOptions();

        Assert.Equal(aws.MembershipTable, Default(template, "MembershipTableName"));
        Assert.Equal(aws.GrainStateTable, Default(template, "GrainStateTableName"));
        Assert.Equal(aws.ReminderTable, Default(template, "ReminderTableName"));
        Assert.Equal("tdeveloper-events", Default(template, "EventStreamName")); // TDeveloper:Aws:Kinesis:StreamName's default
        Assert.Equal("alias/tdeveloper", Default(template, "KeyAliasName"));
        Assert.Equal(new SiloEndpointOptions().ClusterId, Default(template, "ClusterId"));
    }

    [Fact]
    public void The_bucket_is_KMS_encrypted_private_and_expires_bodies_after_7_days()
    {
        var template = Load("tdeveloper.yaml");
        var bucket = Assert.Single(Resources(template), r => r.Type == "AWS::S3::Bucket").Properties;

        var rule = (YamlMappingNode)Sequence(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration").Single();
        Assert.Equal("aws:kms", Scalar(rule, "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        Assert.Equal("!GetAtt", Node(rule, "ServerSideEncryptionByDefault", "KMSMasterKeyID").Tag.Value);
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.Equal("true", Scalar(bucket, "PublicAccessBlockConfiguration", setting));
        }

        Assert.Equal("7", Default(template, "BodyRetentionDays"));
        var expiring = Sequence(bucket, "LifecycleConfiguration", "Rules").Cast<YamlMappingNode>()
            .Where(r => r.Children.ContainsKey("ExpirationInDays")).ToDictionary(r => Scalar(r, "Prefix")!, r => Node(r, "ExpirationInDays"));
        Assert.Equal(new[] { CheckpointStoreExtensions.DefaultS3KeyPrefix, new S3BlobOptions().KeyPrefix }.Order(), expiring.Keys.Order<string>());
        Assert.All(expiring.Values, v => Assert.Equal("BodyRetentionDays", ((YamlScalarNode)v).Value));
    }

    [Fact]
    public void No_role_statement_allows_every_resource_except_where_AWS_requires_it()
    {
        var statements = AllResources().Where(r => r.Type == "AWS::IAM::Role")
            .SelectMany(r => Sequence(r.Properties, "Policies").Cast<YamlMappingNode>())
            .SelectMany(p => Sequence(p, "PolicyDocument", "Statement").Cast<YamlMappingNode>())
            .ToList();

        Assert.True(statements.Count >= 10, $"{statements.Count} statements");
        Assert.Empty(WildcardViolations(statements));
        Assert.All(statements, s => Assert.Equal("Allow", Scalar(s, "Effect")));
    }

    [Fact]
    public void The_wildcard_check_catches_a_wildcard_resource_and_a_wildcard_action()
    {
        var bad = (YamlMappingNode)Parse("""
            - { Effect: Allow, Action: "dynamodb:GetItem", Resource: "*" }
            - { Effect: Allow, Action: ["s3:*"], Resource: "arn:aws:s3:::b/*" }
            - { Effect: Allow, Action: "ecr:GetAuthorizationToken", Resource: "*" }
            """, wrap: true);

        var violations = WildcardViolations(Sequence(bad, "s").Cast<YamlMappingNode>().ToList());

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void Both_services_autoscale_between_2_and_10_tasks_at_70_percent_CPU()
    {
        var template = Load("tdeveloper.yaml");
        var resources = Resources(template).ToList();
        var targets = resources.Where(r => r.Type == "AWS::ApplicationAutoScaling::ScalableTarget").ToList();
        var policies = resources.Where(r => r.Type == "AWS::ApplicationAutoScaling::ScalingPolicy").ToList();

        Assert.Equal(2, targets.Count);
        Assert.Equal(("2", "10", "70"), (Default(template, "MinCapacity"), Default(template, "MaxCapacity"), Default(template, "TargetCpuPercent")));
        Assert.All(targets, t => Assert.Equal(("MinCapacity", "MaxCapacity"), (Scalar(t.Properties, "MinCapacity"), Scalar(t.Properties, "MaxCapacity"))));
        Assert.Equal(targets.Select(t => t.Name).Order(), policies.Select(p => Scalar(p.Properties, "ScalingTargetId")).Order());
        Assert.All(policies, p =>
        {
            Assert.Equal("TargetCpuPercent", Scalar(p.Properties, "TargetTrackingScalingPolicyConfiguration", "TargetValue"));
            Assert.Equal("ECSServiceAverageCPUUtilization", Scalar(p.Properties, "TargetTrackingScalingPolicyConfiguration", "PredefinedMetricSpecification", "PredefinedMetricType"));
        });
        Assert.Equal(2, resources.Count(r => r.Type == "AWS::ECS::Service" && Scalar(r.Properties, "LaunchType") == "FARGATE"));
    }

    [Fact]
    public void The_silo_task_stops_within_ECS_stop_timeout()
    {
        // Fargate waits 30 s after SIGTERM (its default stop timeout; the template sets none) before SIGKILL.
        var shutdown = RepositoryFiles.AppSettings("Silo").GetSection(SiloShutdownOptions.Section).Get<SiloShutdownOptions>()!;
        var silo = Assert.Single(Resources(Load("tdeveloper.yaml")), r => r.Name == "SiloTaskDefinition");
        var container = Sequence(silo.Properties, "ContainerDefinitions").Cast<YamlMappingNode>().Single(c => Scalar(c, "Name") == "silo");
        var stopTimeout = container.Children.TryGetValue("StopTimeout", out var value) ? int.Parse(((YamlScalarNode)value).Value!, CultureInfo.InvariantCulture) : 30;

        Assert.True(TimeSpan.FromSeconds(stopTimeout) > shutdown.Timeout, $"stop timeout {stopTimeout} s, shutdown {shutdown.Timeout}");
    }

    [Fact]
    public void The_alarms_watch_the_seed_thresholds_on_metrics_the_code_emits()
    {
        var monitoring = RepositoryFiles.AppSettings("Silo").GetSection("TDeveloper:Sessions:Monitoring");
        var alarms = Resources(Load("tdeveloper.yaml")).Where(r => r.Type == "AWS::CloudWatch::Alarm").ToDictionary(r => r.Name, r => r.Properties);

        Assert.Equal(5, alarms.Count);
        AssertAlarm(alarms["ApiLatencyP99Alarm"], "AWS/ApplicationELB", "TargetResponseTime", "1");
        Assert.Equal("p99", Scalar(alarms["ApiLatencyP99Alarm"], "ExtendedStatistic"));
        Assert.Equal("5", Scalar(alarms["ApiErrorRateAlarm"], "Threshold"));
        AssertAlarm(alarms["SessionErrorRateAlarm"], "TDeveloper", TDeveloperTelemetry.SessionErrorRate.Name, monitoring["ErrorRateThreshold"]!);
        AssertAlarm(alarms["SessionDurationAlarm"], "TDeveloper", TDeveloperTelemetry.SessionAge.Name,
            TimeSpan.Parse(monitoring["DurationThreshold"]!, CultureInfo.InvariantCulture).TotalSeconds.ToString(CultureInfo.InvariantCulture));
        AssertAlarm(alarms["SessionMemoryAlarm"], "TDeveloper", TDeveloperTelemetry.SessionMemory.Name, monitoring["MemoryThresholdBytes"]!);
        Assert.All(alarms.Values, a => Assert.Equal(("!Ref", "AlarmTopic"), Sequence(a, "AlarmActions").Cast<YamlScalarNode>().Select(n => (n.Tag.Value, n.Value)).Single()));
    }

    private static void AssertAlarm(YamlMappingNode alarm, string ns, string metric, string threshold)
    {
        Assert.Equal((ns, metric, threshold, "GreaterThanThreshold"), (Scalar(alarm, "Namespace"), Scalar(alarm, "MetricName"), Scalar(alarm, "Threshold"), Scalar(alarm, "ComparisonOperator")));
    }

    private static List<string> WildcardViolations(List<YamlMappingNode> statements)
    {
        var violations = new List<string>();
        foreach (var statement in statements)
        {
            var actions = Strings(statement.Children[new YamlScalarNode("Action")]);
            var resources = Strings(statement.Children[new YamlScalarNode("Resource")]);
            if (actions.Any(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal))) violations.Add($"wildcard action in {string.Join(',', actions)}");
            if (resources.Contains("*") && !actions.All(WildcardResourceActions.Contains)) violations.Add($"Resource * for {string.Join(',', actions)}");
        }

        return violations;
    }

    private static List<string> Strings(YamlNode node) => node switch
    {
        YamlScalarNode scalar when scalar.Tag.IsEmpty => [scalar.Value!],
        YamlScalarNode scalar => [$"{scalar.Tag.Value} {scalar.Value}"], // an intrinsic (!GetAtt X.Arn): a named resource
        YamlSequenceNode sequence => [.. sequence.Children.SelectMany(Strings)],
        _ => [node.Tag.IsEmpty ? "(mapping)" : node.Tag.Value],
    };

    private static async Task<(int ExitCode, string Output, string Error)> NpmCfnLintAsync(string path) =>
        await NodeToolProcess.RunToCompletionAsync("cfn-lint", "cfn-lint/lib/index.js", $"validate \"{path}\"", TimeSpan.FromMinutes(1));

    private static bool IsOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, file)));

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' (AWS's CloudFormation linter, Python; part of this machine image) could not be started: {ex.Message}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(cancel.Token);
            return (process.ExitCode, await output + await error);
        }
    }

    private sealed record Resource(string File, string Name, string Type, YamlMappingNode Properties);

    private static IEnumerable<Resource> AllResources() =>
        Directory.EnumerateFiles(TemplateDirectory, "*.yaml").Order().SelectMany(f => Resources(Load(Path.GetFileName(f))));

    private static IEnumerable<Resource> Resources((string File, YamlMappingNode Root) template) =>
        ((YamlMappingNode)template.Root.Children[new YamlScalarNode("Resources")]).Children.Select(entry =>
        {
            var body = (YamlMappingNode)entry.Value;
            return new Resource(template.File, ((YamlScalarNode)entry.Key).Value!, Scalar(body, "Type")!,
                body.Children.TryGetValue(new YamlScalarNode("Properties"), out var p) ? (YamlMappingNode)p : new YamlMappingNode());
        });

    private static (string File, YamlMappingNode Root) Load(string file) =>
        (file, (YamlMappingNode)Parse(File.ReadAllText(Path.Combine(TemplateDirectory, file)), wrap: false));

    private static YamlNode Parse(string text, bool wrap)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(wrap ? "s:\n" + string.Join('\n', text.Split('\n').Select(l => "  " + l)) : text));
        return stream.Documents[0].RootNode;
    }

    private static string? Default((string File, YamlMappingNode Root) template, string parameter) =>
        Scalar(template.Root, "Parameters", parameter, "Default");

    private static YamlNode Node(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current).Children.TryGetValue(new YamlScalarNode(key), out var next)
                ? next
                : throw new Xunit.Sdk.XunitException($"'{key}' missing (path {string.Join('.', path)})");
        }

        return current;
    }

    private static string? Scalar(YamlMappingNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, params string[] path) => ((YamlSequenceNode)Node(node, path)).Children;
}
