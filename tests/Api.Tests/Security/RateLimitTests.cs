using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>The API's rate limits over HTTP: per caller, per API key, 429 problems with Retry-After, nothing done.</summary>
/// <remarks>Real clock, no timing: the windows are 15 minutes and 1 minute, far longer than a test.</remarks>
public class RateLimitTests(EdgeSiloAppFactory factory) : IClassFixture<EdgeSiloAppFactory>
{
    [Fact]
    public async Task An_authenticated_caller_gets_its_limit_then_429_with_Retry_After_and_another_caller_keeps_its_own()
    {
        using var first = await factory.CreateAuthenticatedClientAsync();
        using var second = await factory.CreateAuthenticatedClientAsync();

        for (var i = 0; i < EdgeSiloAppFactory.DefaultLimit; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/v1/templates")).StatusCode);
        var refused = await first.GetAsync("/v1/templates");

        await AssertTooManyAsync(refused, maxSeconds: 15 * 60);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/v1/templates")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_counted_by_client_ip()
    {
        using var anonymous = factory.CreateClient();

        // Counted before authorization refuses them, so a flood of unauthenticated requests is cut off too.
        for (var i = 0; i < EdgeSiloAppFactory.DefaultLimit; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/templates")).StatusCode);

        await AssertTooManyAsync(await anonymous.GetAsync("/v1/templates"), maxSeconds: 15 * 60);
    }

    [Fact]
    public async Task An_api_key_has_its_own_per_minute_limit_on_top_of_the_default()
    {
        using var key = await factory.CreateApiKeyClientAsync(roles: BuiltInRoles.Developer);
        using var otherKey = await factory.CreateApiKeyClientAsync(roles: BuiltInRoles.Developer);

        for (var i = 0; i < EdgeSiloAppFactory.ApiKeyLimit; i++) Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/v1/templates")).StatusCode);

        // The key's limit (2 per minute) is below the default (3 per 15 min): the minute's window answers, and refusing
        // it spends none of the default's budget.
        await AssertTooManyAsync(await key.GetAsync("/v1/templates"), maxSeconds: 60);
        await AssertTooManyAsync(await key.GetAsync("/v1/templates"), maxSeconds: 60);
        Assert.Equal(HttpStatusCode.OK, (await otherKey.GetAsync("/v1/templates")).StatusCode);
    }

    [Fact]
    public async Task A_refused_request_does_nothing_and_is_counted_in_the_metrics()
    {
        using var caller = await factory.CreateAuthenticatedClientAsync();
        using var sessionsCreated = new CounterProbe("tdeveloper.sessions.created");
        for (var i = 0; i < EdgeSiloAppFactory.DefaultLimit; i++) Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/v1/templates")).StatusCode);

        var refused = await caller.PostAsJsonAsync("/v1/sessions", new { owner = "refused" });

        await AssertTooManyAsync(refused, maxSeconds: 15 * 60);
        Assert.Equal(0, sessionsCreated.Total);
        var (_, metrics) = await factory.GetOnManagementPortAsync("/metrics");
        Assert.Contains("tdeveloper_api_rate_limit_rejections", metrics);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, int maxSeconds)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, maxSeconds);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }
}
