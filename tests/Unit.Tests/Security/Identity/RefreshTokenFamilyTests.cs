using System.Security.Cryptography;
using TDeveloper.Grains.Interfaces.Security.Identity;
using TDeveloper.Grains.Security.Identity;

namespace TDeveloper.Unit.Tests.Security.Identity;

public sealed class RefreshTokenFamilyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Life = TimeSpan.FromDays(14);

    [Fact]
    public void The_current_token_rotates_once_and_its_successor_works()
    {
        var (state, first) = Started();
        var second = Hash();

        Assert.Equal(RefreshRedemptionOutcome.Rotated, RefreshTokenFamily.Redeem(state, first, second, T0 + Life, T0));
        Assert.Equal(RefreshRedemptionOutcome.Rotated, RefreshTokenFamily.Redeem(state, second, Hash(), T0 + Life, T0));
        Assert.Equal(2, state.Generation);
        Assert.Null(state.RevokedAt);
    }

    [Fact]
    public void A_used_token_presented_again_revokes_the_family_and_its_successor_stops_working()
    {
        var (state, first) = Started();
        var second = Hash();
        RefreshTokenFamily.Redeem(state, first, second, T0 + Life, T0);

        Assert.Equal(RefreshRedemptionOutcome.Reused, RefreshTokenFamily.Redeem(state, first, Hash(), T0 + Life, T0 + TimeSpan.FromMinutes(1)));
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), state.RevokedAt);
        Assert.Equal(RefreshRedemptionOutcome.Revoked, RefreshTokenFamily.Redeem(state, second, Hash(), T0 + Life, T0 + TimeSpan.FromMinutes(2)));
        Assert.Equal(RefreshRedemptionOutcome.Revoked, RefreshTokenFamily.Redeem(state, first, Hash(), T0 + Life, T0 + TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void An_unknown_hash_or_family_redeems_nothing_and_changes_nothing()
    {
        var (state, _) = Started();
        var current = state.CurrentHash;

        Assert.Equal(RefreshRedemptionOutcome.Unknown, RefreshTokenFamily.Redeem(state, Hash(), Hash(), T0 + Life, T0));
        Assert.Equal(RefreshRedemptionOutcome.Unknown, RefreshTokenFamily.Redeem(new RefreshTokenFamilyState(), Hash(), Hash(), T0 + Life, T0));
        Assert.Same(current, state.CurrentHash);
        Assert.Null(state.RevokedAt);
    }

    [Fact]
    public void An_expired_token_is_refused_without_rotating()
    {
        var (state, first) = Started();

        Assert.Equal(RefreshRedemptionOutcome.Expired, RefreshTokenFamily.Redeem(state, first, Hash(), T0 + Life * 2, T0 + Life));
        Assert.Equal(0, state.Generation);
    }

    [Fact]
    public void Revocation_needs_one_of_the_familys_tokens_unless_the_holder_logs_out()
    {
        var (state, first) = Started();

        Assert.False(RefreshTokenFamily.Revoke(state, Hash(), T0));
        Assert.Null(state.RevokedAt);
        Assert.True(RefreshTokenFamily.Revoke(state, first, T0));
        Assert.Equal(T0, state.RevokedAt);
        Assert.True(RefreshTokenFamily.Revoke(state, null, T0 + TimeSpan.FromHours(1)));
        Assert.Equal(T0, state.RevokedAt);
        Assert.False(RefreshTokenFamily.Start(state, Grant(), Hash(), T0));
    }

    [Fact]
    public void Only_the_last_used_tokens_are_remembered()
    {
        var (state, current) = Started();
        for (var i = 0; i < RefreshTokenFamily.RetiredKept + 5; i++)
        {
            var next = Hash();
            RefreshTokenFamily.Redeem(state, current, next, T0 + Life, T0);
            current = next;
        }

        Assert.Equal(RefreshTokenFamily.RetiredKept, state.RetiredHashes.Length);
    }

    private static (RefreshTokenFamilyState State, byte[] First) Started()
    {
        var state = new RefreshTokenFamilyState();
        var first = Hash();
        Assert.True(RefreshTokenFamily.Start(state, Grant(), first, T0 + Life));
        return (state, first);
    }

    private static RefreshTokenGrant Grant() => new() { Tenant = "acme", Subject = "apikey:k1", Roles = ["developer"], CredentialId = "k1", StartedAt = T0 };

    private static byte[] Hash() => SHA256.HashData(RandomNumberGenerator.GetBytes(32));
}
