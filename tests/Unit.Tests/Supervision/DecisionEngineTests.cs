using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Supervision;
using TDeveloper.Grains.Supervision.Decision;
using TDeveloper.Unit.Tests.Models;
using Opts = Microsoft.Extensions.Options.Options;

namespace TDeveloper.Unit.Tests.Supervision;

public class DecisionEngineTests
{
    private static readonly DecisionOptions Defaults = new();

    private static IntentClassification Says(double confidence, params string[] agents) => new() { Agents = [.. agents], Confidence = confidence, Reason = "test" };

    private static double WeightOf(RoutingDecision decision, string source) => decision.Weights.Single(w => w.Source == source).Weight;

    private static double ScoreOf(RoutingDecision decision, string agent) => decision.Ranking.Single(s => s.Agent == agent).Score;

    private static string[] Chosen(RoutingDecision decision) => [.. decision.Ranking.Where(s => s.Chosen).Select(s => s.Agent)];

    [Fact]
    public void Rules_alone_decide_at_their_confidence()
    {
        var decision = DecisionCombiner.Combine("unit tests for the parser", null, "switched off", [], Defaults);

        Assert.Equal([AgentNames.Test], Chosen(decision));
        Assert.Equal(0.85, decision.Confidence); // two test keywords: 0.8 + 0.05
        Assert.False(decision.NeedsClarification);
        Assert.Equal(1.0, WeightOf(decision, DecisionRules.Source));
        Assert.Contains(decision.Reasons, r => r.StartsWith("classifier: switched off", StringComparison.Ordinal));
        Assert.All(decision.Votes, v => Assert.Equal(DecisionRules.Source, v.Source));
    }

    [Fact]
    public void A_classifier_that_agrees_keeps_the_choice_and_its_confidence()
    {
        var decision = DecisionCombiner.Combine("review the pull request", Says(0.8, AgentNames.Review), null, [], Defaults);

        Assert.Equal([AgentNames.Review], Chosen(decision));
        Assert.Equal(0.8, decision.Confidence, 3);
        Assert.Contains(decision.Votes, v => v.Source == DecisionCombiner.ClassifierSource && v.Agent == AgentNames.Review);
    }

    [Fact]
    public void A_classifier_that_disagrees_ranks_below_the_rules_and_lowers_the_confidence()
    {
        var decision = DecisionCombiner.Combine("review the pull request", Says(0.9, AgentNames.Test), null, [], Defaults);

        // review: 0.5·0.8 / 0.85 = 0.47; test: 0.35·0.9 / 0.85 = 0.37
        Assert.Equal(AgentNames.Review, decision.Ranking[0].Agent);
        Assert.Equal(0.4706, ScoreOf(decision, AgentNames.Review), 3);
        Assert.Equal(0.3706, ScoreOf(decision, AgentNames.Test), 3);
        Assert.Equal([AgentNames.Review, AgentNames.Test], Chosen(decision));
        Assert.Equal(0.4706, decision.Confidence, 3);
    }

    [Fact]
    public void History_breaks_a_tie_between_equally_matched_agents()
    {
        const string text = "design the service"; // design and code both match one keyword: 0.8 each
        var even = DecisionCombiner.Combine(text, null, "off", [], Defaults);
        Assert.Equal(ScoreOf(even, AgentNames.Design), ScoreOf(even, AgentNames.Code));
        Assert.Equal(AgentNames.Design, even.Ranking[0].Agent); // a tie keeps plan order

        var history = ImmutableArray.Create(new AgentHistory(AgentNames.Code, 9, 10), new AgentHistory(AgentNames.Design, 1, 10));
        var shifted = DecisionCombiner.Combine(text, null, "off", history, Defaults);

        Assert.Equal(AgentNames.Code, shifted.Ranking[0].Agent);
        Assert.True(ScoreOf(shifted, AgentNames.Code) > ScoreOf(shifted, AgentNames.Design));
        Assert.Contains(shifted.Votes, v => v.Source == DecisionCombiner.HistorySource && v.Agent == AgentNames.Code && v.Reason.StartsWith("9/10", StringComparison.Ordinal));
    }

    [Fact]
    public void A_few_samples_of_history_weigh_less_than_many()
    {
        var few = DecisionCombiner.Combine("design the service", null, "off", [new AgentHistory(AgentNames.Code, 1, 1)], Defaults);
        var many = DecisionCombiner.Combine("design the service", null, "off", [new AgentHistory(AgentNames.Code, 50, 50)], Defaults);

        var fewVote = few.Votes.Single(v => v.Source == DecisionCombiner.HistorySource).Score;
        var manyVote = many.Votes.Single(v => v.Source == DecisionCombiner.HistorySource).Score;
        Assert.Equal(2.0 / 3 * (1.0 / 6), fewVote, 3); // (1+1)/(1+2) · 1/(1+5)
        Assert.True(manyVote > 0.8);
    }

    [Fact]
    public void Ambiguous_input_asks_for_a_clarification_instead_of_guessing()
    {
        // No rule matches (the rules' default, CodeAgent at 0.5) and the classifier is unsure of something else.
        var decision = DecisionCombiner.Combine("make it better", Says(0.3, AgentNames.Review), null, [], Defaults);

        Assert.True(decision.NeedsClarification);
        Assert.True(decision.Confidence < Defaults.ClarifyBelow);
        Assert.Contains(decision.Reasons, r => r.Contains("asking the user", StringComparison.Ordinal));
        var plan = DecisionEngine.Plan("make it better", decision);
        Assert.Empty(plan.Plan.Steps);
    }

    [Fact]
    public void After_an_answer_the_decision_does_not_ask_again_and_the_users_agents_decide()
    {
        var unsure = DecisionCombiner.Combine("make it better", Says(0.3, AgentNames.Review), null, [], Defaults, mayAsk: false);
        Assert.False(unsure.NeedsClarification);

        var chosen = DecisionCombiner.Combine("make it better", null, null, [], Defaults, userAgents: [AgentNames.Test, AgentNames.Docs]);
        Assert.Equal(1, chosen.Confidence);
        Assert.Equal([AgentNames.Test, AgentNames.Docs], Chosen(chosen));
        Assert.All(chosen.Votes, v => Assert.Equal(DecisionCombiner.UserSource, v.Source));
    }

    [Fact]
    public void Refactor_and_deploy_map_onto_the_code_agent_and_say_so()
    {
        var refactor = DecisionRules.Votes("restructure the billing module");
        var deploy = DecisionRules.Votes("roll out the pipeline");

        Assert.Equal(AgentNames.Code, Assert.Single(refactor).Agent);
        Assert.Contains("no refactoring agent type", refactor[0].Reason);
        Assert.Equal(AgentNames.Code, Assert.Single(deploy).Agent);
        Assert.Contains("no deployment agent type", deploy[0].Reason);
    }

    [Theory]
    [InlineData("deploy the exporter", "release")]
    [InlineData("fix the crash in the parser", "bugfix")]
    [InlineData("add a login API with tests", null)]
    public void A_template_is_chosen_from_the_intent_when_none_is_named(string text, string? template)
    {
        var plan = DecisionEngine.Plan(text, DecisionCombiner.Combine(text, null, "off", [], Defaults));

        Assert.Equal(template, plan.Decision!.Template);
        if (template is not null)
        {
            Assert.Equal(PlanTemplates.Find(template)!.Plan, plan.Plan);
            Assert.Contains(plan.Decision.Reasons, r => r.StartsWith($"template {template}", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal([AgentNames.Code, AgentNames.Test, AgentNames.Security], plan.Plan.Steps.Select(s => s.Agent));
        }
    }

    [Fact]
    public void The_weights_are_configurable()
    {
        var classifierFirst = new DecisionOptions { RulesWeight = 0.1, ClassifierWeight = 0.9 };
        var decision = DecisionCombiner.Combine("review the pull request", Says(0.9, AgentNames.Test), null, [], classifierFirst);

        Assert.Equal(AgentNames.Test, decision.Ranking[0].Agent);
        Assert.Equal(0.9, WeightOf(decision, DecisionCombiner.ClassifierSource), 3);
    }

    [Fact]
    public async Task The_offline_model_classifies_deterministically_through_the_model_layer()
    {
        var classifier = new ModelIntentClassifier(Invoker(new OfflineChatClient(Opts.Create(new OfflineModelOptions { Latency = TimeSpan.Zero }), TimeProvider.System)));

        var first = await classifier.ClassifyAsync("add a login API with tests", CancellationToken.None);
        var second = await classifier.ClassifyAsync("add a login API with tests", CancellationToken.None);
        var vague = await classifier.ClassifyAsync("hello", CancellationToken.None);

        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.Equal(new[] { AgentNames.Code, AgentNames.Test, AgentNames.Security }.Order(), first.Agents.Order());
        Assert.Equal(0.75, first.Confidence);
        Assert.Equal(new[] { AgentNames.Code }, vague.Agents.ToArray());
        Assert.Equal(0.5, vague.Confidence);

        var engine = new DecisionEngine(classifier, Opts.Create(Defaults), NullLogger<DecisionEngine>.Instance);
        var plan = await engine.DecideAsync("add a login API with tests", []);
        Assert.Contains(plan.Decision!.Votes, v => v.Source == DecisionCombiner.ClassifierSource);
        Assert.Equal([AgentNames.Code, AgentNames.Test, AgentNames.Security], plan.Plan.Steps.Select(s => s.Agent));
    }

    [Fact]
    public async Task A_failing_classifier_falls_back_to_rules_and_history_with_the_reason()
    {
        var failing = new FakeModel("broken") { FailWith = new HttpRequestException("HTTP 400", null, HttpStatusCode.BadRequest) };
        var engine = new DecisionEngine(new ModelIntentClassifier(Invoker(failing)), Opts.Create(Defaults), NullLogger<DecisionEngine>.Instance);

        var plan = await engine.DecideAsync("review the pull request", [new AgentHistory(AgentNames.Review, 4, 4)]);

        Assert.DoesNotContain(plan.Decision!.Votes, v => v.Source == DecisionCombiner.ClassifierSource);
        Assert.Contains(plan.Decision.Reasons, r => r.StartsWith("classifier: failed (ModelCallException", StringComparison.Ordinal));
        Assert.Equal(new[] { DecisionRules.Source, DecisionCombiner.HistorySource }.Order(), plan.Decision.Weights.Select(w => w.Source).Order());
        Assert.Equal([AgentNames.Review], plan.Plan.Steps.Select(s => s.Agent));
    }

    [Fact]
    public async Task A_classifier_answer_that_is_not_the_json_falls_back()
    {
        var prose = new FakeModel("prose"); // answers "answer of prose"
        var engine = new DecisionEngine(new ModelIntentClassifier(Invoker(prose)), Opts.Create(Defaults), NullLogger<DecisionEngine>.Instance);

        var plan = await engine.DecideAsync("review the pull request", []);

        Assert.Contains(plan.Decision!.Reasons, r => r.StartsWith("classifier: failed (FormatException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_classifier_that_does_not_answer_in_time_falls_back()
    {
        var engine = new DecisionEngine(new HangingClassifier(), Opts.Create(new DecisionOptions { ClassifierTimeout = TimeSpan.FromMilliseconds(20) }), NullLogger<DecisionEngine>.Instance);

        var plan = await engine.DecideAsync("review the pull request", []);

        Assert.Contains(plan.Decision!.Reasons, r => r.StartsWith("classifier: timed out", StringComparison.Ordinal));
        Assert.Equal([AgentNames.Review], plan.Plan.Steps.Select(s => s.Agent));
    }

    [Fact]
    public void A_classification_is_read_from_json_wrapped_in_prose_and_unknown_agents_are_dropped()
    {
        var parsed = IntentClassification.Parse("Sure: ```json\n{\"agents\":[\"TestAgent\",\"MagicAgent\"],\"confidence\":1.7,\"reason\":\"tests\"}\n```");

        Assert.Equal(new[] { AgentNames.Test }, parsed.Agents.ToArray());
        Assert.Equal(1, parsed.Confidence);
        Assert.Throws<FormatException>(() => IntentClassification.Parse("no json here"));
    }

    [Fact]
    public void History_counts_per_keyword_and_agent_takes_the_best_evidenced_keyword_and_stays_bounded()
    {
        var state = new DecisionHistoryState();
        DecisionHistory.Record(state, ["test", "unit"], [AgentNames.Test], succeeded: true);
        DecisionHistory.Record(state, ["test"], [AgentNames.Test, AgentNames.Code], succeeded: false);

        var found = DecisionHistory.Lookup(state, ["test", "unit"]);
        Assert.Equal(new[] { new AgentHistory(AgentNames.Code, 0, 1), new AgentHistory(AgentNames.Test, 1, 2) }, found.ToArray());

        for (var i = 0; i < DecisionHistory.MaxKeywords + 10; i++) DecisionHistory.Record(state, [$"k{i}"], [AgentNames.Code], true);
        Assert.Equal(DecisionHistory.MaxKeywords, state.Keywords.Count);
        Assert.True(state.Keywords.ContainsKey("test")); // the most used keyword stays
    }

    private static ModelInvoker Invoker(IChatClient model)
    {
        var time = new FakeTimeProvider();
        var catalog = new ModelCatalogOptions { Catalog = [new() { Id = "only", Provider = "test" }] };
        var health = new ModelHealth(Opts.Create(new ModelHealthOptions()), time);
        return new ModelInvoker(new SingleModel(model), Opts.Create(catalog), Opts.Create(new ModelRouterOptions()), health, new FakeModelQuotas(), time);
    }

    private sealed class SingleModel(IChatClient model) : IModelClients
    {
        public IChatClient Get(string modelId) => model;
    }

    private sealed class HangingClassifier : IIntentClassifier
    {
        public async Task<IntentClassification> ClassifyAsync(string requestText, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
