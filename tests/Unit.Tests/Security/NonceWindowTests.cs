using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Security.Signing;

namespace TDeveloper.Unit.Tests.Security;

public sealed class NonceWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_nonce_is_refused_the_second_time_while_its_window_lasts_and_forgotten_after()
    {
        var nonces = new NonceWindow(capacity: 100);
        var signedAt = _clock.GetUtcNow();

        Assert.Equal(NonceUse.Fresh, nonces.TryUse("n-1", signedAt, signedAt + Window, _clock.GetUtcNow()));
        Assert.Equal(NonceUse.Reused, nonces.TryUse("n-1", signedAt, signedAt + Window, _clock.GetUtcNow()));
        Assert.Equal(NonceUse.Fresh, nonces.TryUse("n-2", signedAt, signedAt + Window, _clock.GetUtcNow()));

        _clock.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.Equal(NonceUse.Reused, nonces.TryUse("n-1", signedAt, signedAt + Window, _clock.GetUtcNow()));

        // Once the window has passed, the edge refuses the timestamp itself; the nonce need not be kept any longer.
        _clock.Advance(TimeSpan.FromSeconds(1));
        nonces.Sweep(_clock.GetUtcNow());
        Assert.Equal(0, nonces.Count);
    }

    [Fact]
    public void A_nonce_of_a_request_signed_ahead_of_the_clock_is_kept_until_its_own_window_ends()
    {
        var nonces = new NonceWindow(capacity: 100);
        var signedAt = _clock.GetUtcNow() + Window; // as far ahead as the edge accepts

        Assert.Equal(NonceUse.Fresh, nonces.TryUse("ahead", signedAt, signedAt + Window, _clock.GetUtcNow()));
        _clock.Advance(Window * 2 - TimeSpan.FromSeconds(1));
        Assert.Equal(NonceUse.Reused, nonces.TryUse("ahead", signedAt, signedAt + Window, _clock.GetUtcNow()));
    }

    [Fact]
    public void After_a_loss_requests_signed_before_the_rebuild_are_refused_and_later_ones_accepted()
    {
        var nonces = new NonceWindow(capacity: 100) { RefuseSignedBefore = _clock.GetUtcNow() };
        var before = _clock.GetUtcNow() - TimeSpan.FromSeconds(1);
        var now = _clock.GetUtcNow();

        Assert.Equal(NonceUse.SignedBeforeRecovery, nonces.TryUse("old", before, before + Window, now));
        Assert.Equal(NonceUse.Fresh, nonces.TryUse("new", now, now + Window, now));
    }

    [Fact]
    public void A_full_window_refuses_new_nonces_until_old_ones_expire()
    {
        var nonces = new NonceWindow(capacity: 2);
        var now = _clock.GetUtcNow();
        nonces.TryUse("a-0123456789abcdef", now, now + Window, now);
        nonces.TryUse("b-0123456789abcdef", now, now + Window, now);

        Assert.Equal(NonceUse.Full, nonces.TryUse("c-0123456789abcdef", now, now + Window, now));
        _clock.Advance(Window);
        Assert.Equal(NonceUse.Fresh, nonces.TryUse("c-0123456789abcdef", _clock.GetUtcNow(), _clock.GetUtcNow() + Window, _clock.GetUtcNow()));
    }
}
