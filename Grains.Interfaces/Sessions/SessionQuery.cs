namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Input of <see cref="ISessionIndexGrain.ListAsync"/>: filters and a page position, newest sessions first.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionQuery")]
public sealed record SessionQuery
{
    /// <summary>The largest <see cref="Limit"/> accepted.</summary>
    public const int MaxLimit = 200;

    /// <summary>The <see cref="Limit"/> used when the caller names none.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Gets the status to keep, or <see langword="null"/> for all.</summary>
    [Id(0)] public SessionStatus? Status { get; init; }

    /// <summary>Gets the owner to keep (exact, case-sensitive match), or <see langword="null"/> for all.</summary>
    [Id(1)] public string? Owner { get; init; }

    /// <summary>Gets the earliest creation time to keep (inclusive), or <see langword="null"/>.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>Gets the creation time before which sessions are kept (exclusive), or <see langword="null"/>.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Gets the most sessions a page holds: 1 to <see cref="MaxLimit"/>. Default <see cref="DefaultLimit"/>.</summary>
    [Id(4)] public int Limit { get; init; } = DefaultLimit;

    /// <summary>Gets the <see cref="SessionPage.Next"/> of the previous page, or <see langword="null"/> for the first page.</summary>
    [Id(5)] public string? Cursor { get; init; }
}
