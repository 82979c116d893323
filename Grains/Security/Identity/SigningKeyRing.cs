using System.Collections.Immutable;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>
/// The rules of the signing key ring, free of Orleans and of cryptography: which key is current, when it is due for
/// rotation, and how long a retired key stays published (until the last token it signed has expired, plus a grace).
/// </summary>
public static class SigningKeyRing
{
    /// <summary>How far ahead of a signed token's expiry <see cref="SigningKeyEntry.SignedUntil"/> is moved, so it is written at most once per step.</summary>
    public static readonly TimeSpan SignedUntilStep = TimeSpan.FromHours(1);

    /// <summary>Gets the field-protector context of a key's private half.</summary>
    public static string SealContext(string keyId) => $"signing-key/{keyId}";

    /// <summary>Gets the current key: the last one not retired.</summary>
    public static SigningKeyEntry? Current(ImmutableArray<SigningKeyEntry> keys) => keys.LastOrDefault(k => k.RetiredAt is null);

    /// <summary>Gets whether a new key must be made current: there is none, or the current one is older than <paramref name="period"/>.</summary>
    public static bool NeedsRotation(ImmutableArray<SigningKeyEntry> keys, DateTimeOffset now, TimeSpan period) =>
        Current(keys) is not { } current || now >= current.CreatedAt + period;

    /// <summary>Retires every current key at <paramref name="now"/> and appends <paramref name="next"/> as the current one.</summary>
    public static ImmutableArray<SigningKeyEntry> Rotate(ImmutableArray<SigningKeyEntry> keys, SigningKeyEntry next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(next);
        return [.. keys.Select(k => k.RetiredAt is null ? k with { RetiredAt = now } : k), next with { RetiredAt = null }];
    }

    /// <summary>Drops the retired keys whose every token has expired more than <paramref name="grace"/> ago.</summary>
    public static ImmutableArray<SigningKeyEntry> Prune(ImmutableArray<SigningKeyEntry> keys, DateTimeOffset now, TimeSpan grace) =>
        [.. keys.Where(k => k.RetiredAt is not { } retired || (k.SignedUntil is { } until && until > retired ? until : retired) + grace > now)];

    /// <summary>
    /// Records that <paramref name="keyId"/> signed a token expiring at <paramref name="expiresAt"/>; returns the keys and
    /// whether they changed (the bound moves <see cref="SignedUntilStep"/> past the expiry, so most signatures change nothing).
    /// </summary>
    public static (ImmutableArray<SigningKeyEntry> Keys, bool Changed) RecordSigned(ImmutableArray<SigningKeyEntry> keys, string keyId, DateTimeOffset expiresAt)
    {
        var index = -1;
        for (var i = 0; i < keys.Length && index < 0; i++) if (keys[i].KeyId == keyId) index = i;
        if (index < 0) throw new ArgumentException($"The key '{keyId}' is not in the ring.", nameof(keyId));
        var key = keys[index];
        if (key.SignedUntil is { } until && until >= expiresAt) return (keys, false);
        return (keys.SetItem(index, key with { SignedUntil = expiresAt + SignedUntilStep }), true);
    }
}
