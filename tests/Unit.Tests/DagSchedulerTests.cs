using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class DagSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Groups_are_topological_levels_in_plan_order()
    {
        var groups = DagScheduler.ParallelGroups(PlanFactory.Of("a", "b:a", "c:a", "d:b,c", "e"));

        Assert.Equal([["a", "e"], ["b", "c"], ["d"]], groups.Select(g => g.ToArray()).ToArray());
    }

    [Fact]
    public void Ready_steps_are_pending_with_all_dependencies_completed()
    {
        var plan = PlanFactory.Of("a", "b:a", "c:a", "d:b,c");
        var steps = plan.Steps.ToDictionary(s => s.Id, _ => new StepState());
        steps["a"].Status = StepStatus.Completed;
        steps["b"].Status = StepStatus.Completed;

        Assert.Equal(["c"], DagScheduler.ReadySteps(plan, steps, Now, 50).Select(s => s.Id));
    }

    [Fact]
    public void Ready_steps_respect_the_parallel_limit_counting_running_steps()
    {
        var plan = PlanFactory.Of("a", "b", "c", "d");
        var steps = plan.Steps.ToDictionary(s => s.Id, _ => new StepState());
        steps["a"].Status = StepStatus.Running;

        Assert.Equal(["b", "c"], DagScheduler.ReadySteps(plan, steps, Now, 3).Select(s => s.Id));
    }

    [Fact]
    public void A_step_waiting_for_its_retry_is_not_ready_until_its_time()
    {
        var plan = PlanFactory.Of("a");
        var steps = plan.Steps.ToDictionary(s => s.Id, _ => new StepState { NextAttemptAt = Now.AddSeconds(5) });

        Assert.Empty(DagScheduler.ReadySteps(plan, steps, Now, 50));
        Assert.Single(DagScheduler.ReadySteps(plan, steps, Now.AddSeconds(5), 50));
    }
}
