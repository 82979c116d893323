namespace TDeveloper.Api.Security;

/// <summary>The names of the API's rate-limiting policies, for <c>RequireRateLimiting</c> on routes.</summary>
public static class TDeveloperRateLimits
{
    /// <summary>The policy of sensitive routes such as token issuance and key creation (10 per 15 min by default).</summary>
    public const string Sensitive = "sensitive";
}
