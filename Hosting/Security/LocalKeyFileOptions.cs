using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting.Security;

/// <summary>Options of the embedded default's master keys, kept in a local key file (section <c>TDeveloper:Security:LocalKeys</c>).</summary>
public sealed class LocalKeyFileOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "TDeveloper:Security:LocalKeys";

    /// <summary>
    /// Gets or sets the key file's path, relative to the content root like the other <c>data/</c> stores; created (owner-only)
    /// at first start. Default <c>data/keys/master-keys.json</c>. Back it up: data sealed under its keys cannot be read without it.
    /// </summary>
    [Required(AllowEmptyStrings = false)] public string Path { get; set; } = "data/keys/master-keys.json";

    /// <summary>
    /// Gets or sets whether the silo adds a new master key and makes it current when it starts (the old keys stay, so old data
    /// stays readable). Default <see langword="false"/>: set it for one restart to rotate, then unset it.
    /// </summary>
    public bool RotateOnStart { get; set; }
}
