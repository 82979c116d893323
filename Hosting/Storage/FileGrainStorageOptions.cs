using Orleans.Storage;

namespace TDeveloper.Hosting.Storage;

/// <summary>Gets or sets where and how <see cref="FileGrainStorage"/> keeps grain state.</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Gets or sets the directory that holds the state files; created when missing. Default <c>data/grains</c>.</summary>
    public string RootDirectory { get; set; } = Path.Combine("data", "grains");

    /// <summary>Gets or sets how long a write waits for another process's lock on the same file. Default 10 s.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
