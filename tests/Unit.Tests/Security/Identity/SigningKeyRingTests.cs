using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Identity;

namespace TDeveloper.Unit.Tests.Security.Identity;

public sealed class SigningKeyRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromDays(30);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [Fact]
    public void An_empty_ring_or_one_whose_key_is_older_than_the_period_needs_rotation()
    {
        Assert.True(SigningKeyRing.NeedsRotation([], T0, Period));
        ImmutableArray<SigningKeyEntry> ring = [Key("a", T0)];
        Assert.False(SigningKeyRing.NeedsRotation(ring, T0 + Period - TimeSpan.FromSeconds(1), Period));
        Assert.True(SigningKeyRing.NeedsRotation(ring, T0 + Period, Period));
    }

    [Fact]
    public void Rotation_retires_the_current_key_and_makes_the_new_one_current()
    {
        var ring = SigningKeyRing.Rotate([Key("a", T0)], Key("b", T0 + Period), T0 + Period);

        Assert.Equal(["a", "b"], ring.Select(k => k.KeyId));
        Assert.Equal(T0 + Period, ring[0].RetiredAt);
        Assert.Equal("b", SigningKeyRing.Current(ring)!.KeyId);
    }

    [Fact]
    public void A_retired_key_stays_until_every_token_it_signed_expired_plus_the_grace()
    {
        var (ring, changed) = SigningKeyRing.RecordSigned([Key("a", T0)], "a", T0 + TimeSpan.FromHours(1));
        Assert.True(changed);
        var retiredAt = T0 + TimeSpan.FromMinutes(10);
        ring = SigningKeyRing.Rotate(ring, Key("b", retiredAt), retiredAt);
        var lastExpiry = ring[0].SignedUntil!.Value;
        Assert.True(lastExpiry >= T0 + TimeSpan.FromHours(1));

        Assert.Equal(["a", "b"], SigningKeyRing.Prune(ring, lastExpiry + Grace - TimeSpan.FromSeconds(1), Grace).Select(k => k.KeyId));
        Assert.Equal(["b"], SigningKeyRing.Prune(ring, lastExpiry + Grace, Grace).Select(k => k.KeyId));
    }

    [Fact]
    public void A_retired_key_that_signed_nothing_goes_after_the_grace_and_the_current_key_never_goes()
    {
        var ring = SigningKeyRing.Rotate([Key("a", T0)], Key("b", T0), T0);

        Assert.Equal(["b"], SigningKeyRing.Prune(ring, T0 + Grace, Grace).Select(k => k.KeyId));
        Assert.Equal(["b"], SigningKeyRing.Prune(ring, T0 + TimeSpan.FromDays(3650), Grace).Select(k => k.KeyId));
    }

    [Fact]
    public void Signing_moves_the_bound_ahead_in_steps_so_most_signatures_write_nothing()
    {
        var (ring, first) = SigningKeyRing.RecordSigned([Key("a", T0)], "a", T0 + TimeSpan.FromHours(1));
        var (same, second) = SigningKeyRing.RecordSigned(ring, "a", T0 + TimeSpan.FromHours(1.5));
        var (_, third) = SigningKeyRing.RecordSigned(same, "a", T0 + TimeSpan.FromHours(2.5));

        Assert.True(first);
        Assert.False(second);
        Assert.True(third);
        Assert.Throws<ArgumentException>(() => SigningKeyRing.RecordSigned(ring, "nope", T0));
    }

    private static SigningKeyEntry Key(string id, DateTimeOffset createdAt) => new()
    {
        KeyId = id,
        CreatedAt = createdAt,
        Modulus = [1],
        Exponent = [1, 0, 1],
        SealedPrivateKey = new SealedData { KeyId = "m", WrappedKey = [1], Nonce = [2], Ciphertext = [3] },
    };
}
