namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>Why a model call failed, in terms that decide what happens next.</summary>
[GenerateSerializer]
public enum ModelErrorKind
{
    /// <summary>Anything not classified below; not retried.</summary>
    Unknown = 0,
    /// <summary>The provider throttled the call (HTTP 429, ThrottlingException); retried after a pause or on another model.</summary>
    RateLimited = 1,
    /// <summary>The call took too long; retried.</summary>
    Timeout = 2,
    /// <summary>The provider or model is unavailable (HTTP 503, ServiceUnavailable, ModelNotReady); retried.</summary>
    Unavailable = 3,
    /// <summary>The provider failed internally (HTTP 500, InternalServerException); retried.</summary>
    Internal = 4,
    /// <summary>The request was invalid for this model (HTTP 400, ValidationException); fix the request or the catalog.</summary>
    InvalidRequest = 5,
    /// <summary>The credentials may not use this model (HTTP 401/403, AccessDeniedException); fix credentials or request model access.</summary>
    AccessDenied = 6,
    /// <summary>An account or service quota is exhausted (ServiceQuotaExceededException); raise the quota or use another model.</summary>
    QuotaExceeded = 7,
    /// <summary>The model id is unknown to the provider (HTTP 404, ResourceNotFoundException); fix the catalog entry.</summary>
    NotFound = 8,
    /// <summary>The answer could not be read (a corrupted or truncated stream); retried.</summary>
    MalformedResponse = 9,
}
