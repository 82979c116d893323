namespace TDeveloper.Testing;

/// <summary>
/// Runs s3rver (the S3 emulator pinned in tests/tools/package.json) on a free port with its data in a temporary
/// directory, through <see cref="NodeToolProcess"/>. It needs path-style addressing and accepts the
/// <see cref="AccessKey"/>/<see cref="SecretKey"/> pair.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    /// <summary>The access key s3rver accepts.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public const string SecretKey = "S3RVER";

    private readonly NodeToolProcess _process;
    private readonly string _directory;

    private S3rverProcess(NodeToolProcess process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>Gets the emulator's URL.</summary>
    public string ServiceUrl => _process.ServiceUrl;

    /// <summary>Installs (if needed) and starts s3rver, and waits until it listens.</summary>
    public static async Task<S3rverProcess> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("tdev-s3rver-").FullName;
        var process = await NodeToolProcess.StartAsync("s3rver", Path.Combine("s3rver", "bin", "s3rver.js"), port => $"--silent --address 127.0.0.1 --port {port} --directory \"{directory}\"");
        return new S3rverProcess(process, directory);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the temp directory is cleaned by the system.
        }
    }
}
