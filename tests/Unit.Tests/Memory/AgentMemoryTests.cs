using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Options;

namespace TDeveloper.Unit.Tests.Memory;

public sealed class AgentMemoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Working_memory_drops_the_least_recently_used_item_past_its_capacity()
    {
        var memory = new AgentMemory(new MemoryOptions { WorkingCapacity = 3 });
        var a = memory.Remember("instruction", "alpha", MemoryImportance.Normal, T0);
        var b = memory.Remember("instruction", "bravo", MemoryImportance.Normal, T0.AddSeconds(1));
        memory.Remember("instruction", "charlie", MemoryImportance.Normal, T0.AddSeconds(2));
        memory.Recall(a.Id, T0.AddSeconds(3)); // used: it leaves working memory for short-term
        memory.Remember("instruction", "delta", MemoryImportance.Normal, T0.AddSeconds(4));
        memory.Remember("instruction", "echo", MemoryImportance.Normal, T0.AddSeconds(5));

        Assert.Null(memory.Find(b.Id));
        Assert.Equal(MemoryTier.ShortTerm, memory.Find(a.Id)!.Tier);
        Assert.Equal(["charlie", "delta", "echo"], memory.Items.Where(i => i.Tier == MemoryTier.Working).Select(i => i.Text).Order());
        Assert.Equal(3, memory.CountIn(MemoryTier.Working));
    }

    [Fact]
    public void A_short_term_item_expires_its_time_to_live_after_its_last_recall()
    {
        var memory = new AgentMemory(new MemoryOptions());
        var item = memory.Remember("result", "the invoice schema", MemoryImportance.Normal, T0);
        Assert.Equal(T0.AddHours(1), memory.Recall(item.Id, T0)!.ExpiresAt);

        memory.Recall(item.Id, T0.AddMinutes(50)); // recalls slide the deadline
        Assert.Equal(0, memory.Expire(T0.AddMinutes(109)));
        Assert.NotNull(memory.Find(item.Id));

        Assert.Equal(1, memory.Expire(T0.AddMinutes(110)));
        Assert.Null(memory.Find(item.Id));
    }

    [Fact]
    public void A_critical_short_term_item_lives_a_day()
    {
        var memory = new AgentMemory(new MemoryOptions());
        var normal = memory.Remember("result", "normal", MemoryImportance.Normal, T0);
        var critical = memory.Remember("result", "critical", MemoryImportance.Critical, T0);
        memory.Recall(normal.Id, T0);
        memory.Recall(critical.Id, T0);

        memory.Expire(T0.AddHours(2));
        Assert.Null(memory.Find(normal.Id));
        Assert.Equal(T0.AddDays(1), memory.Find(critical.Id)!.ExpiresAt);

        memory.Expire(T0.AddDays(1));
        Assert.Null(memory.Find(critical.Id));
    }

    [Fact]
    public void Recall_promotes_working_to_short_term_to_long_term_and_critical_items_one_recall_sooner()
    {
        var options = new MemoryOptions { LongTermRecalls = 3 };
        var memory = new AgentMemory(options);
        var normal = memory.Remember("result", "normal", MemoryImportance.Normal, T0);
        var critical = memory.Remember("result", "critical", MemoryImportance.Critical, T0);

        Assert.Equal([MemoryTier.ShortTerm, MemoryTier.ShortTerm, MemoryTier.LongTerm], Enumerable.Range(1, 3).Select(i => memory.Recall(normal.Id, T0.AddMinutes(i))!.Tier));
        Assert.Equal([MemoryTier.ShortTerm, MemoryTier.LongTerm], Enumerable.Range(1, 2).Select(i => memory.Recall(critical.Id, T0.AddMinutes(i))!.Tier));
        Assert.Null(memory.Find(normal.Id)!.ExpiresAt);

        memory.Expire(T0.AddDays(30)); // durable: no time to live
        Assert.Equal(["normal", "critical"], memory.LongTerm.Select(i => i.Text));
        Assert.Equal(3, memory.LongTerm[0].AccessCount);

        var restored = new AgentMemory(options, memory.LongTerm); // what the agent's persisted state brings back
        Assert.Equal(memory.LongTerm.AsEnumerable(), restored.LongTerm.AsEnumerable());
        Assert.Equal(2, restored.CountIn(MemoryTier.LongTerm));
    }

    [Fact]
    public void A_promotion_past_the_long_term_bound_demotes_the_least_relevant_other_item()
    {
        var memory = new AgentMemory(new MemoryOptions { LongTermRecalls = 2, LongTermMaxItems = 2 });
        var ids = Enumerable.Range(0, 3).Select(i => memory.Remember("result", $"item {i}", MemoryImportance.Normal, T0).Id).ToList();
        for (var i = 0; i < 3; i++)
        {
            memory.Recall(ids[i], T0.AddMinutes(10 * i));
            memory.Recall(ids[i], T0.AddMinutes(10 * i + 1));
        }

        Assert.Equal(["item 1", "item 2"], memory.LongTerm.Select(i => i.Text));
        Assert.Equal(MemoryTier.ShortTerm, memory.Find(ids[0])!.Tier);
    }

    [Fact]
    public void Long_term_memory_is_bounded_in_UTF8_bytes()
    {
        var memory = new AgentMemory(new MemoryOptions { LongTermRecalls = 2, LongTermMaxBytes = 3_000, MaxItemChars = 1_000 });
        var ids = Enumerable.Range(0, 3).Select(i => memory.Remember("result", new string('é', 600), MemoryImportance.Normal, T0.AddMinutes(i)).Id).ToList(); // 1,200 bytes each
        foreach (var id in ids)
        {
            memory.Recall(id, T0.AddMinutes(5));
            memory.Recall(id, T0.AddMinutes(6));
        }

        Assert.Equal(2, memory.CountIn(MemoryTier.LongTerm));
        Assert.Equal(1, memory.CountIn(MemoryTier.ShortTerm));
    }

    [Fact]
    public void A_full_context_manager_drops_the_least_relevant_quarter()
    {
        var memory = new AgentMemory(new MemoryOptions { ContextCapacity = 8, WorkingCapacity = 100 });
        var critical = memory.Remember("instruction", "keep me", MemoryImportance.Critical, T0);
        var ids = Enumerable.Range(1, 7).Select(i => memory.Remember("instruction", $"item {i}", MemoryImportance.Normal, T0.AddMinutes(i)).Id).ToList();
        Assert.Equal(8, memory.Count);

        memory.Remember("instruction", "the ninth", MemoryImportance.Normal, T0.AddMinutes(8));

        Assert.Equal(7, memory.Count); // 8 − 2 + 1
        Assert.Null(memory.Find(ids[0])); // the two least recent normal items
        Assert.Null(memory.Find(ids[1]));
        Assert.NotNull(memory.Find(critical.Id)); // oldest, but its importance outweighs
    }

    [Fact]
    public void A_context_takes_the_most_relevant_items_first_and_never_exceeds_its_budget()
    {
        var memory = new AgentMemory(new MemoryOptions());
        for (var i = 0; i < 50; i++) memory.Remember("result", $"note {i}: unrelated text about the weather and lunch", MemoryImportance.Normal, T0.AddSeconds(i));
        var relevant = memory.Remember("result", "Invoice exporter: CSV columns id, amount, currency", MemoryImportance.Normal, T0);
        memory.Remember("result", new string('x', 900) + " invoice", MemoryImportance.Normal, T0.AddSeconds(60)); // relevant but too big

        var context = memory.BuildContext("implement the invoice exporter", tokenBudget: 60, charsPerToken: 4, T0.AddMinutes(2));

        Assert.StartsWith(AgentMemory.ContextHeader, context.Text);
        Assert.Equal(relevant.Id, context.Items[0].Id);
        Assert.Contains("Invoice exporter: CSV", context.Text);
        Assert.DoesNotContain("xxxx", context.Text);
        Assert.True(context.Items.Length > 1); // smaller items fill what the big one left
        Assert.True(context.Text.Length <= 60 * 4, $"{context.Text.Length} chars");
        Assert.Equal((context.Text.Length + 3) / 4, context.Tokens);
        Assert.True(context.Tokens <= 60);
        Assert.All(context.Items, i => Assert.Equal(MemoryTier.ShortTerm, memory.Find(i.Id)!.Tier)); // used, so recalled

        Assert.Same(MemoryContext.Empty, memory.BuildContext("anything", tokenBudget: 10, charsPerToken: 4, T0));
        Assert.Same(MemoryContext.Empty, new AgentMemory(new MemoryOptions()).BuildContext("anything", 1000, 4, T0));
    }

    [Fact]
    public void Garbage_collection_runs_at_80_percent_of_the_budget_and_takes_only_old_rarely_recalled_irrelevant_items()
    {
        var options = new MemoryOptions { BudgetChars = 1_000, GcTriggerFraction = 0.8, GcMinAge = TimeSpan.FromMinutes(10), RecencyHalfLife = TimeSpan.FromMinutes(10), MaxItemChars = 100, LongTermMaxBytes = 100 };
        var memory = new AgentMemory(options);
        string Text(char c) => new(c, 100);
        var old = memory.Remember("result", Text('a'), MemoryImportance.Normal, T0);
        var critical = memory.Remember("result", Text('b'), MemoryImportance.Critical, T0);
        var recalled = memory.Remember("result", Text('c'), MemoryImportance.Normal, T0);
        var fillers = Enumerable.Range(0, 4).Select(_ => memory.Remember("result", Text('d'), MemoryImportance.Normal, T0).Id).ToList();
        memory.Recall(recalled.Id, T0.AddMinutes(1));
        Assert.False(memory.CollectionDue); // 700 of 1,000 chars
        Assert.Equal(0, memory.Collect(T0.AddMinutes(20)));
        Assert.Equal(7, memory.Count);

        var young = memory.Remember("result", Text('e'), MemoryImportance.Normal, T0.AddMinutes(20)); // 800: the trigger

        Assert.Null(memory.Find(old.Id)); // 20 min old, never recalled, recency 0.25
        Assert.All(fillers, id => Assert.Null(memory.Find(id)));
        Assert.NotNull(memory.Find(critical.Id)); // importance 1 is above the relevance bar
        Assert.NotNull(memory.Find(recalled.Id)); // 1 recall in 20 min: 0.05 a minute
        Assert.NotNull(memory.Find(young.Id)); // younger than 10 min
        Assert.Equal(300, memory.Chars);
        Assert.False(memory.CollectionDue);
    }

    [Fact]
    public void Search_finds_items_by_keyword_most_relevant_first_without_recalling_them()
    {
        var memory = new AgentMemory(new MemoryOptions());
        var both = memory.Remember("result", "The invoice exporter writes CSV.", MemoryImportance.Normal, T0);
        var one = memory.Remember("instruction", "Design the invoice model", MemoryImportance.Normal, T0);
        memory.Remember("result", "Login page with a password form", MemoryImportance.Normal, T0);

        var found = memory.Search("Invoice EXPORTER", max: 10, T0);

        Assert.Equal([both.Id, one.Id], found.Select(i => i.Id));
        Assert.Single(memory.Search("invoice", max: 1, T0));
        Assert.Empty(memory.Search("kubernetes", max: 10, T0));
        Assert.Empty(memory.Search("the and for", max: 10, T0)); // no keywords
        Assert.All(found, i => Assert.Equal(MemoryTier.Working, memory.Find(i.Id)!.Tier));
    }

    [Fact]
    public void Keywords_are_lower_cased_words_of_three_or_more_characters_without_common_words()
    {
        Assert.Equal(new HashSet<string> { "invoice", "exporter", "csv", "api" }, MemoryRelevance.Keywords("Add the Invoice-exporter (CSV) to an API v2"));
    }

    [Fact]
    public void The_context_budget_is_what_the_smallest_window_of_the_possible_models_leaves_after_the_call()
    {
        var catalog = new ModelCatalogOptions
        {
            Catalog = [new ModelCatalogEntry { Id = "big", ContextWindow = 100_000 }, new ModelCatalogEntry { Id = "small", ContextWindow = 8_000 }],
            Chains = new() { ["CodeAgent"] = ["big"] },
        };

        Assert.Equal(3_000, ContextBudget.For(catalog, "DocsAgent", ModelRequirements.None, callTokens: 5_000, maxTokens: 4_000));
        Assert.Equal(4_000, ContextBudget.For(catalog, "CodeAgent", ModelRequirements.None, callTokens: 5_000, maxTokens: 4_000));
        Assert.Equal(0, ContextBudget.For(catalog, "CodeAgent", new ModelRequirements { Pinned = ["small"] }, callTokens: 9_000, maxTokens: 4_000));
    }

    [Fact]
    public void Options_that_contradict_each_other_are_refused_together()
    {
        var options = new MemoryOptions { ShortTermTtl = TimeSpan.FromHours(2), CriticalShortTermTtl = TimeSpan.FromHours(1), LongTermMaxBytes = 10, MaxItemChars = 500 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal([nameof(MemoryOptions.CriticalShortTermTtl), nameof(MemoryOptions.LongTermMaxBytes)], results.SelectMany(r => r.MemberNames));
    }
}
