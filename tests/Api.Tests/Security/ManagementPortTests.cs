using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace TDeveloper.Api.Tests;

/// <summary>The Dashboard and /metrics answer on the management port only; /health answers on both.</summary>
public class ManagementPortTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/metrics")]
    public async Task Operator_surfaces_are_404_on_the_public_port_and_200_on_the_management_port(string path)
    {
        // Even an admin's credential does not reach them on the public port.
        using var admin = await factory.CreateAuthenticatedClientAsync();
        var publicAnswer = await admin.GetAsync(path);
        await ProblemAssert.IsProblemAsync(publicAnswer, HttpStatusCode.NotFound);

        var (status, body) = await factory.GetOnManagementPortAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path} on the management port answered {(int)status}: {body}");
    }

    [Fact]
    public async Task A_forged_Host_header_naming_the_management_port_does_not_reach_the_dashboard()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "localhost:5081";

        using var admin = await factory.CreateAuthenticatedClientAsync();
        await ProblemAssert.IsProblemAsync(await admin.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_answers_on_both()
    {
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.GetOnManagementPortAsync("/health")).Status);
    }
}

/// <summary>The same over real sockets: Kestrel listens on the public URL and on the management URL, and each port serves only its own.</summary>
public class ManagementPortKestrelTests(ManagementPortKestrelTests.KestrelSiloAppFactory factory) : IClassFixture<ManagementPortKestrelTests.KestrelSiloAppFactory>
{
    [Fact]
    public async Task Kestrel_serves_the_api_on_the_public_port_and_the_dashboard_and_metrics_on_the_management_port()
    {
        factory.StartServer();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{factory.ApiPort}") };
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await factory.CreateTokenAsync()).AccessToken);
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{factory.ManagementPort}") };

        var session = await new ApiClient(api).CreateSessionAsync();
        Assert.False(string.IsNullOrEmpty(session.Id));
        await ProblemAssert.IsProblemAsync(await api.GetAsync("/dashboard/"), HttpStatusCode.NotFound); // even with a credential
        await ProblemAssert.IsProblemAsync(await api.GetAsync("/metrics"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);

        var dashboard = await management.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.StartsWith("default-src 'self'", dashboard.Headers.GetValues("Content-Security-Policy").Single()); // its own policy: the page runs its scripts
        Assert.Contains("tdeveloper_sessions_created", await management.GetStringAsync("/metrics"));
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health")).StatusCode);
        Assert.False((await api.GetAsync("/health")).Headers.Contains("Server"));
    }

    /// <summary>A <see cref="SiloAppFactory"/> on Kestrel with a public and a management port of its own.</summary>
    public sealed class KestrelSiloAppFactory : SiloAppFactory
    {
        public KestrelSiloAppFactory() => UseKestrel();

        public int ApiPort { get; } = FreePort.Next();

        public int ManagementPort { get; } = FreePort.Next();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", $"http://127.0.0.1:{ApiPort}");
            builder.UseSetting("TDeveloper:Management:Urls", $"http://127.0.0.1:{ManagementPort}");
        }
    }
}
