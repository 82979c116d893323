using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Health;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

/// <summary>The session heartbeat's agent check: stale detection, recreation, fallback choice, and the workflow's reassignment.</summary>
public sealed class SessionHealthTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionHealthOptions _options = new() { StaleAgentAfter = TimeSpan.FromMinutes(5), CallTimeout = TimeSpan.FromSeconds(5) };

    private static AgentTaskHealth Task(string step, DateTimeOffset lastProgress, TimeSpan? timeout = null, string workflow = "t/w1") => new()
    {
        IdempotencyKey = AgentTask.KeyFor(workflow, step, 1), WorkflowKey = workflow, StepId = step, Attempt = 1,
        StartedAt = T0, LastProgressAt = lastProgress, Timeout = timeout ?? TimeSpan.FromMinutes(30),
    };

    private static RunningStep Step(string step, string agent = AgentNames.Design, DateTimeOffset? started = null) => new("w1", "t/w1", step, agent, 1, started ?? T0);

    [Fact]
    public void A_task_that_moved_within_the_limit_is_healthy_and_one_quiet_past_it_is_stale()
    {
        var health = new AgentHealth { Tasks = [Task("design", T0)] };

        Assert.Equal(AgentCondition.Healthy, AgentHealthRules.Evaluate(AgentNames.Design, health, null, [Step("design")], T0.AddMinutes(5), _options).Condition);
        var stale = AgentHealthRules.Evaluate(AgentNames.Design, health, null, [Step("design")], T0.AddMinutes(5).AddSeconds(1), _options);
        Assert.Equal(AgentCondition.Stale, stale.Condition);
        Assert.Contains("step 'design' attempt 1 made no progress for 301 s", stale.Reason);
    }

    [Fact]
    public void A_model_delta_counts_as_progress()
    {
        var health = new AgentHealth { Tasks = [Task("design", T0.AddMinutes(4))] };

        Assert.Equal(AgentCondition.Healthy, AgentHealthRules.Evaluate(AgentNames.Design, health, null, [Step("design")], T0.AddMinutes(8), _options).Condition);
    }

    [Fact]
    public void A_step_timeout_shorter_than_the_stale_limit_is_the_limit()
    {
        var health = new AgentHealth { Tasks = [Task("design", T0, timeout: TimeSpan.FromMinutes(1))] };

        Assert.Equal(AgentCondition.Healthy, AgentHealthRules.Evaluate(AgentNames.Design, health, null, [Step("design")], T0.AddSeconds(60), _options).Condition);
        Assert.Equal(AgentCondition.Stale, AgentHealthRules.Evaluate(AgentNames.Design, health, null, [Step("design")], T0.AddSeconds(61), _options).Condition);
        Assert.Equal(TimeSpan.FromMinutes(5), AgentHealthRules.Limit(TimeSpan.FromHours(1), _options));
    }

    [Fact]
    public void An_agent_that_does_not_answer_is_unresponsive_and_one_being_recreated_is_left_alone()
    {
        Assert.Equal(AgentCondition.Unresponsive, AgentHealthRules.Evaluate(AgentNames.Design, null, "TimeoutException", [Step("design")], T0, _options).Condition);
        var recreating = new AgentHealth { Recreating = true, Tasks = [Task("design", T0)] };
        Assert.Equal(AgentCondition.Healthy, AgentHealthRules.Evaluate(AgentNames.Design, recreating, null, [Step("design")], T0.AddHours(1), _options).Condition);
    }

    [Fact]
    public void A_step_the_agent_does_not_hold_is_lost_only_after_the_stale_limit()
    {
        var empty = new AgentHealth();

        Assert.Equal(AgentCondition.Healthy, AgentHealthRules.Evaluate(AgentNames.Design, empty, null, [Step("design")], T0.AddMinutes(1), _options).Condition);
        var lost = AgentHealthRules.Evaluate(AgentNames.Design, empty, null, [Step("design")], T0.AddMinutes(6), _options);
        Assert.Equal(AgentCondition.Lost, lost.Condition);
        Assert.Equal("design", Assert.Single(lost.Steps).StepId);
    }

    [Fact]
    public void The_fallback_is_the_configured_type_and_an_agent_without_one_has_none()
    {
        Assert.Equal(AgentNames.Code, AgentHealthRules.FallbackFor(AgentNames.Design, _options));
        Assert.Equal(AgentNames.Code, AgentHealthRules.FallbackFor(AgentNames.Review, _options));
        Assert.Equal(AgentNames.Review, AgentHealthRules.FallbackFor(AgentNames.Security, _options));
        Assert.Null(AgentHealthRules.FallbackFor(AgentNames.Code, _options));
        _options.FallbackAgents[AgentNames.Code] = AgentNames.Code;
        Assert.Null(AgentHealthRules.FallbackFor(AgentNames.Code, _options)); // never itself
    }

    [Fact]
    public void Fallback_settings_naming_unknown_agents_are_refused()
    {
        var options = new SessionHealthOptions();
        options.FallbackAgents["PoetAgent"] = "CodeAgent";
        options.FallbackAgents[AgentNames.Docs] = "GhostAgent";
        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p!.Contains("'PoetAgent'"));
        Assert.Contains(problems, p => p!.Contains("'GhostAgent'"));
        Assert.Empty(new SessionHealthOptions().Validate(new ValidationContext(options)));
    }

    [Fact]
    public async Task Without_running_workflows_the_check_calls_nothing()
    {
        var ports = new FakePorts();
        var report = await new SessionHealthCheck(ports, _options, new FakeTimeProvider(T0)).RunAsync([]);

        Assert.Equal(0, report.AgentsChecked);
        Assert.Empty(ports.Calls);
    }

    [Fact]
    public async Task Healthy_agents_are_asked_once_each_and_nothing_else_happens()
    {
        var time = new FakeTimeProvider(T0.AddMinutes(1));
        var ports = new FakePorts();
        ports.Workflows["w1"] = Workflow("w1", ("design", AgentNames.Design, StepStatus.Running), ("code", AgentNames.Code, StepStatus.Running), ("docs", AgentNames.Docs, StepStatus.Pending));
        ports.Health[AgentNames.Design] = new AgentHealth { Tasks = [Task("design", T0, workflow: "t/w1")] };
        ports.Health[AgentNames.Code] = new AgentHealth { Tasks = [Task("code", T0, workflow: "t/w1")] };

        var report = await Check(ports, time).RunAsync(["w1"]);

        Assert.Equal(2, report.AgentsChecked);
        Assert.Empty(report.Actions);
        Assert.Equal(["get w1", $"health {AgentNames.Code}", $"health {AgentNames.Design}"], ports.Calls.Order());
    }

    [Fact]
    public async Task A_stale_agent_is_recreated_and_its_workflows_hand_its_steps_over()
    {
        var time = new FakeTimeProvider(T0.AddMinutes(6));
        var ports = new FakePorts();
        ports.Workflows["w1"] = Workflow("w1", ("design", AgentNames.Design, StepStatus.Running));
        ports.Health[AgentNames.Design] = new AgentHealth { ActivationId = "old", Tasks = [Task("design", T0, workflow: "t/w1")] };
        ports.OnRecreate = agent => ports.Health[agent] = new AgentHealth { ActivationId = "new" };

        var report = await Check(ports, time).RunAsync(["w1"]);

        var action = Assert.Single(report.Actions);
        Assert.Equal(HealthActionKind.Recreated, action.Kind);
        Assert.Equal(AgentNames.Design, action.Agent);
        Assert.Equal(["w1"], action.WorkflowIds.ToArray());
        Assert.Equal(["get w1", $"health {AgentNames.Design}", $"recreate {AgentNames.Design}", $"health {AgentNames.Design}", "redispatch w1"], ports.Calls);
    }

    [Fact]
    public async Task An_agent_that_cannot_start_again_hands_its_steps_to_its_fallback()
    {
        var time = new FakeTimeProvider(T0.AddMinutes(1));
        var ports = new FakePorts();
        ports.Workflows["w1"] = Workflow("w1", ("review", AgentNames.Review, StepStatus.Running));
        ports.Workflows["w2"] = Workflow("w2", ("review", AgentNames.Review, StepStatus.Running));
        ports.Broken.Add(AgentNames.Review); // its activation throws

        var report = await Check(ports, time).RunAsync(["w1", "w2"]);

        var action = Assert.Single(report.Actions);
        Assert.Equal(HealthActionKind.FellBack, action.Kind);
        Assert.Equal(AgentNames.Code, action.Fallback);
        Assert.Contains("could not start again", action.Reason);
        Assert.Equal([$"reassign w1 {AgentNames.Review}→{AgentNames.Code}", $"reassign w2 {AgentNames.Review}→{AgentNames.Code}"], ports.Calls.Where(c => c.StartsWith("reassign", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task An_agent_without_a_fallback_that_cannot_start_is_reported_and_its_steps_stay()
    {
        var ports = new FakePorts();
        ports.Workflows["w1"] = Workflow("w1", ("code", AgentNames.Code, StepStatus.Running));
        ports.Broken.Add(AgentNames.Code);

        var report = await Check(ports, new FakeTimeProvider(T0)).RunAsync(["w1"]);

        Assert.Equal(HealthActionKind.NoFallback, Assert.Single(report.Actions).Kind);
        Assert.DoesNotContain(ports.Calls, c => c.StartsWith("reassign", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_step_is_handed_over_without_recreating_the_agent()
    {
        var ports = new FakePorts();
        ports.Workflows["w1"] = Workflow("w1", ("design", AgentNames.Design, StepStatus.Running));
        ports.Health[AgentNames.Design] = new AgentHealth();

        var report = await Check(ports, new FakeTimeProvider(T0.AddMinutes(10))).RunAsync(["w1"]);

        Assert.Equal(HealthActionKind.Redispatched, Assert.Single(report.Actions).Kind);
        Assert.Contains("redispatch w1", ports.Calls);
        Assert.DoesNotContain(ports.Calls, c => c.StartsWith("recreate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workflow_that_does_not_answer_is_a_problem_not_a_failure_of_the_check()
    {
        var ports = new FakePorts();
        ports.Workflows["w2"] = Workflow("w2", ("code", AgentNames.Code, StepStatus.Running));
        ports.Health[AgentNames.Code] = new AgentHealth { Tasks = [Task("code", T0, workflow: "t/w2")] };

        var report = await Check(ports, new FakeTimeProvider(T0)).RunAsync(["w1", "w2"]); // w1 throws

        Assert.Equal(1, report.AgentsChecked);
        Assert.Contains(report.Problems, p => p.StartsWith("workflow w1", StringComparison.Ordinal));
    }

    [Fact]
    public void Reassigning_moves_the_unfinished_steps_and_returns_those_in_flight()
    {
        var plan = new WorkflowPlan
        {
            Steps =
            [
                new PlanStep { Id = "design", Agent = AgentNames.Design, Instruction = "design" },
                new PlanStep { Id = "spec", Agent = AgentNames.Design, Instruction = "spec" },
                new PlanStep { Id = "code", Agent = AgentNames.Code, Instruction = "code", DependsOn = ["design", "spec"] },
                new PlanStep { Id = "review", Agent = AgentNames.Design, Instruction = "review", DependsOn = ["code"] },
            ],
        };
        var run = new WorkflowExecution(new WorkflowState(), new WorkflowOptions());
        run.Start(new StartWorkflowInput { SessionKey = "t/s", RequestText = "r", Plan = plan }, T0);
        run.Advance(T0);
        run.Apply(new StepResult { StepId = "spec", Attempt = 1, Succeeded = true, Output = "ok" }, T0, 0.5);

        var moved = run.Reassign(AgentNames.Design, AgentNames.Code);

        Assert.Equal(["design"], moved.Select(m => m.Step.Id));
        Assert.Equal(1, moved[0].Attempt);
        var snapshot = run.Snapshot("w");
        Assert.Equal(AgentNames.Code, snapshot.Steps.Single(s => s.Id == "design").Agent);
        Assert.Equal(AgentNames.Code, snapshot.Steps.Single(s => s.Id == "review").Agent); // pending: moved too
        Assert.Equal(AgentNames.Design, snapshot.Steps.Single(s => s.Id == "spec").Agent); // finished: keeps who ran it
        Assert.Empty(run.Reassign(AgentNames.Design, AgentNames.Code)); // nothing left on it
    }

    [Fact]
    public void A_reassignment_is_journalled_and_replays()
    {
        var plan = new WorkflowPlan { Steps = [new PlanStep { Id = "design", Agent = AgentNames.Design, Instruction = "design" }] };
        var state = new WorkflowState();
        var run = new WorkflowExecution(state, new WorkflowOptions());
        var input = new StartWorkflowInput { SessionKey = "t/s", RequestText = "r", Plan = plan };
        run.Start(input, T0);
        run.Advance(T0);
        var journal = new WorkflowJournal();
        var first = journal.Diff(state);
        first.Start = input;
        journal.Accept(first);
        run.Reassign(AgentNames.Design, AgentNames.Code);
        var second = journal.Diff(state);

        Assert.Equal(AgentNames.Code, second.Steps["design"].Agent);
        var replayed = new WorkflowState();
        var replayer = new WorkflowJournal();
        replayer.Replay(replayed, first);
        replayer.Replay(replayed, second);
        Assert.Equal(AgentNames.Code, new WorkflowExecution(replayed, new WorkflowOptions()).AgentOf(plan.Steps[0]));
    }

    private SessionHealthCheck Check(FakePorts ports, TimeProvider time) => new(ports, _options, time) { KeyOf = id => $"t/{id}" };

    private static WorkflowSnapshot Workflow(string id, params (string Step, string Agent, StepStatus Status)[] steps) => new()
    {
        Id = id, Status = WorkflowStatus.Running,
        Steps = [.. steps.Select(s => new StepSnapshot { Id = s.Step, Agent = s.Agent, Status = s.Status, Attempts = 1, StartedAt = T0 })],
    };

    private sealed class FakePorts : ISessionHealthPorts
    {
        public ConcurrentDictionary<string, WorkflowSnapshot> Workflows { get; } = new();

        public ConcurrentDictionary<string, AgentHealth> Health { get; } = new();

        public HashSet<string> Broken { get; } = [];

        public Action<string>? OnRecreate { get; set; }

        public List<string> Calls { get; } = [];

        public Task<WorkflowSnapshot?> GetWorkflowAsync(string workflowId)
        {
            Note($"get {workflowId}");
            return Workflows.TryGetValue(workflowId, out var w) ? System.Threading.Tasks.Task.FromResult<WorkflowSnapshot?>(w) : throw new TimeoutException("no answer");
        }

        public Task<AgentHealth> GetAgentHealthAsync(string agent)
        {
            Note($"health {agent}");
            if (Broken.Contains(agent)) throw new InvalidOperationException("activation failed");
            return System.Threading.Tasks.Task.FromResult(Health.GetValueOrDefault(agent) ?? new AgentHealth());
        }

        public Task RecreateAgentAsync(string agent, string reason)
        {
            Note($"recreate {agent}");
            if (Broken.Contains(agent)) throw new InvalidOperationException("activation failed");
            OnRecreate?.Invoke(agent);
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public Task RedispatchAsync(string workflowId)
        {
            Note($"redispatch {workflowId}");
            return System.Threading.Tasks.Task.CompletedTask;
        }

        public Task<int> ReassignAsync(string workflowId, string from, string to, string reason)
        {
            Note($"reassign {workflowId} {from}→{to}");
            return System.Threading.Tasks.Task.FromResult(1);
        }

        private void Note(string call)
        {
            lock (Calls) Calls.Add(call);
        }
    }
}
