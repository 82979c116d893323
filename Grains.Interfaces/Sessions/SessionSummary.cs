namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>What the session index keeps of a session: ids, owner, status and times, never its requests or title.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionSummary")]
public sealed record SessionSummary
{
    /// <summary>Gets the session id (without tenant).</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the owner named at creation.</summary>
    [Id(1)] public string Owner { get; init; } = "";

    /// <summary>Gets the session's last known lifecycle state.</summary>
    [Id(2)] public SessionStatus Status { get; init; }

    /// <summary>Gets when the session was created.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the index last learned of a change of status.</summary>
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when the session ended (completed or failed), once it has.</summary>
    [Id(5)] public DateTimeOffset? EndedAt { get; init; }
}
