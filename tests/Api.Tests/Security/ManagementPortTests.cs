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

    [Fact]
    public async Task Kestrel_serves_plaintext_grpc_on_its_http2_only_port_beside_the_other_two()
    {
        factory.StartServer();
        var token = (await factory.CreateTokenAsync()).AccessToken;
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{factory.GrpcPort}");
        var health = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var sessions = new TDeveloper.Api.Grpc.V1.Sessions.SessionsClient(channel);
        var created = await sessions.CreateSessionAsync(new TDeveloper.Api.Grpc.V1.CreateSessionRequest { Owner = "kestrel" }, new global::Grpc.Core.Metadata { { "authorization", $"Bearer {token}" } });
        Assert.Equal("kestrel", created.Owner);

        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{factory.ApiPort}") };
        using var publicHealth = await api.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, publicHealth.StatusCode);
        Assert.Equal(new Version(1, 1), publicHealth.Version); // the public port still speaks HTTP/1.1
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{factory.ManagementPort}") };
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health")).StatusCode);
    }

    /// <summary>A <see cref="SiloAppFactory"/> on Kestrel with a public and a management port of its own.</summary>
    public sealed class KestrelSiloAppFactory : SiloAppFactory
    {
        public KestrelSiloAppFactory() => UseKestrel();

        public int ApiPort { get; } = FreePort.Next();

        public int ManagementPort { get; } = FreePort.Next();

        public int GrpcPort { get; } = FreePort.Next();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", $"http://127.0.0.1:{ApiPort}");
            builder.UseSetting("TDeveloper:Management:Urls", $"http://127.0.0.1:{ManagementPort}");
            builder.UseSetting("TDeveloper:Grpc:Urls", $"http://127.0.0.1:{GrpcPort}");
        }
    }
}
