namespace TDeveloper.Client;

/// <summary>Options of the external Orleans client that <c>AddTDeveloperClient</c> registers.</summary>
/// <remarks>Bound from the configuration section <see cref="SectionName"/> when the caller passes it; validated at start.</remarks>
public sealed class TDeveloperClientOptions
{
    /// <summary>The configuration section the options are usually bound from.</summary>
    public const string SectionName = "TDeveloper:Client";

    /// <summary>The gateway used when none is configured.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>Gets or sets the silo gateways to connect to, each as <c>host:port</c> (host names are resolved at start).</summary>
    /// <remarks>Defaults to <see cref="DefaultGateway"/> when left empty.</remarks>
    public List<string> Gateways { get; set; } = [];

    /// <summary>Gets or sets the Orleans cluster id; it must match the silos'.</summary>
    /// <remarks>Defaults to "tdeveloper".</remarks>
    public string ClusterId { get; set; } = "tdeveloper";

    /// <summary>Gets or sets the Orleans service id; it must match the silos'.</summary>
    /// <remarks>Defaults to "tdeveloper".</remarks>
    public string ServiceId { get; set; } = "tdeveloper";

    /// <summary>Gets or sets how long to wait between two attempts to connect to the cluster at start.</summary>
    /// <remarks>Defaults to 2 seconds.</remarks>
    public TimeSpan ConnectionRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many times connecting to the cluster is tried at start before the host fails.</summary>
    /// <remarks>Defaults to 30.</remarks>
    public int MaxConnectionAttempts { get; set; } = 30;

    /// <summary>Gets or sets the tenant the handle-style client (<see cref="ITDeveloperClient.Sessions"/>, <see cref="TDeveloperHandles"/>) acts for.</summary>
    /// <remarks>Defaults to "default"; <see cref="ITDeveloperClient.ForTenant"/> reaches any other.</remarks>
    public string Tenant { get; set; } = DefaultTenant;

    /// <summary>The tenant of the handle-style client when none is configured.</summary>
    public const string DefaultTenant = "default";
}
