using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Sessions;

/// <summary>The persisted state of a tenant's <see cref="ISessionIndexGrain"/>.</summary>
[GenerateSerializer, Alias("TDeveloper.SessionIndexState")]
public sealed class SessionIndexState
{
    /// <summary>Gets or sets the tenant's sessions by id: live ones, and ended ones until their retention passes.</summary>
    [Id(0)] public Dictionary<string, SessionSummary> Sessions { get; set; } = [];
}
