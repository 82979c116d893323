using TDeveloper.Client.Signing;
using System.Collections.Immutable;
using System.Text;
using TDeveloper.Api.Security.Signing;
using TDeveloper.Grains.Interfaces.Security.Signing;

namespace TDeveloper.Cluster.Tests;

/// <summary>A signing key's replay guard across activations: a clean deactivation keeps accepting, the loss of its silo refuses what was signed before.</summary>
public sealed class SigningKeyClusterTests : FileStoreClusterFixture
{
    private static readonly TimeSpan Window = SigningCanonicalForm.DefaultWindow;

    [Fact]
    public async Task After_its_silo_is_lost_a_key_refuses_requests_signed_before_it_came_back_and_accepts_new_ones()
    {
        var key = Client.GetGrain<ISigningKeyGrain>(SigningKeysApi.NewKeyId());
        var created = await key.CreateAsync(new CreateSigningKeyInput { Tenant = "acme", Name = "ci", Roles = ["developer"], CreatedBy = "admin", ValidFor = TimeSpan.FromDays(1) });
        var secret = Encoding.UTF8.GetBytes(created.Secret);

        var first = Check(secret, DateTimeOffset.UtcNow);
        Assert.Equal(SignatureOutcome.Valid, (await key.VerifyAsync(first)).Outcome);
        Assert.Equal(SignatureOutcome.NonceReused, (await key.VerifyAsync(first)).Outcome);
        Assert.Equal(SignatureOutcome.BadSignature, (await key.VerifyAsync(first with { Canonical = first.Canonical + "x" })).Outcome);

        // A clean deactivation records that nothing was lost: a request signed a moment ago is still accepted.
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(SignatureOutcome.Valid, (await key.VerifyAsync(Check(secret, DateTimeOffset.UtcNow.AddSeconds(-2)))).Outcome);

        var captured = Check(secret, DateTimeOffset.UtcNow.AddSeconds(-2));
        Assert.True(Cluster.TryGetGrainContext(key.GetGrainId(), out var context), "the key is active somewhere");
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress)));

        // The nonces died with the silo: what was signed before the key came back may have been seen, so it is refused.
        Assert.Equal(SignatureOutcome.SignedBeforeRecovery, (await key.VerifyAsync(first)).Outcome);
        Assert.Equal(SignatureOutcome.SignedBeforeRecovery, (await key.VerifyAsync(captured)).Outcome);
        var fresh = Check(secret, DateTimeOffset.UtcNow.AddSeconds(1));
        var verdict = await key.VerifyAsync(fresh);
        Assert.Equal(SignatureOutcome.Valid, verdict.Outcome); // the sealed secret opened on the other silo
        Assert.Equal("acme", verdict.Tenant);
        Assert.Equal(new[] { "developer" }, verdict.Roles.AsEnumerable());
        Assert.Equal(SignatureOutcome.NonceReused, (await key.VerifyAsync(fresh)).Outcome);

        Assert.NotNull(await key.RevokeAsync("acme", "admin"));
        Assert.Equal(SignatureOutcome.Revoked, (await key.VerifyAsync(Check(secret, DateTimeOffset.UtcNow.AddSeconds(1)))).Outcome);
        Assert.Null(await Client.GetGrain<ISigningKeyGrain>(created.Key.KeyId).RevokeAsync("other-tenant", "admin"));
        var listed = Assert.Single(await Client.GetGrain<ISigningKeyIndexGrain>("acme").ListAsync(), k => k.KeyId == created.Key.KeyId);
        Assert.NotNull(listed.RevokedAt);
    }

    private static SignatureCheck Check(byte[] secret, DateTimeOffset signedAt)
    {
        var nonce = SigningCanonicalForm.NewNonce();
        var timestamp = SigningCanonicalForm.FormatTimestamp(signedAt);
        var canonical = SigningCanonicalForm.Build("POST", "/v1/sessions", timestamp, nonce, SigningCanonicalForm.EmptyBodyHash);
        return new SignatureCheck
        {
            Canonical = canonical,
            Signature = Convert.FromBase64String(SigningCanonicalForm.Sign(secret, canonical)),
            Nonce = nonce,
            SignedAt = DateTimeOffset.FromUnixTimeSeconds(signedAt.ToUnixTimeSeconds()),
            RememberUntil = signedAt + Window,
        };
    }
}
