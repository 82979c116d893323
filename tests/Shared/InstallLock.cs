namespace TDeveloper.Testing;

/// <summary>
/// A lock file that serialises one-time installs (npm tools, Chromium) across test processes running in parallel: held
/// while its stream is open.
/// </summary>
internal static class InstallLock
{
    /// <summary>Opens <paramref name="path"/> exclusively, retrying while another process holds it, until <paramref name="timeout"/>.</summary>
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200); // another process holds the lock and announces nothing: retry
            }
        }
    }
}
