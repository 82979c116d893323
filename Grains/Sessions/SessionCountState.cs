namespace TDeveloper.Grains.Sessions;

/// <summary>The persisted state of the <see cref="ISessionCountGrain"/>.</summary>
[GenerateSerializer, Alias("TDeveloper.SessionCountState")]
public sealed class SessionCountState
{
    /// <summary>Gets or sets each tenant's count of sessions that have not ended (tenants with none are left out).</summary>
    [Id(0)] public Dictionary<string, int> Tenants { get; set; } = [];
}
