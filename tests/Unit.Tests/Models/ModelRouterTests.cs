using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;

namespace TDeveloper.Unit.Tests.Models;

public class ModelRouterTests
{
    private static ModelQuery Query(ModelCapabilities capabilities = ModelCapabilities.None, string? language = null, TimeSpan? budget = null, long tokens = 1000, string agent = AgentNames.Code) =>
        new(agent, capabilities, language, budget, tokens);

    private static ModelStats Unmeasured(string _) => ModelStats.Unmeasured;

    [Fact]
    public void Models_without_a_required_capability_are_excluded_and_say_which()
    {
        var text = new ModelCatalogEntry { Id = "text" };
        var vision = new ModelCatalogEntry { Id = "vision", Capabilities = ModelCapabilities.Vision | ModelCapabilities.Tools };

        var route = ModelRouter.Rank([text, vision], Query(ModelCapabilities.Vision | ModelCapabilities.Tools), Unmeasured);

        Assert.Equal(["vision"], route.Models.Select(m => m.Id));
        Assert.Equal("lacks Vision, Tools", route.Candidates.Single(c => c.Model == "text").ExcludedBecause);
        Assert.Null(route.Candidates.Single(c => c.Model == "vision").ExcludedBecause);
    }

    [Fact]
    public void A_context_window_smaller_than_the_call_excludes_the_model()
    {
        var small = new ModelCatalogEntry { Id = "small", ContextWindow = 8_000 };
        var large = new ModelCatalogEntry { Id = "large", ContextWindow = 200_000 };

        var route = ModelRouter.Rank([small, large], Query(tokens: 12_345), Unmeasured);

        Assert.Equal(["large"], route.Models.Select(m => m.Id));
        Assert.Equal("context window of 8,000 tokens is below the 12,345 needed", route.Candidates[0].ExcludedBecause);
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-US", true)]
    [InlineData("KO", false)]
    [InlineData(null, true)]
    public void Languages_listed_by_a_model_must_include_the_request_s(string? language, bool englishModelEligible)
    {
        var english = new ModelCatalogEntry { Id = "english", Languages = ["en", "de"] };
        var any = new ModelCatalogEntry { Id = "any" };

        var route = ModelRouter.Rank([english, any], Query(language: language), Unmeasured);

        Assert.Equal(englishModelEligible, route.Models.Any(m => m.Id == "english"));
        Assert.Contains(route.Models, m => m.Id == "any");
    }

    [Fact]
    public void The_latency_budget_uses_measured_latency_once_there_is_one()
    {
        var slowOnPaper = new ModelCatalogEntry { Id = "slow-on-paper", ExpectedLatency = TimeSpan.FromSeconds(10) };
        var slowInPractice = new ModelCatalogEntry { Id = "slow-in-practice", ExpectedLatency = TimeSpan.FromSeconds(1) };
        var measured = new Dictionary<string, ModelStats>
        {
            ["slow-on-paper"] = new(TimeSpan.FromSeconds(1.5), 0, true),
            ["slow-in-practice"] = new(TimeSpan.FromSeconds(4), 0, true),
        };

        var route = ModelRouter.Rank([slowOnPaper, slowInPractice], Query(budget: TimeSpan.FromSeconds(2)), id => measured[id]);

        Assert.Equal(["slow-on-paper"], route.Models.Select(m => m.Id));
        Assert.Equal("typical latency 4 s is over the budget of 2 s", route.Candidates[1].ExcludedBecause);
    }

    [Fact]
    public void A_model_whose_circuit_is_open_is_excluded_as_unhealthy()
    {
        var down = new ModelCatalogEntry { Id = "down" };
        var up = new ModelCatalogEntry { Id = "up" };

        var route = ModelRouter.Rank([down, up], Query(), id => id == "down" ? new ModelStats(null, 1, false) : ModelStats.Unmeasured);

        Assert.Equal(["up"], route.Models.Select(m => m.Id));
        Assert.StartsWith("unhealthy", route.Candidates[0].ExcludedBecause);
    }

    [Fact]
    public void The_score_weighs_specialty_cost_performance_and_availability()
    {
        // The specialist is dear and slow; the generalist is cheap and fast but failed half its recent calls.
        var specialist = new ModelCatalogEntry { Id = "specialist", Specialties = ["code"], InputPricePer1K = 0.010m, OutputPricePer1K = 0.030m, ExpectedLatency = TimeSpan.FromSeconds(2) };
        var generalist = new ModelCatalogEntry { Id = "generalist", InputPricePer1K = 0.001m, OutputPricePer1K = 0.003m, ExpectedLatency = TimeSpan.FromSeconds(1) };
        var stats = new Dictionary<string, ModelStats> { ["specialist"] = ModelStats.Unmeasured, ["generalist"] = new(null, 0.5, true) };

        var route = ModelRouter.Rank([specialist, generalist], Query(), id => stats[id]);

        var s = route.Candidates.Single(c => c.Model == "specialist");
        var g = route.Candidates.Single(c => c.Model == "generalist");
        Assert.Equal((1.0, 0.0, 0.5, 1.0), (s.Specialty, s.Cost, s.Performance, s.Availability));
        Assert.Equal(0.3 * 1 + 0.2 * 0 + 0.3 * 0.5 + 0.2 * 1, s.Total, 3);
        Assert.Equal((0.0, 1.0, 1.0, 0.5), (g.Specialty, g.Cost, g.Performance, g.Availability));
        Assert.Equal(0.3 * 0 + 0.2 * 1 + 0.3 * 1 + 0.2 * 0.5, g.Total, 3);
        Assert.Equal(["specialist", "generalist"], route.Models.Select(m => m.Id));
        Assert.Equal("best score 0.65 of 2 eligible", route.Reason);
    }

    [Theory]
    [InlineData("CodeAgent", 1)]
    [InlineData("code", 1)]
    [InlineData("security", 0)]
    public void Specialty_matches_the_agent_name_or_its_domain(string specialty, double expected) =>
        Assert.Equal(expected, ModelRouter.SpecialtyOf(new ModelCatalogEntry { Id = "m", Specialties = [specialty] }, AgentNames.Code));

    [Fact]
    public void Candidates_list_every_catalog_model_in_catalog_order_and_ties_keep_it()
    {
        var catalog = new[] { new ModelCatalogEntry { Id = "a" }, new ModelCatalogEntry { Id = "b", ContextWindow = 10 }, new ModelCatalogEntry { Id = "c" } };

        var route = ModelRouter.Rank(catalog, Query(), Unmeasured);

        Assert.Equal(["a", "b", "c"], route.Candidates.Select(c => c.Model));
        Assert.Equal(["a", "c"], route.Models.Select(m => m.Id));
        Assert.Equal("best score 0.70 of 2 eligible", route.Reason);
    }

    [Fact]
    public void A_chain_keeps_its_order_and_checks_only_capabilities_and_context()
    {
        var korean = new ModelCatalogEntry { Id = "korean", Languages = ["ko"], ExpectedLatency = TimeSpan.FromMinutes(1) };
        var textOnly = new ModelCatalogEntry { Id = "text-only" };
        var vision = new ModelCatalogEntry { Id = "vision", Capabilities = ModelCapabilities.Vision, Languages = ["ko"] };

        var chain = ModelRouter.Screen([korean, textOnly], Query(language: "en", budget: TimeSpan.FromSeconds(1)), Unmeasured, "chain of CodeAgent");
        var withImage = ModelRouter.Screen([textOnly, vision], Query(ModelCapabilities.Vision, language: "en"), Unmeasured, "pinned by the step");

        Assert.Equal(["korean", "text-only"], chain.Models.Select(m => m.Id));
        Assert.Equal("chain of CodeAgent", chain.Reason);
        Assert.Equal(["vision"], withImage.Models.Select(m => m.Id));
        Assert.Equal("lacks Vision", withImage.Candidates[0].ExcludedBecause);
    }
}
