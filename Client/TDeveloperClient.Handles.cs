using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Client;

/// <summary>The handle-style client over this facade (<see cref="EmbeddedTransport"/>).</summary>
public sealed partial class TDeveloperClient
{
    private TDeveloperHandles? _defaultHandles;

    /// <inheritdoc />
    public SessionClient Sessions => DefaultHandles.Sessions;

    /// <inheritdoc />
    public WorkflowClient Workflows => DefaultHandles.Workflows;

    private TDeveloperHandles DefaultHandles => _defaultHandles ??= ForTenant(options?.Value.Tenant ?? TDeveloperClientOptions.DefaultTenant);

    /// <inheritdoc />
    public TDeveloperHandles ForTenant(string tenant)
    {
        if (!GrainKeys.IsValidSegment(tenant)) throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));
        return new TDeveloperHandles(new EmbeddedTransport(this, tenant));
    }
}
