using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The rules of the revocation list, free of Orleans: add (or renew) an entry, drop those past retention, and answer changes since a sequence.</summary>
public static class RevocationList
{
    /// <summary>Adds an entry for (<paramref name="kind"/>, <paramref name="id"/>), replacing one already there; returns it.</summary>
    public static RevocationEntry Revoke(RevocationListState state, RevocationKind kind, string id, string tenant, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var entry = new RevocationEntry { Kind = kind, Id = id, Tenant = tenant, RevokedAt = now, KeepUntil = now + retention, Sequence = state.LastSequence + 1 };
        state.LastSequence = entry.Sequence;
        state.Entries = [.. state.Entries.Where(e => e.KeepUntil > now && !(e.Kind == kind && e.Id == id)), entry];
        return entry;
    }

    /// <summary>Drops the entries past their retention; returns whether any was dropped.</summary>
    public static bool Prune(RevocationListState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Entries.All(e => e.KeepUntil > now)) return false;
        state.Entries = [.. state.Entries.Where(e => e.KeepUntil > now)];
        return true;
    }

    /// <summary>Gets the entries after <paramref name="afterSequence"/>, or the whole list when <paramref name="epoch"/> is not the list's.</summary>
    public static RevocationChanges ChangesSince(RevocationListState state, string? epoch, long afterSequence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var full = epoch != state.Epoch || afterSequence > state.LastSequence;
        var entries = state.Entries.Where(e => e.KeepUntil > now && (full || e.Sequence > afterSequence));
        return new RevocationChanges { Epoch = state.Epoch, LastSequence = state.LastSequence, IsFull = full, Entries = [.. entries] };
    }
}
