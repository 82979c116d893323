using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Supervision;

namespace TDeveloper.Unit.Tests;

public class IntentAnalyzerTests
{
    [Theory]
    [InlineData("implement the payment service", AgentNames.Code)]
    [InlineData("write unit tests for the parser", AgentNames.Test)]
    [InlineData("design the data model for orders", AgentNames.Design)]
    [InlineData("check the app for security vulnerabilities", AgentNames.Security)]
    [InlineData("document the public API in the README", AgentNames.Docs)]
    [InlineData("review the pull request", AgentNames.Review)]
    public void Each_rule_maps_its_keywords_to_its_agent(string request, string agent)
    {
        var intents = IntentAnalyzer.Analyze(request);

        Assert.Contains(intents, i => i.Agent == agent && i.Confidence >= IntentRules.RuleConfidence);
    }

    [Fact]
    public void A_login_api_with_tests_needs_code_test_and_security()
    {
        var agents = IntentAnalyzer.Analyze("add a login API with tests").Select(i => i.Agent).ToHashSet();

        Assert.Equal(new[] { AgentNames.Code, AgentNames.Test, AgentNames.Security }.Order(), agents.Order());
    }

    [Fact]
    public void Rules_match_whole_words_only()
    {
        var intents = IntentAnalyzer.Analyze("contest the latest attestation");

        Assert.DoesNotContain(intents, i => i.Agent == AgentNames.Test);
    }

    [Fact]
    public void A_single_match_has_the_rule_confidence_and_more_matches_raise_it_to_a_cap()
    {
        Assert.Equal(0.8, IntentAnalyzer.Analyze("please refactor").Single().Confidence, 3);
        Assert.Equal(0.9, IntentAnalyzer.Analyze("test it, verify it, qa it").Single(i => i.Name == "test").Confidence, 3);
        Assert.Equal(0.95, IntentAnalyzer.Analyze("test unit coverage qa e2e verify tests").Single(i => i.Name == "test").Confidence, 3);
    }

    [Fact]
    public void A_request_no_rule_matches_falls_back_to_code_with_low_confidence()
    {
        var intent = Assert.Single(IntentAnalyzer.Analyze("make it nicer"));

        Assert.Equal(AgentNames.Code, intent.Agent);
        Assert.Equal(IntentAnalyzer.FallbackConfidence, intent.Confidence);
    }
}
