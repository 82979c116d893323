using System.Text.Json;
using k8s;
using Microsoft.Extensions.Configuration;
using k8s.Models;
using TDeveloper.Hosting;
using TDeveloper.ServiceDefaults;
using TDeveloper.Testing;

namespace TDeveloper.Deploy.Tests;

/// <summary>
/// deploy/k8s: every document validates against the Kubernetes schemas (the kubernetes-models validators from npm, for
/// types, enums and required fields; KubernetesClient's strict reader, for unknown fields), and the numbers that matter hold.
/// </summary>
public sealed class KubernetesManifestsTests
{
    private static readonly string ManifestDirectory = RepositoryFiles.PathOf("deploy", "k8s");

    [Fact]
    public async Task Every_document_validates_against_the_Kubernetes_schemas()
    {
        var results = await ValidateAsync(ManifestDirectory);

        Assert.True(results.ExitCode == 0, results.Output + results.Error);
        var documents = results.Documents;
        Assert.All(documents, d => Assert.True(d.GetProperty("ok").GetBoolean(), d.ToString()));
        var kinds = documents.Select(d => d.GetProperty("kind").GetString()).ToList();
        foreach (var kind in new[] { "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget" })
        {
            Assert.Equal(2, kinds.Count(k => k == kind));
        }

        Assert.Contains("Role", kinds);
        Assert.Contains("RoleBinding", kinds);
        Assert.Contains("ConfigMap", kinds);
        Assert.Contains("Service", kinds);
        Assert.Contains("Kustomization", kinds);
    }

    [Fact]
    public async Task The_schema_validator_rejects_a_wrong_type_and_an_unknown_kind()
    {
        var dir = Directory.CreateTempSubdirectory("k8s-invalid-").FullName;
        try
        {
            var silo = await File.ReadAllTextAsync(Path.Combine(ManifestDirectory, "silo.yaml"));
            await File.WriteAllTextAsync(Path.Combine(dir, "silo.yaml"), silo.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(dir, "other.yaml"), "apiVersion: v1\nkind: Frobnicator\nmetadata: { name: x }\n");

            var results = await ValidateAsync(dir);

            Assert.Equal(1, results.ExitCode);
            var failures = results.Documents.Where(d => !d.GetProperty("ok").GetBoolean()).Select(d => d.GetProperty("error").GetString()).ToList();
            Assert.Contains(failures, e => e!.Contains("replicas", StringComparison.Ordinal));
            Assert.Contains(failures, e => e!.Contains("unknown apiVersion/kind", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_document_reads_strictly_so_no_field_is_misspelt()
    {
        var objects = ManifestFiles().SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), strict: true)).ToList();

        Assert.True(objects.Count >= 14, $"{objects.Count} documents");
        var misspelt = File.ReadAllText(Path.Combine(ManifestDirectory, "gateway.yaml")).Replace("terminationGracePeriodSeconds:", "terminationGracePeriod:", StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(misspelt, strict: true));
    }

    [Fact]
    public void Both_deployments_autoscale_between_2_and_10_replicas_at_70_percent_CPU_and_have_a_disruption_budget()
    {
        var objects = LoadAll();
        foreach (var name in new[] { "tdeveloper-silo", "tdeveloper-gateway" })
        {
            var deployment = Single<V1Deployment>(objects, name);
            var hpa = Single<V2HorizontalPodAutoscaler>(objects, name);
            Assert.Equal(("Deployment", name), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
            Assert.Equal(2, hpa.Spec.MinReplicas);
            Assert.Equal(10, hpa.Spec.MaxReplicas);
            var cpu = Assert.Single(hpa.Spec.Metrics);
            Assert.Equal(("Resource", "cpu", "Utilization", 70), (cpu.Type, cpu.Resource.Name, cpu.Resource.Target.Type, cpu.Resource.Target.AverageUtilization));
            Assert.Equal(2, deployment.Spec.Replicas);

            var pdb = Single<V1PodDisruptionBudget>(objects, name);
            Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
            Assert.Equal(deployment.Spec.Selector.MatchLabels, pdb.Spec.Selector.MatchLabels);
            Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
        }
    }

    [Fact]
    public void The_silo_is_given_longer_to_stop_than_its_shutdown_timeout_after_the_preStop()
    {
        var shutdown = RepositoryFiles.AppSettings("Silo").GetSection(SiloShutdownOptions.Section).Get<SiloShutdownOptions>()!;
        var silo = Single<V1Deployment>(LoadAll(), "tdeveloper-silo");
        var pod = silo.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var preStop = TimeSpan.FromSeconds(container.Lifecycle.PreStop.Sleep.Seconds);
        var grace = TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds!.Value);

        Assert.Equal(TimeSpan.FromSeconds(25), shutdown.Timeout); // the number the manifest comments explain
        Assert.True(grace > preStop + shutdown.Timeout, $"grace {grace} must exceed preStop {preStop} + shutdown {shutdown.Timeout}");
        var overridden = container.Env.SingleOrDefault(e => e.Name == "TDeveloper__Silo__Shutdown__Timeout");
        if (overridden is not null) Assert.True(grace > preStop + TimeSpan.Parse(overridden.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("RollingUpdate", "0"), (silo.Spec.Strategy.Type, silo.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
    }

    [Theory]
    [InlineData("tdeveloper-silo", "Silo")]
    [InlineData("tdeveloper-gateway", "Gateway")]
    public void Probes_use_the_management_port_and_the_health_paths(string name, string host)
    {
        var managementPort = ManagementOptions.PortOf(RepositoryFiles.AppSettings(host)["TDeveloper:Management:Urls"]!);
        var deployment = Single<V1Deployment>(LoadAll(), name);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        var management = Assert.Single(container.Ports, p => p.Name == "management");

        Assert.Equal(managementPort, management.ContainerPort);
        Assert.Equal($"http://0.0.0.0:{managementPort}", container.Env.Single(e => e.Name == "TDeveloper__Management__Urls").Value);
        Assert.Equal(("/alive", "management"), (container.StartupProbe.HttpGet.Path, container.StartupProbe.HttpGet.Port.Value));
        Assert.Equal(("/alive", "management"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
        Assert.Equal(("/ready", "management"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
        Assert.NotNull(container.Lifecycle.PreStop.Sleep);
    }

    [Theory]
    [InlineData("tdeveloper-silo")]
    [InlineData("tdeveloper-gateway")]
    public void Pods_run_non_root_read_only_with_requests_and_limits(string name)
    {
        var pod = Single<V1Deployment>(LoadAll(), name).Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(container.Resources.Requests.ContainsKey(resource), $"request {resource}");
            Assert.True(container.Resources.Limits.ContainsKey(resource), $"limit {resource}");
        }
    }

    [Fact]
    public void Silos_use_Kubernetes_hosting_with_the_pod_watch_their_service_account_may_do()
    {
        var objects = LoadAll();
        var pod = Single<V1Deployment>(objects, "tdeveloper-silo").Spec.Template;
        var container = Assert.Single(pod.Spec.Containers);
        var env = container.Env.ToDictionary(e => e.Name);
        var config = Single<V1ConfigMap>(objects, "tdeveloper-aws").Data;

        Assert.Equal("true", env["TDeveloper__Kubernetes__Enabled"].Value);
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal(config["TDeveloper__Silo__ServiceId"], pod.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal(config["TDeveloper__Silo__ClusterId"], pod.Metadata.Labels["orleans/clusterId"]);
        Assert.Equal("Aws", config["TDeveloper__Mode"]);
        Assert.Equal(new Aws.AwsModeOptions().MembershipTable, config["TDeveloper__Aws__MembershipTable"]);

        var role = Single<V1Role>(objects, "tdeveloper-silo-pods");
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, rule.Verbs.ToHashSet());
        var binding = Single<V1RoleBinding>(objects, "tdeveloper-silo-pods");
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(pod.Spec.ServiceAccountName, Assert.Single(binding.Subjects).Name);
    }

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(ManifestDirectory, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order();

    private static List<object> LoadAll() =>
        [.. ManifestFiles().SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), strict: true))];

    private static T Single<T>(List<object> objects, string name) where T : IMetadata<V1ObjectMeta> =>
        Assert.Single(objects.OfType<T>(), o => o.Metadata.Name == name);

    private static async Task<(int ExitCode, string Output, string Error, List<JsonElement> Documents)> ValidateAsync(string directory)
    {
        await NodeToolProcess.EnsureToolsAsync("kubernetes-models/package.json");
        var (exitCode, output, error) = await NodeToolProcess.RunToCompletionAsync("validate-k8s", "../validate-k8s.mjs", $"\"{directory}\"", TimeSpan.FromMinutes(1));
        var documents = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        return (exitCode, output, error, documents);
    }
}
