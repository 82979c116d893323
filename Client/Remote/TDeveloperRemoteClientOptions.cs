using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Client;

/// <summary>Options of the remote client that <c>AddTDeveloperRemoteClient</c> registers: where the HTTP API is and which credential to send.</summary>
/// <remarks>Bound from <see cref="SectionName"/> when the caller passes a configuration section; validated at start.</remarks>
public sealed class TDeveloperRemoteClientOptions
{
    /// <summary>The configuration section the options are usually bound from.</summary>
    public const string SectionName = "TDeveloper:Remote";

    /// <summary>The header an API key travels in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Gets or sets the API's base address, for example <c>http://localhost:5080/</c> (the embedded silo) or the Gateway's <c>http://localhost:5090/</c>.</summary>
    /// <remarks>Required.</remarks>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the API key (<c>tdk_…</c>) to authenticate with; sent in <see cref="ApiKeyHeader"/>, or exchanged for tokens when <see cref="ExchangeApiKeyForToken"/> is set.</summary>
    /// <remarks>No default. Set this or <see cref="Token"/>.</remarks>
    [Orleans.Redact]
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a bearer access token (from <c>POST /v1/auth/token</c> or the OIDC provider) sent as <c>Authorization: Bearer</c>.</summary>
    /// <remarks>No default; it is not refreshed (prefer <see cref="ApiKey"/> with <see cref="ExchangeApiKeyForToken"/> for long-running services).</remarks>
    [Orleans.Redact]
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets whether the <see cref="ApiKey"/> is exchanged for a short-lived access token (<c>POST /v1/auth/token</c>,
    /// <c>grant_type=client_credentials</c>), renewed shortly before it expires, instead of being sent with every request.
    /// </summary>
    /// <remarks>Defaults to <see langword="false"/>: the key is sent as is.</remarks>
    public bool ExchangeApiKeyForToken { get; set; }

    /// <summary>Gets or sets how long one call (not a watch) may take before it fails.</summary>
    /// <remarks>Defaults to 30 seconds.</remarks>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
