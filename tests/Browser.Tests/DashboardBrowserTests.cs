using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;
using TDeveloper.Api.Tests;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Sessions;
using TDeveloper.Grains.Workflows;
using TDeveloper.Testing;
using static Microsoft.Playwright.Assertions;

namespace TDeveloper.Browser.Tests;

/// <summary>
/// The Orleans Dashboard as an operator sees it: two real silo processes started the way users start them, one request
/// submitted through the API, then the Dashboard opened on the management port in headless Chromium (Debian's, driven by
/// Playwright). The page lists both silos and T-Developer's grain types; the API port does not serve it, not even to an admin.
/// </summary>
public sealed class DashboardBrowserTests
{
    // The Dashboard polls the cluster every second; this only bounds a hung test. Playwright waits for the fact itself.
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_dashboard_on_the_management_port_shows_the_silos_and_the_grain_types_of_a_request_and_the_api_port_hides_it()
    {
        var browserLaunch = HeadlessChromium.LaunchAsync(); // installs chromium if missing, while the silos start
        var data = Directory.CreateTempSubdirectory("tdev-dashboard-").FullName;
        var layout = new EmbeddedClusterLayout(data);
        var primaryPort = EmbeddedClusterLayout.FreeTcpPort();
        var secondPort = EmbeddedClusterLayout.FreeTcpPort();
        var primaryArguments = layout.SiloArguments(primaryPort, primaryPort);
        var silos = new List<SiloProcess>();
        try
        {
            silos.Add(await SiloProcess.StartAsync(SiloBuild.Assembly(), EmbeddedClusterLayout.FreeTcpPort(), primaryArguments, new Dictionary<string, string>(), Path.Combine(data, "silo1.log")));
            silos.Add(await SiloProcess.StartAsync(SiloBuild.Assembly(), EmbeddedClusterLayout.FreeTcpPort(), layout.SiloArguments(primaryPort, secondPort), new Dictionary<string, string>(), Path.Combine(data, "silo2.log")));

            // A request runs through the session, its workflow and an agent, so their grain types are activated.
            using var http = new HttpClient { BaseAddress = silos[0].ApiUrl };
            await layout.AuthenticateAsync(http);
            var api = new ApiClient(http);
            var session = await api.CreateSessionAsync("dashboard");
            var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
            Assert.Equal(WorkflowStatus.Completed, (await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId)).Status);

            var chromium = await browserLaunch;
            var page = await chromium.Browser.NewPageAsync();
            var scriptErrors = new ConcurrentQueue<string>();
            page.PageError += (_, error) => scriptErrors.Enqueue(error);
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) scriptErrors.Enqueue(message.Text);
            };
            var fetched = new ConcurrentQueue<string>();
            page.Request += (_, request) => fetched.Enqueue(new Uri(request.Url).PathAndQuery);

            var management = EmbeddedClusterLayout.ManagementUrl(primaryArguments);
            try
            {
                var opened = await page.GotoAsync(new Uri(management, "/dashboard").ToString());
                Assert.Equal((int)HttpStatusCode.OK, opened!.Status);
                await Expect(page.GetByText("ACTIVE SILOS", new() { Exact = false })).ToBeVisibleAsync(Shown);

                // Silos: both processes, by the address they listen on, Active.
                await page.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
                foreach (var port in new[] { primaryPort, secondPort })
                {
                    var row = page.Locator($"tr:has(> td > a[href^='#/host/127.0.0.1:{port}@'])"); // the Silo Health row of that address
                    await Expect(row).ToBeVisibleAsync(Shown);
                    await Expect(row.Locator(".label")).ToHaveTextAsync("Active");
                }

                // Grains: T-Developer's own grain types, each a row named by its type.
                await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
                foreach (var type in new[] { typeof(SessionGrain), typeof(WorkflowGrain), typeof(AgentGrain) })
                {
                    var row = page.Locator($"td[title='{type.FullName}']");
                    await Expect(row).ToBeVisibleAsync(Shown);
                    await Expect(row).ToHaveTextAsync(type.Name);
                }

                Assert.Empty(scriptErrors); // the page ran its scripts under the management port's Content-Security-Policy
            }
            catch
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-failure.png"), FullPage = true });
                throw;
            }

            // The admin rule: the Dashboard and every data address the page fetched exist only on the management port.
            var dashboardPaths = fetched.Where(p => p.StartsWith("/dashboard", StringComparison.Ordinal)).Distinct().ToArray();
            Assert.Contains(dashboardPaths, p => p != "/dashboard" && p != "/dashboard/" && !Path.HasExtension(p)); // it read the cluster's data, not just its files
            using var anonymous = new HttpClient { BaseAddress = silos[0].ApiUrl };
            foreach (var path in dashboardPaths)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode); // even with the admin's token
                using var refused = await anonymous.GetAsync(path); // without a credential the API refuses before routing: 401
                Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, $"GET {path} on the API port without a credential: {(int)refused.StatusCode}");
            }

            // And in the browser, as an operator who types the wrong port: no Dashboard page.
            var onApiPort = await page.GotoAsync(new Uri(silos[0].ApiUrl, "/dashboard").ToString());
            Assert.True(onApiPort!.Status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.NotFound, $"GET /dashboard on the API port: {onApiPort.Status}");
            Assert.DoesNotContain("Orleans Dashboard", await page.ContentAsync());
        }
        finally
        {
            foreach (var silo in silos) silo.Kill();
            if (browserLaunch.IsCompletedSuccessfully) await (await browserLaunch).DisposeAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still hold a file for a moment; the temp directory is cleaned by the system later.
            }
        }
    }
}
