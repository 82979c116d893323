using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class PlanValidatorTests
{
    [Fact]
    public void A_pinned_model_must_be_in_the_catalog()
    {
        var plan = PlanFactory.Of("a", "b:a");
        plan = plan with { Steps = [plan.Steps[0] with { Models = ["known", "missing"] }, plan.Steps[1]] };

        var problem = Assert.Single(PlanValidator.ValidateModels(plan, model => model == "known"));

        Assert.Contains("Step 'a' pins model 'missing'", problem);
        Assert.Empty(PlanValidator.ValidateModels(PlanFactory.Of("a"), _ => false));
    }

    [Fact]
    public void Instructions_compensations_and_conditions_have_a_length_limit()
    {
        var plan = PlanFactory.Of("a", "b:a");
        var tooLong = new string('x', PlanValidator.MaxInstructionLength + 1);
        plan = plan with
        {
            Steps =
            [
                plan.Steps[0] with { Instruction = tooLong, CompensationInstruction = tooLong },
                plan.Steps[1] with { Condition = new string('c', PlanValidator.MaxConditionLength + 1) },
            ],
        };

        var problems = PlanValidator.Validate(plan);

        Assert.Contains(problems, p => p.Contains("The instruction of step 'a'"));
        Assert.Contains(problems, p => p.Contains("The compensation of step 'a'"));
        Assert.Contains(problems, p => p.Contains("The condition of step 'b'"));
        Assert.Empty(PlanValidator.Validate(PlanFactory.Of("a") with { Steps = [PlanFactory.Of("a").Steps[0] with { Instruction = new string('x', PlanValidator.MaxInstructionLength) }] }));
    }

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

public class PlanValidatorDependencyKindTests
{
    [Fact]
    public void Soft_dependencies_count_for_cycles_and_dangling_references()
    {
        var plan = PlanFactory.Of("a", "b:a");
        plan = plan with { Steps = [plan.Steps[0] with { SoftDependsOn = ["b"] }, plan.Steps[1] with { SoftDependsOn = ["ghost"] }] };

        var problems = PlanValidator.Validate(plan);

        Assert.Contains(problems, p => p.Contains("cycle"));
        Assert.Contains(problems, p => p.Contains("'ghost', which is not in the plan"));
    }

    [Fact]
    public void Conditions_and_instructions_may_read_only_steps_they_depend_on()
    {
        var plan = PlanFactory.Of("a", "b", "c:a");
        plan = plan with
        {
            Steps = plan.Steps.SetItem(2, plan.Steps[2] with { Condition = "steps.b.status == 'Completed'", Instruction = "use {{steps.b.output}} and {{steps.a.output}}" }),
        };

        var problems = PlanValidator.Validate(plan);

        Assert.Contains(problems, p => p.Contains("condition of step 'c' reads step 'b'"));
        Assert.Contains(problems, p => p.Contains("instruction of step 'c' uses the output of step 'b'"));
        Assert.DoesNotContain(problems, p => p.Contains("step 'a'"));
    }

    [Fact]
    public void Bad_conditions_attempts_and_timeouts_are_reported()
    {
        var plan = PlanFactory.Of("a", "b:a");
        plan = plan with { Steps = [plan.Steps[0] with { MaxAttempts = 0, Timeout = TimeSpan.Zero }, plan.Steps[1] with { Condition = "steps.a.status ==" }] };

        var problems = PlanValidator.Validate(plan);

        Assert.Contains(problems, p => p.Contains("asks for 0 attempts"));
        Assert.Contains(problems, p => p.Contains("timeout"));
        Assert.Contains(problems, p => p.Contains("expected a quoted string or a number"));
    }

    [Fact]
    public void Approval_steps_need_no_agent()
    {
        var plan = new WorkflowPlan { Steps = [new PlanStep { Id = "sign-off", Kind = StepKind.Approval, Instruction = "ok?" }] };

        Assert.Empty(PlanValidator.Validate(plan));
    }
}
