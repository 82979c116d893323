using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Unit.Tests;

public class SessionIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, SessionSummary> Sessions(int count) =>
        Enumerable.Range(0, count).Select(i => new SessionSummary
        {
            Id = $"s-{i:D3}",
            Owner = i % 2 == 0 ? "ana" : "ben",
            Status = i % 3 == 0 ? SessionStatus.Completed : SessionStatus.Active,
            CreatedAt = T0.AddMinutes(i / 2), // pairs share a creation time: ties are ordered by id
            UpdatedAt = T0.AddMinutes(i / 2),
        }).ToDictionary(s => s.Id);

    private static List<string> All(IEnumerable<SessionSummary> sessions, SessionQuery query)
    {
        var ids = new List<string>();
        for (var page = 0; page < 100; page++)
        {
            var result = SessionIndex.Query(sessions, query);
            Assert.True(result.IsOk, result.Error);
            Assert.True(result.Value.Items.Length <= query.Limit);
            ids.AddRange(result.Value.Items.Select(s => s.Id));
            if (result.Value.Next is null) return ids;
            Assert.Equal(query.Limit, result.Value.Items.Length);
            query = query with { Cursor = result.Value.Next };
        }

        throw new InvalidOperationException("The pages did not end.");
    }

    [Fact]
    public void Pages_walk_every_session_once_newest_first()
    {
        var sessions = Sessions(25);
        var expected = sessions.Values.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();

        Assert.Equal(expected, All(sessions.Values, new SessionQuery { Limit = 4 }));
        Assert.Equal(expected, All(sessions.Values, new SessionQuery { Limit = 25 }));
        Assert.Null(SessionIndex.Query(sessions.Values, new SessionQuery { Limit = 25 }).Value!.Next);
        Assert.Equal(expected, All(sessions.Values, new SessionQuery { Limit = 1 }));
    }

    [Fact]
    public void Filters_combine_status_owner_and_creation_time()
    {
        var sessions = Sessions(25).Values;
        var query = new SessionQuery { Status = SessionStatus.Active, Owner = "ana", From = T0.AddMinutes(2), To = T0.AddMinutes(10), Limit = 2 };
        var expected = sessions.Where(s => s.Status == SessionStatus.Active && s.Owner == "ana" && s.CreatedAt >= T0.AddMinutes(2) && s.CreatedAt < T0.AddMinutes(10))
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, All(sessions, query));
        Assert.Empty(All(sessions, new SessionQuery { Owner = "ANA" })); // owners match exactly
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(201, null)]
    [InlineData(10, "not-a-cursor!")]
    [InlineData(10, "bm90LWEtY3Vyc29y")] // base64url of text without a position
    public void A_bad_limit_or_cursor_is_invalid(int limit, string? cursor) =>
        Assert.Equal(CommandOutcome.Invalid, SessionIndex.Query(Sessions(3).Values, new SessionQuery { Limit = limit, Cursor = cursor }).Outcome);

    [Fact]
    public void From_after_to_is_invalid() =>
        Assert.Equal(CommandOutcome.Invalid, SessionIndex.Query([], new SessionQuery { From = T0.AddHours(1), To = T0 }).Outcome);

    [Fact]
    public void Admission_stops_at_the_tenant_limit_counting_only_sessions_that_have_not_ended()
    {
        var sessions = Sessions(6); // s-000 and s-003 completed: 4 live
        Assert.Equal(4, SessionIndex.LiveCount(sessions));
        Assert.Equal(CommandOutcome.Ok, SessionIndex.CanAdmit(sessions, 5).Outcome);
        Assert.Equal(CommandOutcome.LimitReached, SessionIndex.CanAdmit(sessions, 4).Outcome);
    }

    [Fact]
    public void An_end_releases_a_slot_once_and_is_final()
    {
        var sessions = Sessions(2); // s-000 completed, s-001 active
        Assert.Equal((true, false), SessionIndex.Update(sessions, "s-001", SessionStatus.Paused, T0.AddMinutes(5)));
        Assert.Equal((true, true), SessionIndex.Update(sessions, "s-001", SessionStatus.Failed, T0.AddMinutes(6)));
        Assert.Equal((false, false), SessionIndex.Update(sessions, "s-001", SessionStatus.Failed, T0.AddMinutes(7)));
        Assert.Equal((false, false), SessionIndex.Update(sessions, "s-001", SessionStatus.Completed, T0.AddMinutes(8)));
        Assert.Equal((false, false), SessionIndex.Update(sessions, "s-001", SessionStatus.Active, T0.AddMinutes(9))); // a stale report
        Assert.Equal((false, false), SessionIndex.Update(sessions, "s-unknown", SessionStatus.Completed, T0));
        Assert.Equal(SessionStatus.Failed, sessions["s-001"].Status);
        Assert.Equal(T0.AddMinutes(6), sessions["s-001"].EndedAt);
        Assert.Equal(0, SessionIndex.LiveCount(sessions));
    }

    [Fact]
    public void Pruning_drops_only_sessions_that_ended_before_the_retention()
    {
        var sessions = Sessions(3);
        SessionIndex.Update(sessions, "s-001", SessionStatus.Completed, T0.AddDays(2));
        sessions["s-000"] = sessions["s-000"] with { EndedAt = T0 };

        Assert.Equal(1, SessionIndex.Prune(sessions, T0.AddDays(1)));
        Assert.Equal(["s-001", "s-002"], sessions.Keys.Order());
    }

    [Fact]
    public void The_cluster_count_admits_within_its_limit_and_releases_idempotently()
    {
        var counts = new Dictionary<string, int>();
        Assert.True(SessionCounts.TrySet(counts, "acme", 2, maxPerCluster: 3));
        Assert.True(SessionCounts.TrySet(counts, "globex", 1, maxPerCluster: 3));
        Assert.False(SessionCounts.TrySet(counts, "globex", 2, maxPerCluster: 3));
        Assert.False(SessionCounts.TrySet(counts, "initech", 1, maxPerCluster: 3));

        SessionCounts.Set(counts, "acme", 1);
        SessionCounts.Set(counts, "acme", 1); // a repeated release frees nothing more
        Assert.Equal(2, counts.Values.Sum());
        Assert.True(SessionCounts.TrySet(counts, "initech", 1, maxPerCluster: 3));
        Assert.False(SessionCounts.TrySet(counts, "initech", 2, maxPerCluster: 3));
        Assert.True(SessionCounts.TrySet(counts, "acme", 0, maxPerCluster: 3)); // a lower count always fits
        Assert.False(counts.ContainsKey("acme"));
    }
}
