namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>What checking a presented API key came to.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ApiKeyVerification")]
public sealed record ApiKeyVerification
{
    /// <summary>Gets the outcome.</summary>
    [Id(0)] public ApiKeyVerificationOutcome Outcome { get; init; }

    /// <summary>Gets the key, when it exists and the secret matched (whatever else the outcome says).</summary>
    [Id(1)] public ApiKeySummary? Key { get; init; }
}

/// <summary>The outcomes of <see cref="IApiKeyGrain.VerifyAsync"/>.</summary>
public enum ApiKeyVerificationOutcome
{
    /// <summary>The key is valid.</summary>
    Valid,

    /// <summary>No such key, or the secret does not match (the two are not told apart).</summary>
    Unknown,

    /// <summary>The key expired.</summary>
    Expired,

    /// <summary>The key was revoked.</summary>
    Revoked,
}
