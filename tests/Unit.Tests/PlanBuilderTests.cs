using TDeveloper.Grains.Supervision;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class PlanBuilderTests
{
    private static TDeveloper.Grains.Interfaces.Supervision.ExecutionPlan Plan(string request) => PlanBuilder.Build(request, IntentAnalyzer.Analyze(request));

    [Fact]
    public void Design_then_code_then_test_and_security_in_parallel_then_review()
    {
        var plan = Plan("design and implement a payment service with tests, a security audit and a final review");

        var groups = DagScheduler.ParallelGroups(plan.Plan).Select(g => string.Join(",", g.Order())).ToArray();

        Assert.Equal(["design", "code", "security,test", "review"], groups);
        Assert.Equal("design → code → test ∥ security → review", plan.Rationale);
    }

    [Fact]
    public void Test_waits_for_code_and_code_for_design()
    {
        var steps = Plan("design the schema, implement it and test it").Plan.Steps.ToDictionary(s => s.Id);

        Assert.Empty(steps["design"].DependsOn.ToArray());
        Assert.Equal(["design"], steps["code"].DependsOn.ToArray());
        Assert.Equal(["code"], steps["test"].DependsOn.ToArray());
    }

    [Fact]
    public void Without_code_the_tests_build_on_the_design()
    {
        var steps = Plan("design the schema and test plan").Plan.Steps.ToDictionary(s => s.Id);

        Assert.Equal(["design"], steps["test"].DependsOn.ToArray());
    }

    [Fact]
    public void Every_built_plan_is_valid_and_instructions_carry_the_request()
    {
        foreach (var request in new[] { "add a login API with tests", "make it nicer", "review", "document and review the security design" })
        {
            var plan = Plan(request);

            Assert.Empty(PlanValidator.Validate(plan.Plan));
            Assert.All(plan.Plan.Steps, s => Assert.EndsWith(request, s.Instruction));
        }
    }
}
