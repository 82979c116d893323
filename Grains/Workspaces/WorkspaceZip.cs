using System.IO.Compression;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Grains.Workspaces;

/// <summary>Packs workspace files into a zip archive, one entry per file at its path, stamped with its modification time.</summary>
public static class WorkspaceZip
{
    /// <summary>Gets the archive of <paramref name="files"/>, in the order given.</summary>
    public static byte[] Create(IEnumerable<WorkspaceFileContent> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = archive.CreateEntry(file.File.Path, CompressionLevel.Optimal);
                entry.LastWriteTime = ZipSafe(file.File.Modified);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Zip stores local times from 1980 on; an earlier stamp (e.g. the default) would throw.</summary>
    private static DateTimeOffset ZipSafe(DateTimeOffset modified) =>
        modified.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : modified;
}
