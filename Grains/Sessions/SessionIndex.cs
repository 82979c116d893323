using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The logic of a tenant's session index, free of Orleans: admission within the tenant's limit, status updates that
/// release a slot once, pruning, and paged queries (newest first, with an opaque cursor).
/// </summary>
public static class SessionIndex
{
    /// <summary>Gets how many indexed sessions have not ended.</summary>
    public static int LiveCount(IReadOnlyDictionary<string, SessionSummary> sessions) =>
        sessions.Values.Count(s => !SessionLifecycle.IsEnded(s.Status));

    /// <summary>Checks that one more session fits the tenant's limit.</summary>
    public static (CommandOutcome Outcome, string? Error) CanAdmit(IReadOnlyDictionary<string, SessionSummary> sessions, int maxPerTenant) =>
        LiveCount(sessions) >= maxPerTenant
            ? (CommandOutcome.LimitReached, $"The tenant already has {maxPerTenant} sessions that have not ended, its limit; complete or cancel one first.")
            : (CommandOutcome.Ok, null);

    /// <summary>Applies a status report; returns whether it changed the entry and whether it released the session's slot (its first report of an end).</summary>
    public static (bool Changed, bool Released) Update(Dictionary<string, SessionSummary> sessions, string sessionId, SessionStatus status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (!sessions.TryGetValue(sessionId, out var known) || known.Status == status) return (false, false);
        if (SessionLifecycle.IsEnded(known.Status)) return (false, false); // an end is final: a late or repeated report changes nothing
        var ended = SessionLifecycle.IsEnded(status);
        sessions[sessionId] = known with { Status = status, UpdatedAt = at, EndedAt = ended ? at : null };
        return (true, ended);
    }

    /// <summary>Drops the sessions that ended before <paramref name="endedBefore"/>; returns how many.</summary>
    public static int Prune(Dictionary<string, SessionSummary> sessions, DateTimeOffset endedBefore)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var old = sessions.Values.Where(s => s.EndedAt < endedBefore).Select(s => s.Id).ToList();
        old.ForEach(id => sessions.Remove(id));
        return old.Count;
    }

    /// <summary>Gets one page of the sessions that match <paramref name="query"/>, newest first (ties by id, descending).</summary>
    public static CommandResult<SessionPage> Query(IEnumerable<SessionSummary> sessions, SessionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > SessionQuery.MaxLimit)
            return CommandResult<SessionPage>.Refused(CommandOutcome.Invalid, $"The limit must be 1 to {SessionQuery.MaxLimit}.");
        if (query.From > query.To) return CommandResult<SessionPage>.Refused(CommandOutcome.Invalid, "'from' must not be after 'to'.");
        (long Ticks, string Id)? after = null;
        if (query.Cursor is { } cursor)
        {
            if (DecodeCursor(cursor) is not { } position) return CommandResult<SessionPage>.Refused(CommandOutcome.Invalid, "The cursor is not one this API issued.");
            after = position;
        }

        var page = sessions
            .Where(s => query.Status is null || s.Status == query.Status)
            .Where(s => query.Owner is null || string.Equals(s.Owner, query.Owner, StringComparison.Ordinal))
            .Where(s => query.From is null || s.CreatedAt >= query.From)
            .Where(s => query.To is null || s.CreatedAt < query.To)
            .Where(s => after is null || IsAfter(s, after.Value))
            .OrderByDescending(s => s.CreatedAt.UtcTicks).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var more = page.Count > query.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        return CommandResult<SessionPage>.Ok(new SessionPage { Items = [.. page], Next = more ? EncodeCursor(page[^1]) : null });
    }

    private static bool IsAfter(SessionSummary session, (long Ticks, string Id) position) =>
        session.CreatedAt.UtcTicks < position.Ticks
        || (session.CreatedAt.UtcTicks == position.Ticks && string.CompareOrdinal(session.Id, position.Id) < 0);

    private static string EncodeCursor(SessionSummary last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.UtcTicks}:{last.Id}")));

    private static (long Ticks, string Id)? DecodeCursor(string cursor)
    {
        if (cursor.Length is 0 or > 256 || !Base64Url.IsValid(cursor)) return null;
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return null;
        var id = text[(colon + 1)..];
        return GrainKeys.IsValidSegment(id) ? (ticks, id) : null;
    }
}
