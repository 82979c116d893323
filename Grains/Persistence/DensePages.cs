namespace TDeveloper.Grains.Persistence;

/// <summary>
/// Finds the end of a log stored as densely numbered pages (page <c>n</c> exists only if every page from the first
/// kept one up to <c>n</c> does), with no index to keep: a logarithmic number of reads.
/// </summary>
public static class DensePages
{
    /// <summary>Finds the last page from <paramref name="first"/> on: probes first, first+1, first+3, first+7, … then bisects; <see langword="null"/> when page <paramref name="first"/> does not exist.</summary>
    /// <param name="first">The first page kept (0 for a log that never deletes its head).</param>
    /// <param name="read">Reads page n, or <see langword="null"/> when it does not exist.</param>
    public static async Task<(long Number, T Page)?> FindLastAsync<T>(long first, Func<long, Task<T?>> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        if (await read(first) is not { } page) return null;
        (long Number, T Page) found = (first, page);
        var missing = -1L;
        for (var step = 1L; missing < 0; step *= 2)
        {
            var probe = found.Number + step;
            if (await read(probe) is { } probed) found = (probe, probed);
            else missing = probe;
        }

        while (missing - found.Number > 1)
        {
            var middle = found.Number + ((missing - found.Number) / 2);
            if (await read(middle) is { } probed) found = (middle, probed);
            else missing = middle;
        }

        return found;
    }
}
