using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>Retention over simulated hours and days: the newest five, then the newest of each earlier hour, at most ten, none past seven days.</summary>
public sealed class CheckpointRetentionTests
{
    private static readonly CheckpointOptions Defaults = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 2, 0, TimeSpan.Zero));
    private List<CheckpointInfo> _kept = [];

    [Fact]
    public void A_day_of_checkpoints_every_five_minutes_keeps_the_last_five_and_the_newest_of_each_of_five_earlier_hours()
    {
        var dropped = 0;
        for (var i = 0; i < 12 * 26; i++, _time.Advance(TimeSpan.FromMinutes(5))) dropped += Take().Length;

        var newestFirst = _kept.OrderByDescending(c => c.TakenAt).ToList();
        var last = newestFirst[0].TakenAt;
        Assert.Equal(10, _kept.Count);
        Assert.Equal(12 * 26 - 10, dropped);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => last.AddMinutes(-5 * i)), newestFirst.Take(5).Select(c => c.TakenAt));
        var hourly = newestFirst.Skip(5).ToList();
        Assert.All(hourly, c => Assert.Equal(57, c.TakenAt.Minute)); // the newest of its hour (taken at :02, :07 … :57)
        Assert.Equal(5, hourly.Select(c => c.TakenAt.UtcDateTime.Hour).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 5).Select(h => Hour(newestFirst[4].TakenAt).AddHours(-h)), hourly.Select(c => Hour(c.TakenAt)));
    }

    [Fact]
    public void Checkpoints_older_than_the_retention_are_deleted_even_within_the_count()
    {
        for (var day = 0; day < 9; day++, _time.Advance(TimeSpan.FromDays(1))) Take();

        Assert.Equal(7, _kept.Count); // one a day: the last seven days' (the eighth is exactly seven days old)
        Assert.All(_kept, c => Assert.True(_time.GetUtcNow() - c.TakenAt < Defaults.Retention + TimeSpan.FromDays(1)));

        _time.Advance(TimeSpan.FromDays(7));
        var (kept, dropped) = CheckpointRetention.Apply(_kept, _time.GetUtcNow(), Defaults);
        Assert.Empty(kept);
        Assert.Equal(7, dropped.Length);
    }

    [Fact]
    public void A_burst_within_one_hour_keeps_only_the_latest_and_the_settings_change_the_counts()
    {
        for (var i = 0; i < 8; i++, _time.Advance(TimeSpan.FromMinutes(1))) Take();
        Assert.Equal(5, _kept.Count);

        var wider = new CheckpointOptions { KeepLatest = 2, MaxKept = 3, Retention = TimeSpan.FromMinutes(30) };
        var all = Enumerable.Range(0, 6).Select(h => Info(_time.GetUtcNow().AddMinutes(-10 * h))).ToList();
        var (kept, _) = CheckpointRetention.Apply(all, _time.GetUtcNow(), wider);
        Assert.Equal(new[] { all[2], all[1], all[0] }.Select(c => c.Id), kept.Select(c => c.Id)); // oldest first; 30 min and older are gone
    }

    private CheckpointInfo[] Take()
    {
        _kept.Add(Info(_time.GetUtcNow()));
        var (kept, dropped) = CheckpointRetention.Apply(_kept, _time.GetUtcNow(), Defaults);
        Assert.Equal(kept.OrderBy(c => c.TakenAt), kept);
        _kept = [.. kept];
        return [.. dropped];
    }

    private static CheckpointInfo Info(DateTimeOffset at) => new() { Id = CheckpointBlobKeys.NewId(at), TakenAt = at, BlobKey = "k/" + at.UtcTicks };

    private static DateTimeOffset Hour(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
}
