using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>The answer of <see cref="IRevocationListGrain.GetChangesAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RevocationChanges")]
public sealed record RevocationChanges
{
    /// <summary>Gets the list's epoch: it changes only if the list was lost and started anew.</summary>
    [Id(0)] public required string Epoch { get; init; }

    /// <summary>Gets the sequence of the last entry added so far (ask for changes after it next time).</summary>
    [Id(1)] public long LastSequence { get; init; }

    /// <summary>Gets whether <see cref="Entries"/> is the whole list (replace the copy) rather than what was added.</summary>
    [Id(2)] public bool IsFull { get; init; }

    /// <summary>Gets the entries, in sequence order.</summary>
    [Id(3)] public ImmutableArray<RevocationEntry> Entries { get; init; } = [];
}
