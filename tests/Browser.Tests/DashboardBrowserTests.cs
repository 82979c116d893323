using System.Net;
using Microsoft.Playwright;
using TDeveloper.Api.Tests;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Testing;

namespace TDeveloper.Browser.Tests;

/// <summary>Exploration.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Explore()
    {
        var browserLaunch = HeadlessChromium.LaunchAsync();
        var data = Directory.CreateTempSubdirectory("tdev-dashboard-").FullName;
        var layout = new EmbeddedClusterLayout(data);
        var primary = EmbeddedClusterLayout.FreeTcpPort();
        var arguments = layout.SiloArguments(primary, primary);
        var silo = await SiloProcess.StartAsync(SiloBuild.Assembly(), EmbeddedClusterLayout.FreeTcpPort(), arguments, new Dictionary<string, string>(), Path.Combine(data, "silo.log"));
        try
        {
            using var http = new HttpClient { BaseAddress = silo.ApiUrl };
            await layout.AuthenticateAsync(http);
            var api = new ApiClient(http);
            var session = await api.CreateSessionAsync("dashboard");
            var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
            Assert.Equal(WorkflowStatus.Completed, (await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId)).Status);

            await using var chromium = await browserLaunch;
            var page = await chromium.Browser.NewPageAsync();
            page.Console += (_, m) => Console.WriteLine("console: " + m.Text);
            await page.GotoAsync(new Uri(EmbeddedClusterLayout.ManagementUrl(arguments), "/dashboard/").ToString());
            await page.WaitForTimeoutAsync(5000);
            await page.ScreenshotAsync(new() { Path = "/tmp/dash-1.png", FullPage = true });
            File.WriteAllText("/tmp/dash-1.html", await page.ContentAsync());
            File.WriteAllText("/tmp/dash-1.txt", await page.InnerTextAsync("body"));
        }
        finally
        {
            silo.Kill();
        }
    }
}
