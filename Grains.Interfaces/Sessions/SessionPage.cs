using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>One page of a tenant's sessions, newest first.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionPage")]
public sealed record SessionPage
{
    /// <summary>Gets the sessions of the page.</summary>
    [Id(0)] public ImmutableArray<SessionSummary> Items { get; init; } = [];

    /// <summary>Gets the cursor of the next page (pass it as <see cref="SessionQuery.Cursor"/>), or <see langword="null"/> on the last page.</summary>
    [Id(1)] public string? Next { get; init; }
}
