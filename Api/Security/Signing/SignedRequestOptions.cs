using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;

namespace TDeveloper.Api.Security.Signing;

/// <summary>Options of the <see cref="TDeveloperAuthentication.Hmac"/> scheme (signed requests).</summary>
/// <remarks>Bound from <see cref="Section"/> and validated at start.</remarks>
public sealed class SignedRequestOptions : AuthenticationSchemeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Security:Signing";

    /// <summary>Gets or sets how far a request's timestamp may be from the server's clock, either way; its nonce is remembered that long after it.</summary>
    /// <remarks>Defaults to 5 minutes.</remarks>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan Window { get; set; } = SigningCanonicalForm.DefaultWindow;
}
