namespace TDeveloper.Grains.Security.Signing;

/// <summary>What <see cref="NonceWindow.TryUse"/> decided.</summary>
public enum NonceUse
{
    /// <summary>The nonce is new; it is remembered until its window ends.</summary>
    Fresh,

    /// <summary>The nonce was used before and is still remembered.</summary>
    Reused,

    /// <summary>The request was signed before <see cref="NonceWindow.RefuseSignedBefore"/>: nonces of that time may have been forgotten.</summary>
    SignedBeforeRecovery,

    /// <summary>The window holds <see cref="NonceWindow.Capacity"/> nonces already; the request is refused rather than remembered.</summary>
    Full,
}

/// <summary>
/// The nonces one signing key has seen, each remembered until its request's window ends, free of Orleans. Kept in
/// memory: when memory may have been lost (the grain's silo died), <see cref="RefuseSignedBefore"/> refuses every
/// request signed before the loss was noticed, so a request captured then cannot be replayed.
/// </summary>
/// <param name="capacity">The most nonces remembered at once.</param>
public sealed class NonceWindow(int capacity)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    /// <summary>Gets the most nonces remembered at once.</summary>
    public int Capacity => capacity;

    /// <summary>Gets the number of nonces remembered now (after the last sweep).</summary>
    public int Count => _seen.Count;

    /// <summary>Gets or sets the time before which signed requests are refused, if any: when this window was rebuilt after nonces may have been lost.</summary>
    public DateTimeOffset? RefuseSignedBefore { get; set; }

    /// <summary>Uses <paramref name="nonce"/> of a request signed at <paramref name="signedAt"/>, remembering it until <paramref name="rememberUntil"/>.</summary>
    public NonceUse TryUse(string nonce, DateTimeOffset signedAt, DateTimeOffset rememberUntil, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        Sweep(now);
        if (RefuseSignedBefore is { } refuse && signedAt < refuse) return NonceUse.SignedBeforeRecovery;
        if (_seen.ContainsKey(nonce)) return NonceUse.Reused;
        if (_seen.Count >= capacity) return NonceUse.Full;
        _seen[nonce] = rememberUntil;
        _expiries.Enqueue(nonce, rememberUntil);
        return NonceUse.Fresh;
    }

    /// <summary>Forgets the nonces whose window ended by <paramref name="now"/>.</summary>
    public void Sweep(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var nonce, out var until) && until <= now)
        {
            _expiries.Dequeue();
            if (_seen.TryGetValue(nonce, out var kept) && kept == until) _seen.Remove(nonce);
        }
    }
}
