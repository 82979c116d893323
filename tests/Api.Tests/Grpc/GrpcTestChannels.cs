using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using TDeveloper.Api.Grpc.V1;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Grpc;

/// <summary>Real <see cref="GrpcChannel"/>s over a test host's handler, with a bearer token of the tenant and roles asked for, or none.</summary>
public static class GrpcTestChannels
{
    /// <summary>A channel that sends a real access token of <paramref name="tenant"/> with <paramref name="roles"/> (admin when none).</summary>
    public static async Task<GrpcChannel> AuthenticatedAsync<TEntry>(WebApplicationFactory<TEntry> factory, string tenant, params string[] roles)
        where TEntry : class
    {
        var token = await factory.CreateTokenAsync(tenant, roles.Length > 0 ? roles : [BuiltInRoles.Admin]);
        return Channel(factory, token.AccessToken);
    }

    /// <summary>A channel with no credential at all.</summary>
    public static GrpcChannel Anonymous<TEntry>(WebApplicationFactory<TEntry> factory)
        where TEntry : class => Channel(factory, null);

    private static GrpcChannel Channel<TEntry>(WebApplicationFactory<TEntry> factory, string? token)
        where TEntry : class
    {
        var http = factory.CreateDefaultClient();
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return GrpcChannel.ForAddress(http.BaseAddress!, new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true });
    }

    /// <summary>Reads the session's <c>Watch</c> stream after <paramref name="after"/> until an event satisfies <paramref name="last"/>, then cancels it. The timeout only bounds a hung test.</summary>
    public static async Task<List<SessionEvent>> WatchUntilAsync(this Sessions.SessionsClient sessions, string sessionId, long after, Func<SessionEvent, bool> last)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = sessions.Watch(new WatchRequest { SessionId = sessionId, AfterSequence = after }, cancellationToken: stop.Token);
        var seen = new List<SessionEvent>();
        while (await call.ResponseStream.MoveNext(stop.Token))
        {
            seen.Add(call.ResponseStream.Current);
            if (last(call.ResponseStream.Current)) break;
        }

        return seen;
    }

    /// <summary>Asserts that <paramref name="call"/> fails with <paramref name="code"/> and returns the failure.</summary>
    public static async Task<RpcException> FailsWithAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(failure.StatusCode == code, $"Expected {code}, got {failure.StatusCode}: {failure.Status.Detail}");
        return failure;
    }
}
