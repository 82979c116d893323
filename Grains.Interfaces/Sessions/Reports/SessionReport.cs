using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>What a session did and what it costs: its timeline, its workflows' steps, its totals, checkpoints and current alerts.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionReport")]
public sealed record SessionReport
{
    /// <summary>Gets the session id (without tenant).</summary>
    [Id(0)] public string SessionId { get; init; } = "";

    /// <summary>Gets the session's status.</summary>
    [Id(1)] public SessionStatus Status { get; init; }

    /// <summary>Gets when the report was made.</summary>
    [Id(2)] public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets status changes, requests' workflows starting and finishing, and alerts, oldest first (at most <see cref="MaxTimelineEntries"/>, the newest).</summary>
    [Id(3)] public ImmutableArray<SessionTimelineEntry> Timeline { get; init; } = [];

    /// <summary>Gets every step of every workflow, workflows oldest first, steps in plan order.</summary>
    [Id(4)] public ImmutableArray<SessionReportStep> Steps { get; init; } = [];

    /// <summary>Gets the totals.</summary>
    [Id(5)] public SessionReportTotals Totals { get; init; } = new();

    /// <summary>Gets the kept checkpoints, newest first.</summary>
    [Id(6)] public ImmutableArray<CheckpointInfo> Checkpoints { get; init; } = [];

    /// <summary>Gets the alerts raised and not cleared.</summary>
    [Id(7)] public ImmutableArray<SessionAlert> Alerts { get; init; } = [];

    /// <summary>The most entries <see cref="Timeline"/> holds.</summary>
    public const int MaxTimelineEntries = 1000;
}
