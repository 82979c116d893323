using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Signing;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Security.Signing;

/// <summary>
/// A signing key, keyed by its id. It keeps the secret sealed at rest and open only in this activation's memory,
/// verifies the requests signed with it (HMAC-SHA256, compared in constant time), and remembers their nonces for
/// their window (<see cref="NonceWindow"/>), so a replay is refused cluster-wide: every request of a key meets here.
/// </summary>
/// <remarks>
/// Nonces are kept in memory, not stored. An activation marks the state while it lives and clears the mark when it
/// deactivates; an activation that finds the mark set knows the last one was lost (its silo died) with its nonces, and
/// refuses every request signed before it started. A request captured before the loss cannot be replayed after it; a
/// client whose request was caught in the loss signs it again.
/// </remarks>
public sealed partial class SigningKeyGrain : DurableGrain, ISigningKeyGrain
{
    /// <summary>The most nonces one key remembers at once (about 330 requests a second for a 10-minute window).</summary>
    public const int NonceCapacity = 200_000;

    private static readonly TimeSpan UseReportInterval = TimeSpan.FromMinutes(1);
    private readonly IPersistentState<SigningKeyState> _state;
    private readonly IFieldProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyGrain> _logger;
    private readonly NonceWindow _nonces = new(NonceCapacity);
    private byte[]? _secret;
    private long _unreportedUses;
    private DateTimeOffset? _lastUseReport;

    /// <summary>Creates the grain over its state and the field protector that seals its secret.</summary>
    public SigningKeyGrain(
        [PersistentState("signingKey", StorageNames.State)] IPersistentState<SigningKeyState> state,
        IFieldProtector protector,
        TimeProvider time,
        ILogger<SigningKeyGrain> logger)
    {
        _state = state;
        _protector = protector;
        _time = time;
        _logger = logger;
    }

    private string KeyId => this.GetPrimaryKeyString();

    /// <summary>Gets the field-protector context of a key's secret: it binds the sealed value to the tenant and the key.</summary>
    public static string SecretContext(string tenant, string keyId) => $"signing-key/{tenant}/{keyId}/secret";

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!_state.RecordExists || _state.State.Secret is not { } sealedSecret) return;
        _secret = Encoding.UTF8.GetBytes(await _protector.UnsealTextAsync(sealedSecret, SecretContext(_state.State.Tenant, KeyId), cancellationToken));
        if (_state.State.NoncesInMemory)
        {
            _nonces.RefuseSignedBefore = _time.GetUtcNow();
            LogNoncesLost(KeyId, _nonces.RefuseSignedBefore.Value);
        }

        _state.State.NoncesInMemory = true;
        await WriteOrReloadAsync(_state);
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_state.RecordExists || !_state.State.NoncesInMemory) return;
        try
        {
            _state.State.NoncesInMemory = false;
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogMarkNotCleared(ex, KeyId); // the next activation refuses what was signed before it: safe, if a little strict
        }
    }

    /// <inheritdoc/>
    public async Task<SigningKeyCreated> CreateAsync(CreateSigningKeyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_state.RecordExists) throw new InvalidOperationException($"The signing key id '{KeyId}' is taken.");
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        _state.State = new SigningKeyState
        {
            Tenant = input.Tenant,
            Name = input.Name,
            Roles = input.Roles,
            CreatedBy = input.CreatedBy,
            CreatedAt = now,
            ExpiresAt = now + input.ValidFor,
            Secret = await _protector.SealTextAsync(secret, SecretContext(input.Tenant, KeyId)),
            NoncesInMemory = true,
        };
        await WriteOrReloadAsync(_state);
        _secret = Encoding.UTF8.GetBytes(secret);
        var summary = Summary();
        await GrainFactory.GetGrain<ISigningKeyIndexGrain>(input.Tenant).PutAsync(summary);
        LogCreated(KeyId, input.Tenant);
        return new SigningKeyCreated { Key = summary, Secret = secret };
    }

    /// <inheritdoc/>
    public async Task<SigningKeySummary?> RevokeAsync(string tenant, string revokedBy)
    {
        if (!_state.RecordExists || !string.Equals(_state.State.Tenant, tenant, StringComparison.Ordinal)) return null;
        if (_state.State.RevokedAt is null)
        {
            _state.State.RevokedAt = _time.GetUtcNow();
            _state.State.RevokedBy = revokedBy;
            await WriteOrReloadAsync(_state);
            LogRevoked(KeyId, tenant);
        }

        var summary = Summary();
        await GrainFactory.GetGrain<ISigningKeyIndexGrain>(tenant).PutAsync(summary); // again on a repeated revoke, in case the first update was lost
        return summary;
    }

    /// <inheritdoc/>
    public Task<string?> GetTenantAsync() => Task.FromResult(_state.RecordExists ? _state.State.Tenant : null);

    /// <inheritdoc/>
    public Task<SignatureVerdict> VerifyAsync(SignatureCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!_state.RecordExists || _secret is null) return Task.FromResult(new SignatureVerdict { Outcome = SignatureOutcome.UnknownKey });
        var state = _state.State;
        var now = _time.GetUtcNow();
        var outcome = Decide(check, state, now);
        if (outcome != SignatureOutcome.Valid) return Task.FromResult(new SignatureVerdict { Outcome = outcome, Tenant = state.Tenant, CreatedBy = state.CreatedBy });

        _unreportedUses++;
        var report = 0L;
        if (_lastUseReport is not { } last || now - last >= UseReportInterval)
        {
            report = _unreportedUses;
            _unreportedUses = 0;
            _lastUseReport = now;
        }

        return Task.FromResult(new SignatureVerdict { Outcome = SignatureOutcome.Valid, Tenant = state.Tenant, Roles = state.Roles, CreatedBy = state.CreatedBy, UsesToReport = report });
    }

    private SignatureOutcome Decide(SignatureCheck check, SigningKeyState state, DateTimeOffset now)
    {
        if (state.RevokedAt is not null) return SignatureOutcome.Revoked;
        if (now >= state.ExpiresAt) return SignatureOutcome.Expired;
        var expected = HMACSHA256.HashData(_secret!, Encoding.UTF8.GetBytes(check.Canonical));
        if (!CryptographicOperations.FixedTimeEquals(expected, check.Signature)) return SignatureOutcome.BadSignature;
        return _nonces.TryUse(check.Nonce, check.SignedAt, check.RememberUntil, now) switch
        {
            NonceUse.Fresh => SignatureOutcome.Valid,
            NonceUse.Reused => SignatureOutcome.NonceReused,
            NonceUse.SignedBeforeRecovery => SignatureOutcome.SignedBeforeRecovery,
            _ => SignatureOutcome.ReplayGuardFull,
        };
    }

    private SigningKeySummary Summary() => new()
    {
        KeyId = KeyId,
        Tenant = _state.State.Tenant,
        Name = _state.State.Name,
        Roles = _state.State.Roles,
        CreatedBy = _state.State.CreatedBy,
        CreatedAt = _state.State.CreatedAt,
        ExpiresAt = _state.State.ExpiresAt,
        RevokedAt = _state.State.RevokedAt,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} of {Tenant} created")]
    private partial void LogCreated(string keyId, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} of {Tenant} revoked")]
    private partial void LogRevoked(string keyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing key {KeyId} was lost with its silo: requests signed before {RefuseBefore} are refused, as their nonces are forgotten")]
    private partial void LogNoncesLost(string keyId, DateTimeOffset refuseBefore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing key {KeyId} could not record a clean deactivation; its next activation will refuse earlier-signed requests")]
    private partial void LogMarkNotCleared(Exception exception, string keyId);
}
