namespace TDeveloper.ServiceDefaults;

/// <summary>Marks an endpoint that answers only on a management port (<see cref="ManagementOptions.Urls"/>); elsewhere it does not match (404).</summary>
public sealed class ManagementEndpointMetadata
{
    /// <summary>Gets the one instance.</summary>
    public static ManagementEndpointMetadata Instance { get; } = new();

    private ManagementEndpointMetadata()
    {
    }
}
