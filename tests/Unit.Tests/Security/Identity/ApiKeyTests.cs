using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security.Identity;
using TDeveloper.Grains.Security.Identity;

namespace TDeveloper.Unit.Tests.Security.Identity;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_key_has_a_256_bit_secret_is_parsed_back_and_only_its_hash_is_kept()
    {
        var (id, text, hash) = ApiKeyText.New();

        Assert.True(ApiKeyText.TryParse(text, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal(32, Base64UrlEncoder.DecodeBytes(secret).Length);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), hash);
        Assert.DoesNotContain(secret, Convert.ToBase64String(hash));
        Assert.NotEqual(text, ApiKeyText.New().Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tdk_abc")]
    [InlineData("tdk_abc_short")]
    [InlineData("tdx_abc_0123456789012345678901234567890123456789012")]
    [InlineData("tdk_a/b_0123456789012345678901234567890123456789012")]
    [InlineData("tdk__0123456789012345678901234567890123456789012")]
    public void Malformed_keys_do_not_parse(string? text) => Assert.False(ApiKeyText.TryParse(text, out _, out _));

    [Fact]
    public void A_secret_may_hold_underscores()
    {
        Assert.True(ApiKeyText.TryParse("tdk_ab12_under_score_0123456789012345678901234567890123", out var id, out var secret));
        Assert.Equal("ab12", id);
        Assert.StartsWith("under_score", secret);
    }

    [Fact]
    public void Creating_again_with_the_same_secret_is_a_no_op_and_with_another_is_refused()
    {
        var state = new ApiKeyState();
        var registration = Registration([1, 2, 3]);

        var (created, changed) = ApiKeyChecks.Create(state, "k1", registration, T0);
        Assert.True(changed);
        Assert.Equal(("k1", "acme", T0), (created!.Id, created.Tenant, created.CreatedAt));

        var (again, changedAgain) = ApiKeyChecks.Create(state, "k1", registration, T0 + TimeSpan.FromDays(1));
        Assert.False(changedAgain);
        Assert.Equal(T0, again!.CreatedAt);
        Assert.Null(ApiKeyChecks.Create(state, "k1", Registration([9, 9, 9]), T0).Key);
        Assert.Null(ApiKeyChecks.Create(state, "k1", Registration([1, 2, 3]) with { Tenant = "other" }, T0).Key);
    }

    [Fact]
    public void Verification_tells_valid_expired_and_revoked_and_never_tells_a_wrong_secret_from_no_key()
    {
        var state = new ApiKeyState();
        ApiKeyChecks.Create(state, "k1", Registration([1, 2, 3]), T0);

        Assert.Equal(ApiKeyVerificationOutcome.Valid, ApiKeyChecks.Verify(state, [1, 2, 3], T0).Outcome);
        Assert.Equal(ApiKeyVerificationOutcome.Expired, ApiKeyChecks.Verify(state, [1, 2, 3], T0 + TimeSpan.FromDays(30)).Outcome);
        var wrong = ApiKeyChecks.Verify(state, [1, 2, 4], T0);
        Assert.Equal(ApiKeyVerificationOutcome.Unknown, wrong.Outcome);
        Assert.Null(wrong.Key);
        Assert.Equal(ApiKeyVerificationOutcome.Unknown, ApiKeyChecks.Verify(new ApiKeyState(), [1, 2, 3], T0).Outcome);

        state.Key = state.Key! with { RevokedAt = T0 };
        Assert.Equal(ApiKeyVerificationOutcome.Revoked, ApiKeyChecks.Verify(state, [1, 2, 3], T0).Outcome);
        Assert.False(ApiKeyChecks.IsUsable(state.Key, T0));
    }

    [Fact]
    public void Refresh_tokens_name_their_login_session_and_carry_256_bits()
    {
        var session = RefreshTokenText.NewLoginSession();
        var (text, hash) = RefreshTokenText.New(session);

        Assert.True(RefreshTokenText.TryParse(text, out var parsed, out var secret));
        Assert.Equal(session, parsed);
        Assert.Equal(32, Base64UrlEncoder.DecodeBytes(secret).Length);
        Assert.Equal(RefreshTokenText.Hash(secret), hash);
        Assert.False(RefreshTokenText.TryParse("tdk_" + text[4..], out _, out _));
    }

    private static ApiKeyRegistration Registration(byte[] hash) => new()
    {
        Tenant = "acme",
        Name = "ci",
        Roles = ["developer"],
        SecretHash = hash,
        ExpiresAt = T0 + TimeSpan.FromDays(30),
        CreatedBy = "admin",
    };
}
