namespace TDeveloper.Cluster.Tests;

/// <summary>Awaits a condition by polling. The timeout is a bound for a hung test, not a performance assertion.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        Exception? lastError = null;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (condition(last)) return last;
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                lastError = ex; // e.g. a call routed to a silo that was just killed
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Condition not met: {what ?? "(unnamed)"}. Last value: {last}. Last error: {lastError?.Message}");
    }
}
