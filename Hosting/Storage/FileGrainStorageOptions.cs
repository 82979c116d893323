using System.ComponentModel.DataAnnotations;
using Orleans.Storage;

namespace TDeveloper.Hosting.Storage;

/// <summary>Gets or sets where and how <see cref="FileGrainStorage"/> keeps grain state (section <c>TDeveloper:Storage</c> for the silo's own store).</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The configuration section the silo's <c>File</c> grain storage is bound from.</summary>
    public const string Section = "TDeveloper:Storage";

    /// <summary>Gets or sets the directory that holds the state files; created when missing, relative paths are under the content root. Default <c>data/grains</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = Path.Combine("data", "grains");

    /// <summary>Gets or sets how long a write waits for another process's lock on the same file. Default 10 s; must be positive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
