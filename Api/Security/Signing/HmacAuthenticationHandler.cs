using System.Buffers;
using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Signing;

namespace TDeveloper.Api.Security.Signing;

/// <summary>
/// The <see cref="TDeveloperAuthentication.Hmac"/> scheme: authenticates a request signed with a signing key
/// (<see cref="SigningCanonicalForm"/>). The edge checks the headers' form and the time window and hashes the body
/// (buffered, so the endpoint still reads it, and no more than the endpoint's body limit); the key's grain checks the
/// key, the signature (in constant time) and the nonce.
/// </summary>
/// <remarks>
/// A request that carries a signature which does not verify is answered 401 here, whatever its endpoint requires: a
/// caller who presents a bad credential is refused, not served as anonymous. Every refusal is audited
/// (<see cref="AuditEventKinds.SignatureRejected"/>) in the key's tenant when the key exists.
/// </remarks>
internal sealed partial class HmacAuthenticationHandler(
    IOptionsMonitor<SignedRequestOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IClusterClient cluster,
    IAuditTrail audit,
    IOptions<TDeveloperApiOptions> apiOptions)
    : AuthenticationHandler<SignedRequestOptions>(options, loggerFactory, encoder), IAuthenticationRequestHandler
{
    /// <summary>The value of <c>WWW-Authenticate</c> on a refusal.</summary>
    public const string Challenge = "TDev-HMAC";

    private Rejection? _rejection;

    /// <summary>Refuses, with a 401 (or 413) problem, a request whose signature does not verify; lets every other request through.</summary>
    public async Task<bool> HandleRequestAsync()
    {
        if (!Request.Headers.ContainsKey(SigningCanonicalForm.SignatureHeader)) return false;
        if ((await AuthenticateAsync()).Succeeded || _rejection is not { } rejection) return false;

        LogRejected(Logger, rejection.KeyId ?? "(none)", rejection.Reason);
        var tenant = rejection.Tenant;
        if (tenant is null && rejection.KeyId is { } keyId) tenant = await cluster.GetGrain<ISigningKeyGrain>(keyId).GetTenantAsync();
        if (tenant is not null)
        {
            await audit.RecordAsync(AuditOf(tenant, AuditEventKinds.SignatureRejected, rejection.KeyId ?? "anonymous", "failure", ("reason", rejection.Reason), ("keyId", rejection.KeyId ?? "")));
        }

        Response.Headers.WWWAuthenticate = Challenge;
        await TypedResults.Problem(rejection.Detail, statusCode: rejection.Status, title: rejection.Status == StatusCodes.Status401Unauthorized ? "Unauthorized" : null)
            .ExecuteAsync(Context);
        return true;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        CallerContext.ActAsSystem(); // checking a signature is the system's own
        var headers = Request.Headers;
        if (!headers.ContainsKey(SigningCanonicalForm.SignatureHeader)) return AuthenticateResult.NoResult();
        var keyId = Single(SigningCanonicalForm.KeyIdHeader);
        var timestamp = Single(SigningCanonicalForm.TimestampHeader);
        var nonce = Single(SigningCanonicalForm.NonceHeader);
        var signatureText = Single(SigningCanonicalForm.SignatureHeader);
        if (keyId is null || timestamp is null || nonce is null || signatureText is null)
        {
            return Reject(GrainKeys.IsValidSegment(keyId) ? keyId : null, "missing-header", $"A signed request carries exactly one each of {SigningCanonicalForm.KeyIdHeader}, {SigningCanonicalForm.TimestampHeader}, {SigningCanonicalForm.NonceHeader} and {SigningCanonicalForm.SignatureHeader}.");
        }

        if (!GrainKeys.IsValidSegment(keyId)) return Reject(null, "malformed-key-id", $"{SigningCanonicalForm.KeyIdHeader} is not a key id.");
        if (!SigningCanonicalForm.TryParseTimestamp(timestamp, out var signedAt)) return Reject(keyId, "malformed-timestamp", $"{SigningCanonicalForm.TimestampHeader} must be Unix seconds.");
        var now = TimeProvider.GetUtcNow();
        var window = Options.Window;
        if (!SigningCanonicalForm.IsWithinWindow(signedAt, now, window))
        {
            return Reject(keyId, signedAt < now ? "timestamp-too-old" : "timestamp-in-future", $"{SigningCanonicalForm.TimestampHeader} is more than {window.TotalMinutes:0.#} minutes from the server's clock.");
        }

        if (!SigningCanonicalForm.IsValidNonce(nonce)) return Reject(keyId, "malformed-nonce", $"{SigningCanonicalForm.NonceHeader} must be 16 to 128 letters, digits, '-' or '_'.");
        if (!SigningCanonicalForm.TryDecodeSignature(signatureText, out var signature)) return Reject(keyId, "malformed-signature", $"{SigningCanonicalForm.SignatureHeader} must be the base64 of an HMAC-SHA256.");

        var bodyHash = await HashBodyAsync();
        if (bodyHash is null) return Reject(keyId, "body-too-large", "The request body is larger than the limit.", StatusCodes.Status413PayloadTooLarge);

        var canonical = SigningCanonicalForm.Build(Request.Method, PathAndQuery(), timestamp, nonce, bodyHash);
        var verdict = await cluster.GetGrain<ISigningKeyGrain>(keyId).VerifyAsync(new SignatureCheck
        {
            Canonical = canonical,
            Signature = signature,
            Nonce = nonce,
            SignedAt = signedAt,
            RememberUntil = signedAt + window,
        });
        if (verdict.Outcome != SignatureOutcome.Valid || verdict.Tenant is not { } tenant)
        {
            return Reject(keyId, ReasonOf(verdict.Outcome), DetailOf(verdict.Outcome), tenant: verdict.Tenant);
        }

        if (verdict.UsesToReport > 0)
        {
            await audit.RecordAsync(AuditOf(tenant, AuditEventKinds.KeyUsed, keyId, "success", ("keyId", keyId), ("kind", "hmac"), ("uses", verdict.UsesToReport.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(Principal(keyId, tenant, verdict.Roles), Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        return base.HandleChallengeAsync(properties);
    }

    private ClaimsPrincipal Principal(string keyId, string tenant, ImmutableArray<string> roles)
    {
        var claims = new List<Claim>
        {
            new(TDeveloperClaims.Tenant, tenant),
            new(TDeveloperClaims.Subject, keyId),
            new(TDeveloperClaims.CredentialId, keyId),
            new(TDeveloperClaims.CredentialKind, "hmac"),
        };
        claims.AddRange(roles.Select(role => new Claim(TDeveloperClaims.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, TDeveloperClaims.Subject, TDeveloperClaims.Role));
    }

    /// <summary>Hashes the body while buffering it for the endpoint; <see langword="null"/> when it exceeds the endpoint's limit.</summary>
    private async Task<string?> HashBodyAsync()
    {
        var limit = Context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? Context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? apiOptions.Value.MaxRequestBodyBytes;
        if (Request.ContentLength > limit) return null;
        Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await Request.Body.ReadAsync(buffer, Context.RequestAborted)) > 0)
            {
                total += read;
                if (total > limit) return null;
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Gets the path and query as on the request line; rebuilt from the parsed parts where the server keeps no raw target.</summary>
    private string PathAndQuery()
    {
        var raw = Context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is { Length: > 0 } && raw[0] == '/' ? raw : Request.PathBase.Add(Request.Path).ToUriComponent() + Request.QueryString.ToUriComponent();
    }

    private string? Single(string header) => Request.Headers.TryGetValue(header, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private AuthenticateResult Reject(string? keyId, string reason, string detail, int status = StatusCodes.Status401Unauthorized, string? tenant = null)
    {
        _rejection = new Rejection(keyId, tenant, reason, detail, status);
        return AuthenticateResult.Fail($"The request signature was refused: {reason}.");
    }

    private AuditEvent AuditOf(string tenant, string kind, string actor, string outcome, params (string Key, string Value)[] details) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Actor = actor,
        Outcome = outcome,
        Resource = $"{Request.Method} {Request.Path}",
        At = TimeProvider.GetUtcNow(),
        IpAddress = IdentityPrincipals.ClientIp(Context),
        Details = details.ToImmutableDictionary(d => d.Key, d => d.Value),
    };

    private static string ReasonOf(SignatureOutcome outcome) => outcome switch
    {
        SignatureOutcome.UnknownKey => "unknown-key",
        SignatureOutcome.Revoked => "key-revoked",
        SignatureOutcome.Expired => "key-expired",
        SignatureOutcome.BadSignature => "bad-signature",
        SignatureOutcome.NonceReused => "nonce-reused",
        SignatureOutcome.SignedBeforeRecovery => "signed-before-recovery",
        SignatureOutcome.ReplayGuardFull => "replay-guard-full",
        _ => "refused",
    };

    // Key problems and signature mismatches read alike, so that a caller cannot probe which key ids exist.
    private static string DetailOf(SignatureOutcome outcome) => outcome switch
    {
        SignatureOutcome.NonceReused => $"{SigningCanonicalForm.NonceHeader} was used before: sign each request with a new nonce.",
        SignatureOutcome.SignedBeforeRecovery => "The request was signed before the server recovered from a failure: sign it again.",
        SignatureOutcome.ReplayGuardFull => "Too many signed requests with this key in the window: slow down.",
        _ => "The request signature does not verify.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed request with key {KeyId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string keyId, string reason);

    private sealed record Rejection(string? KeyId, string? Tenant, string Reason, string Detail, int Status);
}
