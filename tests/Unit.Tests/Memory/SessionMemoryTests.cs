using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Memory;

namespace TDeveloper.Unit.Tests.Memory;

/// <summary>The session memory's use of the shared engine (tiers kept, sources, exclusion), what it persists, and the embedding settings' checks.</summary>
public sealed class SessionMemoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static AgentMemory Session(IEnumerable<MemoryItem>? items = null) =>
        new(new SessionMemoryOptions().Tiers, items, SessionMemoryGrain.ContextHeader, keepTiers: true);

    [Fact]
    public void Shared_items_name_their_agent_and_the_asking_agent_does_not_get_its_own_back()
    {
        var memory = Session();
        memory.Remember("result", "the walrus ledger schema has three tables", MemoryImportance.High, T0, "DesignAgent");
        memory.Remember("result", "the walrus ledger service is implemented", MemoryImportance.High, T0, "CodeAgent");

        var context = memory.BuildContext("implement the walrus ledger service", null, 1_000, 4, T0, excludeSource: "CodeAgent");

        Assert.StartsWith(SessionMemoryGrain.ContextHeader, context.Text);
        Assert.Contains("- result from DesignAgent: the walrus ledger schema has three tables\n", context.Text);
        Assert.DoesNotContain("CodeAgent", context.Text);
        Assert.Equal("DesignAgent", Assert.Single(context.Items).Source);
    }

    [Fact]
    public void A_session_memory_restores_every_item_in_its_own_tier()
    {
        var memory = Session();
        var working = memory.Remember("result", "working fact", MemoryImportance.High, T0, "TestAgent");
        var shortTerm = memory.Remember("result", "short-term fact", MemoryImportance.High, T0, "TestAgent");
        var longTerm = memory.Remember("result", "long-term fact", MemoryImportance.Critical, T0, "TestAgent");
        memory.Recall(shortTerm.Id, T0);
        for (var i = 0; i < 2; i++) memory.Recall(longTerm.Id, T0.AddMinutes(i)); // critical: one recall fewer to long-term

        var restored = Session(memory.Items);

        Assert.Equal(MemoryTier.Working, restored.Find(working.Id)!.Tier);
        Assert.Equal(MemoryTier.ShortTerm, restored.Find(shortTerm.Id)!.Tier);
        Assert.Equal(T0.AddHours(8), restored.Find(shortTerm.Id)!.ExpiresAt); // the session's short-term life
        Assert.Equal(MemoryTier.LongTerm, restored.Find(longTerm.Id)!.Tier);
        Assert.Equal("TestAgent", restored.Find(working.Id)!.Source);
        Assert.Equal(1, restored.CountIn(MemoryTier.Working));

        var agent = new AgentMemory(new MemoryOptions(), memory.Items); // an agent's memory persists long-term items only
        Assert.Equal(3, agent.CountIn(MemoryTier.LongTerm));
    }

    [Fact]
    public void Persistence_keeps_long_term_items_first_then_the_most_important_and_recent_within_the_bytes()
    {
        var items = new[]
        {
            Item("old-normal", MemoryTier.Working, MemoryImportance.Normal, T0, 400),
            Item("new-normal", MemoryTier.Working, MemoryImportance.Normal, T0.AddHours(2), 400),
            Item("old-high", MemoryTier.ShortTerm, MemoryImportance.High, T0, 400),
            Item("long", MemoryTier.LongTerm, MemoryImportance.Normal, T0.AddMinutes(-30), 400),
            Item("huge", MemoryTier.Working, MemoryImportance.Critical, T0.AddHours(2), 5_000),
        };

        var kept = MemoryPersistence.Select(items, 1_250, T0.AddHours(2), TimeSpan.FromHours(1));

        // huge (critical, but 5,000 bytes) does not fit and is skipped; long, then new-normal (recency 1) and old-high (0.5 + 0.25) fit.
        Assert.Equal(["long", "old-high", "new-normal"], kept.Select(i => i.Id));
        Assert.Empty(MemoryPersistence.Select(items, 100, T0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_session_memory_options_are_valid_by_default_and_name_a_bad_tier_setting()
    {
        var options = new SessionMemoryOptions();
        var results = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Empty(options.Validate(new ValidationContext(options)));

        options.Tiers.WorkingCapacity = 0;
        options.Tiers.CriticalShortTermTtl = TimeSpan.FromMinutes(1);
        var problems = options.Validate(new ValidationContext(options)).SelectMany(r => r.MemberNames).ToList();
        Assert.Contains("Tiers:WorkingCapacity", problems);
        Assert.Contains("Tiers:CriticalShortTermTtl", problems);
    }

    [Fact]
    public void The_embedding_model_must_be_the_offline_one_or_a_catalog_embedding_model()
    {
        var catalog = new ModelCatalogOptions
        {
            Catalog =
            [
                new ModelCatalogEntry { Id = "chat", Provider = ModelProviders.Offline },
                new ModelCatalogEntry { Id = "embed", Provider = ModelProviders.Offline, Capabilities = ModelCapabilities.Embeddings },
            ],
        };
        var validator = new MemoryEmbeddingOptionsValidator(Options.Create(catalog));

        Assert.True(validator.Validate(null, new MemoryEmbeddingOptions()).Succeeded);
        Assert.True(validator.Validate(null, new MemoryEmbeddingOptions { EmbeddingModel = OfflineEmbeddingGenerator.ModelId }).Succeeded);
        Assert.True(validator.Validate(null, new MemoryEmbeddingOptions { EmbeddingModel = "embed" }).Succeeded);
        Assert.Contains("lacks the Embeddings capability", validator.Validate(null, new MemoryEmbeddingOptions { EmbeddingModel = "chat" }).FailureMessage);
        Assert.Contains("not in the catalog", validator.Validate(null, new MemoryEmbeddingOptions { EmbeddingModel = "nope" }).FailureMessage);
    }

    [Fact]
    public void An_embedding_only_model_takes_no_chat_call_and_does_not_shrink_the_memory_budget()
    {
        var chat = new ModelCatalogEntry { Id = "chat", ContextWindow = 100_000 };
        var embed = new ModelCatalogEntry { Id = "embed", ContextWindow = 8_192, Capabilities = ModelCapabilities.Embeddings };
        var both = new ModelCatalogEntry { Id = "both", ContextWindow = 100_000, Capabilities = ModelCapabilities.Tools | ModelCapabilities.Embeddings };
        var query = new ModelQuery("CodeAgent", ModelCapabilities.None, null, null, 100);

        Assert.Contains("embedding model", ModelRouter.Exclusion(embed, query, new ModelStats(null, 0, true), hardOnly: true));
        Assert.Null(ModelRouter.Exclusion(both, query, new ModelStats(null, 0, true), hardOnly: false));
        Assert.Equal(["chat", "both"], ModelRouter.Rank([chat, embed, both], query, _ => new ModelStats(null, 0, true)).Models.Select(m => m.Id));
        var catalog = new ModelCatalogOptions { Catalog = [chat, embed] };
        Assert.Equal(4_000, ContextBudget.For(catalog, "CodeAgent", new TDeveloper.Grains.Interfaces.Models.ModelRequirements(), 10_000, 4_000));
    }

    private static MemoryItem Item(string id, MemoryTier tier, MemoryImportance importance, DateTimeOffset at, int chars) => new()
    {
        Id = id, Kind = "result", Text = new string('x', chars), Tier = tier, Importance = importance, CreatedAt = at, LastAccessedAt = at,
        ExpiresAt = tier == MemoryTier.ShortTerm ? at.AddHours(8) : null,
    };
}
