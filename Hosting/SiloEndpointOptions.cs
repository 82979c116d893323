using System.ComponentModel.DataAnnotations;
using System.Net;

namespace TDeveloper.Hosting;

/// <summary>Gets or sets how this silo is reached and which cluster it joins (section <c>TDeveloper:Silo</c>).</summary>
public sealed class SiloEndpointOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Silo";

    /// <summary>Gets or sets the port silos talk to each other on. Default 11111; a second silo on the same machine needs another.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the port external clients (the Gateway) connect to. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Gets or sets the silo port of the first (primary) silo, which later silos join through (embedded mode only). Default 11111.</summary>
    [Range(1, 65535)]
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>Gets or sets the address other silos and clients use to reach this one (AWS mode). Default: this host's first IPv4 address.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Gets or sets the cluster id. Default "tdeveloper".</summary>
    [Required]
    public string ClusterId { get; set; } = "tdeveloper";

    /// <summary>Gets or sets the service id, which keys durable state. Default "tdeveloper".</summary>
    [Required]
    public string ServiceId { get; set; } = "tdeveloper";

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdvertisedIPAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
        {
            yield return new ValidationResult($"'{address}' is not an IP address.", [nameof(AdvertisedIPAddress)]);
        }
    }
}
