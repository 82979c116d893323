namespace TDeveloper.Hosting.Kubernetes;

/// <summary>
/// Decides whether a silo uses Orleans' Kubernetes hosting (<c>Microsoft.Orleans.Hosting.Kubernetes</c>): the silo takes its
/// name and advertised address from the pod (<c>POD_NAME</c>, <c>POD_IP</c>), its cluster and service ids from
/// <c>ORLEANS_CLUSTER_ID</c>/<c>ORLEANS_SERVICE_ID</c>, and watches the silo pods of its namespace, removing from membership
/// the silos whose pods are gone (the RBAC in <c>deploy/k8s/rbac.yaml</c> allows this). Membership itself stays in the
/// configured clustering provider (DynamoDB in the AWS mode).
/// </summary>
public static class KubernetesHosting
{
    /// <summary>The switch: <c>true</c> on, <c>false</c> off, empty (the default) on when the silo runs in a Kubernetes pod.</summary>
    public const string EnabledKey = "TDeveloper:Kubernetes:Enabled";

    /// <summary>The variable Kubernetes sets in every container, whose presence the empty switch takes for "in a pod".</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    /// <summary>The variable the silo manifest sets to the pod's name (the downward API), which Orleans' Kubernetes hosting needs.</summary>
    public const string PodNameVariable = "POD_NAME";

    /// <summary>
    /// Gets whether to use Kubernetes hosting: what <see cref="EnabledKey"/> says, or, when it is empty, whether both
    /// <see cref="ServiceHostVariable"/> and <see cref="PodNameVariable"/> are set (a pod of our manifests). Never with
    /// localhost clustering, whose silos must advertise the loopback address.
    /// </summary>
    /// <param name="configuration">The configuration holding <see cref="EnabledKey"/>.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/> in the host).</param>
    /// <param name="localhostClustering">Whether the silo uses localhost clustering.</param>
    /// <exception cref="InvalidOperationException"><see cref="EnabledKey"/> is neither empty nor a boolean; the message names the key.</exception>
    public static bool IsEnabled(IConfiguration configuration, Func<string, string?> environment, bool localhostClustering)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[EnabledKey];
        bool? enabled = string.IsNullOrWhiteSpace(text) ? null
            : bool.TryParse(text, out var value) ? value
            : throw new InvalidOperationException($"{EnabledKey} '{text}' is not a boolean; use true, false or leave it empty (on inside a Kubernetes pod).");
        if (localhostClustering)
        {
            return enabled == true
                ? throw new InvalidOperationException($"{EnabledKey} is true but the silo uses localhost clustering; set TDeveloper:Mode=Aws (or TDeveloper:Providers:Clustering) for a cluster of pods.")
                : false;
        }

        return enabled ?? (!string.IsNullOrEmpty(environment(ServiceHostVariable)) && !string.IsNullOrEmpty(environment(PodNameVariable)));
    }
}
