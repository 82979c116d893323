using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting.Security;

/// <summary>Options of the embedded default's master keys, kept in a local key file (section <c>TDeveloper:Security:LocalKeys</c>).</summary>
public sealed class LocalKeyFileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:LocalKeys";

    /// <summary>Gets or sets the key file's path; created (owner-only) at first start. Default <c>data/keys/master-keys.json</c>.</summary>
    [Required] public string Path { get; set; } = "data/keys/master-keys.json";
}
