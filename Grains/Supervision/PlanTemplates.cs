using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Supervision;

/// <summary>The built-in plan templates. A changed template is added with a new version; the newest version is used.</summary>
public static class PlanTemplates
{
    /// <summary>Gets every version of every template.</summary>
    public static ImmutableArray<PlanTemplate> All { get; } =
    [
        new()
        {
            Name = "feature",
            Version = 1,
            Description = "A new feature: design, code, then tests and a security review in parallel, then a final review.",
            Plan = new WorkflowPlan
            {
                Steps =
                [
                    Step("design", AgentNames.Design, "Design the architecture, interfaces and data model for this request: {{request}}"),
                    Step("code", AgentNames.Code, "Implement this request, following the design: {{request}}", ["design"]) with
                    {
                        CompensationInstruction = "Revert the changes made to implement: {{request}}",
                    },
                    Step("test", AgentNames.Test, "Write automated tests that verify this request: {{request}}", ["code"]),
                    Step("security", AgentNames.Security, "Review this request's implementation for security issues and propose fixes: {{request}}", ["code"]),
                    Step("review", AgentNames.Review, "Review the finished work on this request as a whole: {{request}}", ["test", "security"]),
                ],
            },
        },
        new()
        {
            Name = "bugfix",
            Version = 1,
            Description = "A bug fix: reproduce and fix, test; review only when the tests were written.",
            Plan = new WorkflowPlan
            {
                Steps =
                [
                    Step("code", AgentNames.Code, "Reproduce and fix this bug: {{request}}"),
                    Step("test", AgentNames.Test, "Write a regression test for this bug: {{request}}", ["code"]) with { OnFailure = FailurePolicy.Continue },
                    Step("review", AgentNames.Review, "Review the fix for: {{request}}", soft: ["test"]) with
                    {
                        DependsOn = ["code"],
                        Condition = "steps.test.status == 'Completed'",
                    },
                ],
            },
        },
        new()
        {
            Name = "release",
            Version = 1,
            Description = "A change that ships: code and tests, a person's approval, then release notes; a failed test undoes the code.",
            Plan = new WorkflowPlan
            {
                Steps =
                [
                    Step("code", AgentNames.Code, "Implement this request: {{request}}") with
                    {
                        CompensationInstruction = "Revert the changes made to implement: {{request}}",
                    },
                    Step("test", AgentNames.Test, "Write and run the tests of this change: {{request}}", ["code"]) with { OnFailure = FailurePolicy.Compensate },
                    new PlanStep { Id = "approval", Kind = StepKind.Approval, Instruction = "Approve the release of: {{request}}", DependsOn = ["test"] },
                    Step("docs", AgentNames.Docs, "Write the release notes of: {{request}}", ["approval"]),
                ],
            },
        },
    ];

    /// <summary>Gets the newest version of each template.</summary>
    public static ImmutableArray<PlanTemplate> Newest { get; } = [.. All.GroupBy(t => t.Name).Select(g => g.MaxBy(t => t.Version)!).OrderBy(t => t.Name)];

    /// <summary>Gets the newest version of the template <paramref name="name"/> (ignoring case), or <see langword="null"/>.</summary>
    public static PlanTemplate? Find(string name) => Newest.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    private static PlanStep Step(string id, string agent, string instruction, ImmutableArray<string> dependsOn = default, ImmutableArray<string> soft = default) => new()
    {
        Id = id,
        Agent = agent,
        Instruction = instruction,
        DependsOn = dependsOn.IsDefault ? [] : dependsOn,
        SoftDependsOn = soft.IsDefault ? [] : soft,
    };
}
