namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>The claim types T-Developer reads from a caller's credential, whichever scheme authenticated it.</summary>
/// <remarks>
/// Every authentication scheme (our own JWTs, an external OIDC issuer, API keys, signed requests) produces a
/// principal with these claims, so the API and the grain call filter never look at a scheme's own format.
/// The tenant comes only from here, never from a header the caller picks.
/// </remarks>
public static class TDeveloperClaims
{
    /// <summary>The tenant the caller belongs to (a <see cref="GrainKeys.IsValidSegment"/> segment).</summary>
    public const string Tenant = "tdev_tenant";

    /// <summary>A role of the caller; one claim per role (built-in: <see cref="BuiltInRoles"/>, or a custom role).</summary>
    public const string Role = "role";

    /// <summary>The caller's stable subject id (user, service or API key).</summary>
    public const string Subject = "sub";

    /// <summary>The login session a token belongs to; a token whose login session was ended is refused.</summary>
    public const string LoginSession = "sid";

    /// <summary>The IP address a token is bound to, when IP binding is on.</summary>
    public const string BoundIp = "tdev_ip";

    /// <summary>The id of the API key or signing key that authenticated the caller, if one did.</summary>
    public const string CredentialId = "tdev_cred";

    /// <summary>The kind of credential that authenticated the caller ("jwt", "oidc", "apikey", "hmac").</summary>
    public const string CredentialKind = "tdev_cred_kind";
}
