using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api;

/// <summary>The session event route: Server-Sent Events, one per <see cref="SessionEvent"/>, typed by its kind.</summary>
internal static class SessionEventsApi
{
    public static RouteHandlerBuilder MapSessionEventsApi(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/sessions/{id}/events", WatchSessionAsync).WithTags("Events").WithName("WatchSession")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/events")
            .WithSummary("Stream a session's logged events, then its live ones, as Server-Sent Events until the client disconnects; resume with Last-Event-ID")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<ServerSentEventsResult<SessionEvent>, ProblemHttpResult>> WatchSessionAsync(
        [AsParameters] ResourceTarget target, [FromHeader(Name = "Last-Event-ID"), Range(0, long.MaxValue)] long? lastEventId, [Range(0, long.MaxValue)] long? after, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        if (await client.GetSessionAsync(target.Tenant, target.Id, cancellationToken) is null)
        {
            return ApiResults.NotFound("Session", target.Id);
        }

        var events = client.WatchSessionAsync(target.Tenant, target.Id, lastEventId ?? after ?? 0, cancellationToken)
            .Select(e => new SseItem<SessionEvent>(e, e.Kind.ToString()) { EventId = e.IsLiveOnly ? null : e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return TypedResults.ServerSentEvents(events);
    }
}
