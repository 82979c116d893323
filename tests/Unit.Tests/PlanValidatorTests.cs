using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class PlanValidatorTests
{
    [Fact]
    public void A_diamond_is_valid() => Assert.Empty(PlanValidator.Validate(PlanFactory.Of("a", "b:a", "c:a", "d:b,c")));

    [Fact]
    public void A_cycle_is_named_step_by_step()
    {
        var problem = Assert.Single(PlanValidator.Validate(PlanFactory.Of("a:c", "b:a", "c:b")));

        Assert.Contains("cycle", problem);
        Assert.Matches("(a → c → b → a|b → a → c → b|c → b → a → c)", problem);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var plan = PlanFactory.Of("a:a", "a", "b:ghost", "bad id!");
        plan = plan with { Steps = plan.Steps.Add(new PlanStep { Id = "z", Agent = "WizardAgent" }) };

        var problems = PlanValidator.Validate(plan);

        Assert.Contains(problems, p => p.Contains("depends on itself"));
        Assert.Contains(problems, p => p.Contains("used more than once"));
        Assert.Contains(problems, p => p.Contains("'ghost', which is not in the plan"));
        Assert.Contains(problems, p => p.Contains("'bad id!' is invalid"));
        Assert.Contains(problems, p => p.Contains("unknown agent 'WizardAgent'"));
    }

    [Fact]
    public void An_empty_plan_is_refused() => Assert.Single(PlanValidator.Validate(new WorkflowPlan()));
}
