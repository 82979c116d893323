using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace TDeveloper.Hosting.Storage;

/// <summary>
/// Grain storage in a local directory, one file per grain, so the embedded default keeps its
/// sessions and workflows across restarts and silos on one machine share them.
/// </summary>
/// <remarks>
/// Written by hand because no served package stores grain state in files. Writes go to a temporary
/// file that replaces the old one atomically; the ETag (a version number kept in the file's header)
/// is checked under a per-file lock that also holds across processes, so a conflicting write raises
/// <see cref="InconsistentStateException"/> instead of overwriting.
/// </remarks>
public sealed partial class FileGrainStorage(string name, FileGrainStorageOptions options, ILogger<FileGrainStorage> logger) : IGrainStorage
{
    private const string Magic = "TDV1";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var stored = await ReadFileAsync(path);
        grainState.ETag = stored?.ETag;
        grainState.RecordExists = stored is not null;
        grainState.State = stored is null ? Activator.CreateInstance<T>() : options.GrainStorageSerializer.Deserialize<T>(stored.Value.Payload)!;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        UnderLockAsync(PathOf(stateName, grainId), grainState.ETag, async (path, current) =>
        {
            var etag = ((current is null ? 0 : long.Parse(current)) + 1).ToString();
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(Encoding.ASCII.GetBytes($"{Magic} {etag}\n"));
                await file.WriteAsync(options.GrainStorageSerializer.Serialize(grainState.State).ToMemory());
            }

            File.Move(temporary, path, overwrite: true);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        });

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        UnderLockAsync(PathOf(stateName, grainId), grainState.ETag, (path, _) =>
        {
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
            return Task.CompletedTask;
        });

    private async Task UnderLockAsync(string path, string? expectedETag, Func<string, string?, Task> change)
    {
        var inProcess = _locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await inProcess.WaitAsync();
        try
        {
            await using var crossProcess = await CrossProcessFileLock.AcquireAsync(path + ".lock", options.LockTimeout);
            var current = (await ReadFileAsync(path))?.ETag;
            if (current != expectedETag)
            {
                LogConflict(name, path, expectedETag, current);
                throw new InconsistentStateException($"Grain state in '{path}' was changed by another writer (stored ETag {current ?? "none"}, expected {expectedETag ?? "none"}).", current ?? "", expectedETag ?? "");
            }

            await change(path, current);
        }
        finally
        {
            inProcess.Release();
        }
    }

    private static async Task<(string ETag, BinaryData Payload)?> ReadFileAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        var header = newline < 0 ? "" : Encoding.ASCII.GetString(bytes, 0, newline);
        if (!header.StartsWith(Magic + " ", StringComparison.Ordinal)) throw new InvalidDataException($"'{path}' is not a grain state file.");
        return (header[(Magic.Length + 1)..], new BinaryData(bytes.AsMemory(newline + 1)));
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var key = $"{stateName}/{grainId}";
        var readable = new string([.. key.Take(80).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var directory = Path.Combine(options.Directory, name);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{readable}-{hash}.state");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Name}: ETag conflict on {Path} (expected {Expected}, stored {Stored})")]
    private partial void LogConflict(string name, string path, string? expected, string? stored);
}
