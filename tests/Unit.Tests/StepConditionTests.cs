using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class StepConditionTests
{
    private static readonly Dictionary<string, StepState> Steps = new()
    {
        ["test"] = new StepState { Status = StepStatus.Completed, Output = "All 12 tests PASSED", Attempts = 2 },
        ["security"] = new StepState { Status = StepStatus.Failed, Error = "timeout" },
    };

    [Theory]
    [InlineData("steps.test.status == 'Completed'", true)]
    [InlineData("steps.test.status == 'completed'", true)]
    [InlineData("steps.test.status != \"Completed\"", false)]
    [InlineData("steps.test.output contains 'passed'", true)]
    [InlineData("steps.test.attempts == 2", true)]
    [InlineData("steps.security.error contains 'time' && steps.test.status == 'Completed'", true)]
    [InlineData("!(steps.security.status == 'Failed') || steps.test.attempts == 1", false)]
    [InlineData("steps.security.status == 'Failed' || steps.nothing.status == 'Completed'", true)]
    [InlineData("steps.nothing.status == 'Pending'", true)]
    public void Conditions_evaluate_over_step_states(string text, bool expected) => Assert.Equal(expected, StepCondition.Parse(text).Evaluate(Steps));

    [Fact]
    public void A_condition_names_the_steps_it_reads() =>
        Assert.Equal(["security", "test"], StepCondition.Parse("steps.test.status == 'x' && (steps.security.output contains 'y')").ReferencedSteps.Order());

    [Theory]
    [InlineData("steps.test.colour == 'x'", "unknown field 'colour'")]
    [InlineData("steps.test.status = 'x'", "expected '==', '!=' or 'contains'")]
    [InlineData("steps.test.status == 'x", "unterminated string")]
    [InlineData("(steps.test.status == 'x'", "expected ')'")]
    [InlineData("test.status == 'x'", "expected 'steps.")]
    [InlineData("steps.test.status == 'x' junk", "unexpected text")]
    public void Bad_conditions_say_what_and_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => StepCondition.Parse(text));

        Assert.Contains(message, error.Message);
        Assert.Contains("position", error.Message);
    }
}
