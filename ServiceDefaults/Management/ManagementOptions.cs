using System.ComponentModel.DataAnnotations;

namespace TDeveloper.ServiceDefaults;

/// <summary>The management endpoint (section <see cref="SectionName"/>): where the Dashboard and <c>/metrics</c> are served, off the public API port.</summary>
public sealed class ManagementOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Management";

    /// <summary>The default management URL: loopback only.</summary>
    public const string DefaultUrls = "http://localhost:5081";

    /// <summary>
    /// Gets or sets the URLs the management endpoint listens on, separated by ';' like ASP.NET Core's <c>Urls</c>.
    /// Each needs an explicit port, which no public URL may use: the operator surfaces answer only on these ports.
    /// </summary>
    /// <remarks>Defaults to <see cref="DefaultUrls"/> (loopback only). Use e.g. <c>http://0.0.0.0:5081</c> for a scraper on another host, behind a firewall.</remarks>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Gets the URLs of <see cref="Urls"/>, one each.</summary>
    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets the ports of <see cref="Urls"/> (valid options only).</summary>
    public IReadOnlySet<int> Ports => UrlList.Select(PortOf).Where(p => p > 0).ToHashSet();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UrlList.Count == 0) yield return new ValidationResult($"{SectionName}:Urls must name at least one URL.", [nameof(Urls)]);
        foreach (var url in UrlList)
        {
            if (PortOf(url) <= 0)
                yield return new ValidationResult($"{SectionName}:Urls has '{url}', which is not an http(s) URL with an explicit port (1-65535).", [nameof(Urls)]);
        }
    }

    /// <summary>Gets the explicit port of a server URL such as <c>http://localhost:5081</c> or <c>http://*:5081</c>; 0 when there is none.</summary>
    public static int PortOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // '*' and '+' hosts are valid for Kestrel but not for Uri: replace them with a name to parse the rest.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return 0;
        var rest = url[(schemeEnd + 3)..];
        if (rest.StartsWith('*') || rest.StartsWith('+')) rest = "any" + rest[1..];
        return Uri.TryCreate(url[..(schemeEnd + 3)] + rest, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && HasExplicitPort(rest) && uri.Port is > 0 and <= 65535
            ? uri.Port
            : 0;
    }

    private static bool HasExplicitPort(string authorityAndPath)
    {
        var authority = authorityAndPath.Split('/')[0];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }
}
