namespace TDeveloper.Api.Security.Identity;

/// <summary>API keys that exist from the first start (section <c>TDeveloper:Security:Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:Bootstrap";

    /// <summary>
    /// Gets or sets the file the embedded default writes its bootstrap admin key to at first start (owner-only; tenant
    /// <c>default</c>, role admin), and reads it from afterwards. Only a silo in the Embedded mode writes it; empty turns it
    /// off. Default <c>data/bootstrap-admin.key</c>.
    /// </summary>
    public string AdminKeyFile { get; set; } = "data/bootstrap-admin.key";

    /// <summary>Gets or sets keys given in configuration (tests, automation), registered at every start. Default none.</summary>
    public List<BootstrapKeyOptions> Keys { get; set; } = [];
}

/// <summary>A bootstrap API key given in configuration.</summary>
public sealed class BootstrapKeyOptions
{
    /// <summary>Gets or sets the tenant. Default <c>default</c>.</summary>
    public string Tenant { get; set; } = "default";

    /// <summary>Gets or sets the roles. Default admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Gets or sets the whole key, <c>tdk_&lt;id&gt;_&lt;secret&gt;</c> (a secret of at least 43 characters, 256 bits).</summary>
    public string Key { get; set; } = "";

    /// <summary>Gets or sets the key's name. Default <c>bootstrap</c>.</summary>
    public string Name { get; set; } = "bootstrap";

    /// <summary>Gets or sets when the key expires. Default a year after it is first registered.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
