using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using Opts = Microsoft.Extensions.Options.Options;

namespace TDeveloper.Unit.Tests.Models;

public class ModelInvokerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, FakeModel> _models = new() { ["alpha"] = new("alpha"), ["beta"] = new("beta"), ["gamma"] = new("gamma") };
    private readonly FakeModelQuotas _quotas = new();
    private readonly ModelHealth _health;
    private readonly ModelInvoker _invoker;

    public ModelInvokerTests()
    {
        var catalog = new ModelCatalogOptions
        {
            Catalog =
            [
                new() { Id = "alpha", Provider = "test", Specialties = ["code"], Capabilities = ModelCapabilities.Tools },
                new() { Id = "beta", Provider = "test", Capabilities = ModelCapabilities.Vision },
                new() { Id = "gamma", Provider = "test" },
            ],
            Chains = new() { [AgentNames.Code] = ["alpha", "beta", "gamma"] },
        };
        _health = new ModelHealth(Opts.Create(new ModelHealthOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) }), _time);
        _invoker = new ModelInvoker(new FakeModelClients(_models), Opts.Create(catalog), Opts.Create(new ModelRouterOptions()), _health, _quotas, _time);
    }

    private static ModelRequest Request(string agent = AgentNames.Code, ModelRequirements? requirements = null, params AIContent[] extra) => new()
    {
        Agent = agent,
        Messages = [new ChatMessage(ChatRole.User, [new TextContent("write the login service"), .. extra])],
        Requirements = requirements ?? ModelRequirements.None,
        IdempotencyKey = "wf/step/1",
    };

    private static HttpRequestException Status(HttpStatusCode status) => new($"HTTP {(int)status}", null, status);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, ModelErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ModelErrorKind.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, ModelErrorKind.Internal)]
    [InlineData(HttpStatusCode.GatewayTimeout, ModelErrorKind.Timeout)]
    public async Task A_retryable_failure_falls_back_to_the_next_model_of_the_chain(HttpStatusCode status, ModelErrorKind kind)
    {
        _models["alpha"].FailWith = Status(status);

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal("beta", reply.Decision.Model);
        Assert.Equal("chain of CodeAgent", reply.Decision.Reason);
        Assert.Equal([("alpha", (ModelErrorKind?)kind), ("beta", null)], reply.Decision.Attempts.Select(a => (a.Model, a.ErrorKind)));
        Assert.Equal("answer of beta", reply.Response.Text);
        Assert.Equal(15, reply.Usage.TotalTokens);
    }

    [Fact]
    public async Task Tools_are_offered_only_to_a_model_whose_entry_has_the_Tools_capability()
    {
        var tool = AIFunctionFactory.Create(() => "ok", "list_files");
        _models["alpha"].FailWith = Status(HttpStatusCode.ServiceUnavailable);

        var reply = await _invoker.InvokeAsync(Request() with { Options = new ChatOptions { Tools = [tool] } }, CancellationToken.None);

        Assert.Equal("beta", reply.Decision.Model);
        Assert.Equal(["list_files"], _models["alpha"].LastOptions!.Tools!.Select(t => t.Name));
        Assert.Null(_models["beta"].LastOptions!.Tools);
        Assert.Equal("wf/step/1", _models["beta"].LastOptions!.AdditionalProperties!["idempotency_key"]);
    }

    [Fact]
    public async Task Throttling_and_an_outage_in_a_row_reach_the_third_model()
    {
        _models["alpha"].FailWith = Status(HttpStatusCode.TooManyRequests);
        _models["beta"].FailWith = new TimeoutException();

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal(["alpha", "beta", "gamma"], reply.Decision.Attempts.Select(a => a.Model));
        Assert.Equal("gamma", reply.Decision.Model);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ModelErrorKind.InvalidRequest)]
    [InlineData(HttpStatusCode.Forbidden, ModelErrorKind.AccessDenied)]
    [InlineData(HttpStatusCode.NotFound, ModelErrorKind.NotFound)]
    public async Task A_failure_that_is_not_retryable_ends_the_call_at_once(HttpStatusCode status, ModelErrorKind kind)
    {
        _models["alpha"].FailWith = Status(status);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => _invoker.InvokeAsync(Request(), CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("alpha", error.Model);
        Assert.Equal(0, _models["beta"].Calls);
    }

    [Fact]
    public async Task When_every_model_fails_the_last_failure_is_thrown()
    {
        foreach (var model in _models.Values) model.FailWith = Status(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => _invoker.InvokeAsync(Request(), CancellationToken.None));

        Assert.Equal(("gamma", ModelErrorKind.Unavailable), (error.Model, error.Kind));
        Assert.All(_models.Values, m => Assert.Equal(1, m.Calls));
    }

    [Fact]
    public async Task A_model_whose_circuit_opened_is_skipped_without_being_called()
    {
        _models["alpha"].FailWith = Status(HttpStatusCode.ServiceUnavailable);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal(2, _models["alpha"].Calls);
        Assert.Equal("beta", reply.Decision.Model);
        var skipped = reply.Decision.Attempts[0];
        Assert.Equal(("alpha", (ModelErrorKind?)ModelErrorKind.Unavailable), (skipped.Model, skipped.ErrorKind));
        Assert.Contains("circuit is open", skipped.Error);
        Assert.False(_health.StatsOf("alpha").IsAvailable);
        Assert.Equal(1.0, _health.StatsOf("alpha").ErrorRate);
    }

    [Fact]
    public async Task After_the_break_a_probe_makes_a_recovered_model_healthy_again()
    {
        _models["alpha"].FailWith = Status(HttpStatusCode.ServiceUnavailable);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);
        var probe = new ModelHealthProbe(_health, _invoker, _time, NullLogger<ModelHealthProbe>.Instance);

        Assert.Empty(await probe.ProbeDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(31));
        _models["alpha"].FailWith = null;
        Assert.Equal(["alpha"], await probe.ProbeDueAsync(CancellationToken.None));

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);
        Assert.Equal("alpha", reply.Decision.Model);
        Assert.Empty(_health.DueForTrial());
    }

    [Fact]
    public async Task A_failed_probe_keeps_the_model_skipped_for_another_break()
    {
        _models["alpha"].FailWith = Status(HttpStatusCode.ServiceUnavailable);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);
        await _invoker.InvokeAsync(Request(), CancellationToken.None);
        var probe = new ModelHealthProbe(_health, _invoker, _time, NullLogger<ModelHealthProbe>.Instance);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Empty(await probe.ProbeDueAsync(CancellationToken.None));

        Assert.Equal(3, _models["alpha"].Calls);
        Assert.False(_health.IsAvailable("alpha"));
    }

    [Fact]
    public async Task An_exhausted_quota_falls_back_to_the_next_model()
    {
        _quotas.Answer("alpha", new ModelQuotaGrant { Outcome = ModelQuotaOutcome.Exhausted, Delay = TimeSpan.FromSeconds(40) });

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal("beta", reply.Decision.Model);
        Assert.Equal(0, _models["alpha"].Calls);
        Assert.Equal(ModelErrorKind.RateLimited, reply.Decision.Attempts[0].ErrorKind);
        Assert.Contains("quota", reply.Decision.Attempts[0].Error);
    }

    [Fact]
    public async Task The_last_model_of_a_chain_waits_for_its_quota_instead_of_failing()
    {
        var exhausted = new ModelQuotaGrant { Outcome = ModelQuotaOutcome.Exhausted, Delay = TimeSpan.Zero };
        _quotas.Answer("alpha", exhausted).Answer("beta", exhausted).Answer("gamma", exhausted, exhausted);

        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal("gamma", reply.Decision.Model);
        Assert.Equal(3, _quotas.Acquired.Count(a => a.Model == "gamma"));
    }

    [Fact]
    public async Task The_quota_is_asked_for_the_estimate_and_told_the_actual_tokens()
    {
        var reply = await _invoker.InvokeAsync(Request(), CancellationToken.None);

        var (model, estimate) = Assert.Single(_quotas.Acquired);
        Assert.Equal("alpha", model);
        Assert.Equal(6 + 1024, estimate); // "write the login service" is 23 characters: 6 tokens, plus the output reserve
        Assert.Equal([("alpha", 15 - estimate)], _quotas.Reported);
        Assert.Equal("alpha", reply.Decision.Model);
    }

    [Fact]
    public async Task A_pinned_text_only_model_refuses_an_image_before_calling_anything()
    {
        var image = new DataContent(new byte[] { 1, 2, 3 }, "image/png");

        var error = await Assert.ThrowsAsync<ModelCallException>(() =>
            _invoker.InvokeAsync(Request(requirements: new ModelRequirements { Pinned = ["gamma"] }, extra: image), CancellationToken.None));

        Assert.Equal(ModelErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("gamma: lacks Vision", error.Message);
        Assert.All(_models.Values, m => Assert.Equal(0, m.Calls));
    }

    [Fact]
    public async Task A_chain_passes_over_models_that_cannot_take_an_image()
    {
        var reply = await _invoker.InvokeAsync(Request(extra: new DataContent(new byte[] { 1 }, "image/jpeg")), CancellationToken.None);

        Assert.Equal("beta", reply.Decision.Model);
        Assert.Equal("lacks Vision", reply.Decision.Candidates.Single(c => c.Model == "alpha").ExcludedBecause);
        Assert.Equal(0, _models["alpha"].Calls);
    }

    [Fact]
    public async Task A_pin_wins_over_the_chain()
    {
        var reply = await _invoker.InvokeAsync(Request(requirements: new ModelRequirements { Pinned = ["gamma"] }), CancellationToken.None);

        Assert.Equal(("gamma", "pinned by the step"), (reply.Decision.Model, reply.Decision.Reason));
    }

    [Fact]
    public async Task Without_a_pin_or_chain_the_router_picks_and_explains()
    {
        var reply = await _invoker.InvokeAsync(Request(AgentNames.Docs, new ModelRequirements { Capabilities = ModelCapabilities.Vision }), CancellationToken.None);

        Assert.Equal("beta", reply.Decision.Model);
        Assert.Equal("best score 0.70 of 1 eligible", reply.Decision.Reason);
        Assert.Equal(["alpha", "beta", "gamma"], reply.Decision.Candidates.Select(c => c.Model));
        Assert.Equal(2, reply.Decision.Candidates.Count(c => c.ExcludedBecause == "lacks Vision"));
    }

    [Fact]
    public async Task Deltas_still_stream_to_the_watcher()
    {
        var deltas = new List<string>();

        var reply = await _invoker.InvokeAsync(Request() with { OnDelta = d => { deltas.Add(d); return ValueTask.CompletedTask; } }, CancellationToken.None);

        Assert.Equal("answer of alpha", string.Concat(deltas));
        Assert.Equal("answer of alpha", reply.Response.Text);
    }
}
