using TDeveloper.Grains.Interfaces.Security.Identity;
using TDeveloper.Grains.Security.Identity;

namespace TDeveloper.Unit.Tests.Security.Identity;

public sealed class RevocationListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Fact]
    public void Entries_get_increasing_sequences_and_a_repeated_one_is_renewed_not_doubled()
    {
        var state = new RevocationListState { Epoch = "e1" };
        var a = RevocationList.Revoke(state, RevocationKind.Token, "jti-1", "acme", T0, Retention);
        var b = RevocationList.Revoke(state, RevocationKind.LoginSession, "ls-1", "acme", T0, Retention);
        var again = RevocationList.Revoke(state, RevocationKind.Token, "jti-1", "acme", T0 + TimeSpan.FromHours(1), Retention);

        Assert.Equal([1L, 2L, 3L], new[] { a.Sequence, b.Sequence, again.Sequence });
        Assert.Equal(2, state.Entries.Length);
        Assert.Equal(T0 + TimeSpan.FromHours(25), state.Entries.Single(e => e.Id == "jti-1").KeepUntil);
    }

    [Fact]
    public void Changes_are_the_entries_after_a_sequence_or_the_whole_list_for_another_epoch()
    {
        var state = new RevocationListState { Epoch = "e1" };
        RevocationList.Revoke(state, RevocationKind.Token, "a", "t", T0, Retention);
        RevocationList.Revoke(state, RevocationKind.Token, "b", "t", T0, Retention);

        var delta = RevocationList.ChangesSince(state, "e1", 1, T0);
        Assert.False(delta.IsFull);
        Assert.Equal(["b"], delta.Entries.Select(e => e.Id));
        Assert.Equal(2, delta.LastSequence);

        var full = RevocationList.ChangesSince(state, "lost", 7, T0);
        Assert.True(full.IsFull);
        Assert.Equal(["a", "b"], full.Entries.Select(e => e.Id));
        Assert.True(RevocationList.ChangesSince(state, null, 0, T0).IsFull);
        Assert.True(RevocationList.ChangesSince(state, "e1", 99, T0).IsFull); // a copy ahead of the list was built from another one
    }

    [Fact]
    public void Entries_past_retention_are_left_out_and_dropped()
    {
        var state = new RevocationListState { Epoch = "e1" };
        RevocationList.Revoke(state, RevocationKind.Credential, "key", "t", T0, Retention);

        Assert.Single(RevocationList.ChangesSince(state, null, 0, T0 + Retention - TimeSpan.FromSeconds(1)).Entries);
        Assert.Empty(RevocationList.ChangesSince(state, null, 0, T0 + Retention).Entries);
        Assert.False(RevocationList.Prune(state, T0));
        Assert.True(RevocationList.Prune(state, T0 + Retention));
        Assert.Empty(state.Entries);
        Assert.Equal(1, state.LastSequence);
    }
}
