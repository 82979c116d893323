using Microsoft.Extensions.Configuration;
using TDeveloper.Hosting.Kubernetes;

namespace TDeveloper.Deploy.Tests;

/// <summary>The switch that puts a silo on Orleans' Kubernetes hosting (<c>TDeveloper:Kubernetes:Enabled</c>).</summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> InPod = new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["POD_NAME"] = "tdeveloper-silo-abc" };

    [Theory]
    [InlineData("", true, true)] // empty: on inside a pod of our manifests
    [InlineData("", false, false)] // empty: off elsewhere
    [InlineData("false", true, false)]
    [InlineData("true", false, true)]
    [InlineData("True", true, true)]
    public void The_switch_or_the_pod_decides(string setting, bool inPod, bool expected)
    {
        var environment = inPod ? InPod : [];

        var enabled = KubernetesHosting.IsEnabled(Configuration(setting), name => environment.GetValueOrDefault(name), localhostClustering: false);

        Assert.Equal(expected, enabled);
    }

    [Fact]
    public void Localhost_clustering_never_uses_it_and_refuses_to_be_forced()
    {
        Assert.False(KubernetesHosting.IsEnabled(Configuration(""), name => InPod.GetValueOrDefault(name), localhostClustering: true));
        var error = Assert.Throws<InvalidOperationException>(() => KubernetesHosting.IsEnabled(Configuration("true"), _ => null, localhostClustering: true));
        Assert.Contains(KubernetesHosting.EnabledKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_names_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubernetesHosting.IsEnabled(Configuration("yes"), _ => null, localhostClustering: false));
        Assert.Contains(KubernetesHosting.EnabledKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silo_appsettings_lists_the_switch_empty()
    {
        Assert.Equal("", RepositoryFiles.AppSettings("Silo")[KubernetesHosting.EnabledKey]);
    }

    private static IConfiguration Configuration(string enabled) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [KubernetesHosting.EnabledKey] = enabled }).Build();
}
