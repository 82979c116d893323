namespace TDeveloper.Hosting.Storage;

/// <summary>A lock held by opening a lock file exclusively, so it also holds between processes on one machine.</summary>
internal static class CrossProcessFileLock
{
    /// <summary>Opens <paramref name="lockPath"/> exclusively, retrying until <paramref name="timeout"/> has passed; dispose the stream to release.</summary>
    /// <exception cref="IOException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<FileStream> AcquireAsync(string lockPath, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }
    }
}
