using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The persisted revocation list of the cluster.</summary>
[GenerateSerializer, Alias("TDeveloper.RevocationListState")]
public sealed class RevocationListState
{
    /// <summary>Gets or sets the list's epoch, chosen when it is first written; copies built from another epoch are replaced whole.</summary>
    [Id(0)] public string Epoch { get; set; } = "";

    /// <summary>Gets or sets the sequence of the last entry added.</summary>
    [Id(1)] public long LastSequence { get; set; }

    /// <summary>Gets or sets the entries not yet past their retention, in sequence order.</summary>
    [Id(2)] public ImmutableArray<RevocationEntry> Entries { get; set; } = [];
}
