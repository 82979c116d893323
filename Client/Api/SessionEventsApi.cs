using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Client;

/// <summary>The session event route: Server-Sent Events, one per <see cref="SessionEvent"/>, typed by its kind.</summary>
internal static class SessionEventsApi
{
    public static RouteHandlerBuilder MapSessionEventsApi(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/sessions/{id}/events", WatchSessionAsync).WithTags("Events").WithName("WatchSession")
            .WithSummary("Stream where a session stands, then its live events, as Server-Sent Events until the client disconnects")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<ServerSentEventsResult<SessionEvent>, ProblemHttpResult>> WatchSessionAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        if (await client.GetSessionAsync(target.Tenant, target.Id, cancellationToken) is null)
        {
            return ApiResults.NotFound("Session", target.Id);
        }

        var events = client.WatchSessionAsync(target.Tenant, target.Id, cancellationToken)
            .Select(e => new SseItem<SessionEvent>(e, e.Kind.ToString()));
        return TypedResults.ServerSentEvents(events);
    }
}
