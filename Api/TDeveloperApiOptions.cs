namespace TDeveloper.Api;

/// <summary>Options of the T-Developer HTTP API.</summary>
/// <remarks>Bound from the configuration section <see cref="SectionName"/> by <c>AddTDeveloperApi</c>; validated at start.</remarks>
public sealed class TDeveloperApiOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Api";

    /// <summary>Gets or sets the largest request body the <c>/v1</c> routes accept, in bytes; a larger one is refused with 413.</summary>
    /// <remarks>
    /// Defaults to 10 MiB. It is also the server's limit for every other route. The submit route has its own,
    /// <see cref="MaxSubmitRequestBodyBytes"/>, which must not be smaller.
    /// </remarks>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Gets or sets the largest body of <c>POST /v1/sessions/{id}/requests</c>, which carries images, audio and documents; a larger one is refused with 413.</summary>
    /// <remarks>
    /// Defaults to 32 MiB: the parts' limit (<see cref="Grains.Interfaces.Sessions.RequestPartLimits.MaxTotalBytes"/>, 20 MiB)
    /// grows by a third in base64, plus the text and JSON around it. The parts' own limits still apply below it.
    /// </remarks>
    public long MaxSubmitRequestBodyBytes { get; set; } = 32 * 1024 * 1024;
}
