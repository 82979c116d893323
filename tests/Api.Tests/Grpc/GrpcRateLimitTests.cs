using Grpc.Core;
using TDeveloper.Api.Grpc.V1;
using static TDeveloper.Api.Tests.Grpc.GrpcTestChannels;

namespace TDeveloper.Api.Tests.Grpc;

/// <summary>The HTTP API's rate limits cover gRPC calls too, answered RESOURCE_EXHAUSTED; health is never limited.</summary>
public sealed class GrpcRateLimitTests(EdgeSiloAppFactory factory) : IClassFixture<EdgeSiloAppFactory>
{
    [Fact]
    public async Task A_caller_past_its_limit_gets_resource_exhausted_and_health_still_answers()
    {
        using var channel = await AuthenticatedAsync(factory, "grpc-limits");
        var sessions = new Sessions.SessionsClient(channel);
        for (var i = 0; i < EdgeSiloAppFactory.DefaultLimit; i++) await sessions.ListSessionsAsync(new ListSessionsRequest());

        var refused = await FailsWithAsync(StatusCode.ResourceExhausted, async () => await sessions.ListSessionsAsync(new ListSessionsRequest()));
        Assert.Contains("retry after", refused.Status.Detail);

        using var anonymous = Anonymous(factory);
        var health = new global::Grpc.Health.V1.Health.HealthClient(anonymous);
        for (var i = 0; i <= EdgeSiloAppFactory.DefaultLimit; i++)
            Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest())).Status);
    }
}
