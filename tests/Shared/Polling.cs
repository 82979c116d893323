using Xunit;

namespace TDeveloper.Testing;

/// <summary>
/// Reads a value again until it shows an awaited fact, for the facts nothing announces (what a one-way message, a timer or
/// a queue balancer did). The bound only ends a hung test; it asserts no speed.
/// </summary>
internal static class Polling
{
    /// <summary>Reads with <paramref name="read"/> every <paramref name="interval"/> until <paramref name="until"/> holds; fails, describing the last value, past <paramref name="bound"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan bound, TimeSpan interval, Func<T, string> describe)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var value = await read();
            if (until(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, describe(value));
            await Task.Delay(interval);
        }
    }
}
