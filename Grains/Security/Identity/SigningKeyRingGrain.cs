using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>
/// The cluster's signing keys (<see cref="ISigningKeyRingGrain"/>): RSA 2048, rotated on <see cref="SigningKeyOptions.RotationPeriod"/>
/// when next used, private halves sealed with the <see cref="IFieldProtector"/> in storage and opened only in this activation's memory.
/// </summary>
/// <remarks>One activation per cluster signs every token: issuance is rate limited and an RS256 signature costs about a millisecond.</remarks>
public sealed partial class SigningKeyRingGrain(
    [PersistentState("signing-keys", StorageNames.State)] IPersistentState<SigningKeyRingState> state,
    IFieldProtector protector,
    IOptions<SigningKeyOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRingGrain> logger) : DurableGrain, ISigningKeyRingGrain
{
    private const int KeySizeBits = 2048;
    private static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(1);
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Dictionary<string, RsaSecurityKey> _opened = [];

    /// <inheritdoc />
    public async Task<SignedToken> SignAsync(TokenSigningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (var payload = JsonDocument.Parse(request.PayloadJson))
        {
            if (payload.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException("The token payload must be a JSON object.", nameof(request));
        }

        if (request.ExpiresAt > time.GetUtcNow() + MaxTokenLifetime) throw new ArgumentException("The token would outlive the longest access token lifetime (a day).", nameof(request));
        var current = await EnsureCurrentAsync();
        var key = await OpenAsync(current);
        var token = Handler.CreateToken(request.PayloadJson, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        var (keys, changed) = SigningKeyRing.RecordSigned(state.State.Keys, current.KeyId, request.ExpiresAt);
        if (changed)
        {
            state.State.Keys = keys;
            await WriteOrReloadAsync(state);
        }

        return new SignedToken { Token = token, KeyId = current.KeyId };
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<PublishedSigningKey>> GetPublishedKeysAsync()
    {
        await EnsureCurrentAsync();
        return [.. state.State.Keys.Select(k => new PublishedSigningKey { KeyId = k.KeyId, Modulus = k.Modulus, Exponent = k.Exponent, CreatedAt = k.CreatedAt, RetiredAt = k.RetiredAt })];
    }

    /// <inheritdoc />
    public async Task<string> RotateAsync()
    {
        var next = await CreateKeyAsync(time.GetUtcNow());
        state.State.Keys = SigningKeyRing.Rotate(state.State.Keys, next, time.GetUtcNow());
        await WriteOrReloadAsync(state);
        LogRotated(next.KeyId);
        return next.KeyId;
    }

    /// <summary>Prunes expired retired keys and rotates when due; returns the current key.</summary>
    private async Task<SigningKeyEntry> EnsureCurrentAsync()
    {
        var now = time.GetUtcNow();
        var keys = SigningKeyRing.Prune(state.State.Keys, now, options.Value.RetiredKeyGrace);
        var changed = keys.Length != state.State.Keys.Length;
        if (SigningKeyRing.NeedsRotation(keys, now, options.Value.RotationPeriod))
        {
            var next = await CreateKeyAsync(now);
            keys = SigningKeyRing.Rotate(keys, next, now);
            changed = true;
            LogRotated(next.KeyId);
        }

        if (changed)
        {
            foreach (var gone in _opened.Keys.Except(keys.Select(k => k.KeyId)).ToList()) _opened.Remove(gone);
            state.State.Keys = keys;
            await WriteOrReloadAsync(state);
        }

        return SigningKeyRing.Current(keys)!;
    }

    private async Task<SigningKeyEntry> CreateKeyAsync(DateTimeOffset now)
    {
        var keyId = "k-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        using var rsa = RSA.Create(KeySizeBits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var privateKey = rsa.ExportPkcs8PrivateKey();
        try
        {
            var sealedKey = await protector.SealAsync(privateKey, SigningKeyRing.SealContext(keyId));
            return new SigningKeyEntry { KeyId = keyId, CreatedAt = now, Modulus = parameters.Modulus!, Exponent = parameters.Exponent!, SealedPrivateKey = sealedKey };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private async Task<RsaSecurityKey> OpenAsync(SigningKeyEntry entry)
    {
        if (_opened.TryGetValue(entry.KeyId, out var opened)) return opened;
        var privateKey = await protector.UnsealAsync(entry.SealedPrivateKey, SigningKeyRing.SealContext(entry.KeyId));
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(privateKey, out _);
            return _opened[entry.KeyId] = new RsaSecurityKey(rsa) { KeyId = entry.KeyId };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing key {KeyId} is now current")]
    private partial void LogRotated(string keyId);
}
