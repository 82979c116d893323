namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>What a <see cref="RevocationEntry"/> revokes.</summary>
public enum RevocationKind
{
    /// <summary>One access token, by its <c>jti</c>.</summary>
    Token,

    /// <summary>A login session, by its <c>sid</c>: every token of the session.</summary>
    LoginSession,

    /// <summary>A credential (API key), by its <c>tdev_cred</c>: every token minted from it.</summary>
    Credential,
}
