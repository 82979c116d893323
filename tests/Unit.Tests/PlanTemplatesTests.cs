using TDeveloper.Grains.Supervision;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class PlanTemplatesTests
{
    [Fact]
    public void Every_template_is_a_valid_plan() =>
        Assert.All(PlanTemplates.All, t => Assert.True(PlanValidator.Validate(t.Plan).IsEmpty, $"{t.Name} v{t.Version}: {string.Join(" ", PlanValidator.Validate(t.Plan))}"));

    [Fact]
    public void The_feature_template_is_design_code_test_and_security_then_review()
    {
        var feature = PlanTemplates.Find("FEATURE")!;

        Assert.Equal(["design", "code", "security,test", "review"], DagScheduler.ParallelGroups(feature.Plan).Select(g => string.Join(",", g.Order())));
    }

    [Fact]
    public void Names_are_unique_per_version_and_unknown_names_find_nothing()
    {
        Assert.Equal(PlanTemplates.All.Length, PlanTemplates.All.Select(t => (t.Name, t.Version)).Distinct().Count());
        Assert.Null(PlanTemplates.Find("nope"));
    }
}
