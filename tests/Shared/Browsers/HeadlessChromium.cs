using Microsoft.Playwright;

namespace TDeveloper.Testing;

/// <summary>
/// Playwright driving Debian's Chromium (<see cref="ChromiumInstaller"/>), headless, with a fresh profile and none of
/// Chromium's own background traffic (update checks, sync, field trials): the machine has no network beyond loopback.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>Gets the running browser.</summary>
    public IBrowser Browser { get; }

    /// <summary>Installs Chromium if needed and launches it.</summary>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var executable = await ChromiumInstaller.EnsureInstalledAsync();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args =
                [
                    "--no-sandbox", // tests run as root, where Chromium's sandbox refuses to start
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
