using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Options;
using static TDeveloper.Unit.Tests.Checkpoints.CheckpointSamples;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>An agent's memory exported into a checkpoint comes back in its tiers, with its importance and access statistics.</summary>
public sealed class AgentMemoryRestoreTests
{
    [Fact]
    public void Every_tier_comes_back_as_exported_and_behaves_as_before()
    {
        var original = new AgentMemory(new MemoryOptions());
        var first = original.Remember("instruction", "design the invoice schema", MemoryImportance.Normal, At);
        var second = original.Remember("error", "the schema migration failed", MemoryImportance.High, At.AddSeconds(1));
        original.Remember("result", "wrote the parser", MemoryImportance.Normal, At.AddSeconds(2));
        for (var i = 0; i < 3; i++) original.Recall(first.Id, At.AddMinutes(1 + i)); // working → short-term → long-term
        original.Recall(second.Id, At.AddMinutes(5));

        var restored = AgentMemory.Restore(new MemoryOptions(), original.Items, At.AddMinutes(6));

        Assert.Equal(original.Items.OrderBy(i => i.Id), restored.Items.OrderBy(i => i.Id));
        Assert.Equal([1, 1, 1], new[] { MemoryTier.Working, MemoryTier.ShortTerm, MemoryTier.LongTerm }.Select(restored.CountIn));
        Assert.Equal(original.LongTerm.ToList(), restored.LongTerm.ToList());
        // Its access count came back: two more recalls, not three, take the error to long-term memory.
        Assert.Equal((MemoryTier.ShortTerm, 2), Tier(restored.Recall(second.Id, At.AddMinutes(7))!));
        Assert.Equal((MemoryTier.LongTerm, 3), Tier(restored.Recall(second.Id, At.AddMinutes(8))!));
    }

    private static (MemoryTier, int) Tier(MemoryItem item) => (item.Tier, item.AccessCount);

    [Fact]
    public void Expired_short_term_items_and_working_items_past_the_capacity_are_not_restored()
    {
        MemoryItem[] items =
        [
            Item("old", MemoryTier.Working, accesses: 9), Item("mid", MemoryTier.Working, accesses: 5), Item("new", MemoryTier.Working, accesses: 1),
            Item("gone", MemoryTier.ShortTerm) with { ExpiresAt = At.AddMinutes(-1) },
        ];

        var restored = AgentMemory.Restore(new MemoryOptions { WorkingCapacity = 2 }, items, At);

        Assert.Equal(["mid", "new"], restored.Items.Select(i => i.Id).Order()); // the least recently used working item goes first
    }
}
