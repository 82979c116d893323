using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Registry;
using TDeveloper.Grains.Workflows;
using Xunit;

namespace TDeveloper.Unit.Tests.Registry;

public sealed class AgentRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private static readonly HashSet<string> Catalog = [OfflineChatClient.ModelId, "gpt-x"];

    private AgentRegistry Registry(AgentRegistryState? state = null, params AgentTypeDefinition[] configured) =>
        new([.. configured], state ?? new AgentRegistryState(), Catalog.Contains, _time);

    private static AgentTypeDefinition Licenses => new()
    {
        Name = "LicenseAgent", Description = "Checks licences.", Capabilities = ["License", "audit", "audit"],
        SystemPrompt = "You are LicenseAgent. List every dependency's licence.", Tools = ["read_file"], Models = ["gpt-x"],
        TaskTimeout = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public void Every_tenant_has_the_six_built_in_types_with_capabilities()
    {
        var types = Registry().List();
        Assert.Equal(AgentNames.All, types.Select(t => t.Name));
        Assert.All(types, t => Assert.True(t.BuiltIn && t.Status == AgentTypeStatus.Active && t.SystemPrompt is null));
        Assert.Contains("refactor", types.Single(t => t.Name == AgentNames.Code).Capabilities);
        Assert.Contains("architecture", types.Single(t => t.Name == AgentNames.Design).Capabilities);
    }

    [Fact]
    public void Lookup_by_capability_is_case_insensitive_and_puts_active_types_first()
    {
        var registry = Registry();
        Assert.True(registry.Register(Licenses).IsOk);
        Assert.Equal(["LicenseAgent", AgentNames.Security], registry.FindByCapability(" AUDIT ").Select(t => t.Name));
        Assert.True(registry.Update(AgentNames.Security, new AgentTypeDefinition { Capabilities = ["security", "audit"], Status = AgentTypeStatus.Disabled }).IsOk);
        Assert.Equal([AgentNames.Security, "LicenseAgent"], registry.FindByCapability("audit").Reverse().Select(t => t.Name)); // Disabled last
        Assert.Empty(registry.FindByCapability("astrology"));
    }

    [Fact]
    public void A_custom_type_is_registered_normalized_and_stored()
    {
        var state = new AgentRegistryState();
        var result = Registry(state).Register(Licenses);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal<string>(["license", "audit"], result.Value!.Capabilities);
        Assert.False(result.Value.BuiltIn);
        Assert.Equal(_time.GetUtcNow(), result.Value.UpdatedAt);
        Assert.Equal("You are LicenseAgent. List every dependency's licence.", state.Types["LicenseAgent"].SystemPrompt);
        Assert.Equal("LicenseAgent", Registry(state).Get("LicenseAgent")!.Name); // a new registry over the stored state has it
    }

    [Fact]
    public void An_invalid_definition_is_refused_with_every_problem()
    {
        var result = Registry().Register(new AgentTypeDefinition
        {
            Name = "bad name", Capabilities = [], Capacity = 0, TaskTimeout = TimeSpan.Zero, Version = "",
            Tools = ["rm_rf"], Models = ["nope"], SystemPrompt = " ",
        });
        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        foreach (var expected in new[] { "name 'bad name' is invalid", "at least one capability", "version", "capacity is 0", "task timeout", "system prompt", "tool 'rm_rf'", "model 'nope'" })
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_taken_name_is_a_conflict_and_a_built_in_name_too()
    {
        var registry = Registry();
        Assert.True(registry.Register(Licenses).IsOk);
        Assert.Equal(CommandOutcome.Conflict, registry.Register(Licenses with { Name = "licenseagent" }).Outcome);
        var builtIn = registry.Register(Licenses with { Name = AgentNames.Code });
        Assert.NotEqual(CommandOutcome.Ok, builtIn.Outcome);
        Assert.Contains("built-in", builtIn.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_built_in_type_cannot_be_unregistered_only_disabled_and_keeps_its_prompt()
    {
        var registry = Registry();
        var unregister = registry.Unregister(AgentNames.Docs);
        Assert.Equal(CommandOutcome.Conflict, unregister.Outcome);
        Assert.Contains("disable it", unregister.Error, StringComparison.Ordinal);

        var prompt = registry.Update(AgentNames.Docs, new AgentTypeDefinition { Capabilities = ["docs"], SystemPrompt = "You are evil." });
        Assert.Equal(CommandOutcome.Invalid, prompt.Outcome);

        var disabled = registry.Update(AgentNames.Docs, new AgentTypeDefinition { Capabilities = ["docs"], Status = AgentTypeStatus.Disabled });
        Assert.True(disabled.IsOk);
        Assert.True(disabled.Value.BuiltIn);
        Assert.Equal(AgentTypeStatus.Disabled, registry.Get(AgentNames.Docs)!.Status);
        Assert.Equal(AgentNames.All, registry.List().Select(t => t.Name)); // still listed, in place
    }

    [Fact]
    public void Update_and_unregister_of_an_unknown_type_are_not_found_and_a_custom_type_goes()
    {
        var registry = Registry();
        Assert.Equal(CommandOutcome.NotFound, registry.Update("Ghost", Licenses with { Name = "Ghost" }).Outcome);
        Assert.Equal(CommandOutcome.NotFound, registry.Unregister("Ghost").Outcome);
        Assert.True(registry.Register(Licenses).IsOk);
        Assert.Equal(CommandOutcome.Invalid, registry.Update("LicenseAgent", Licenses with { Name = "Other" }).Outcome);
        Assert.True(registry.Unregister("LicenseAgent").IsOk);
        Assert.Null(registry.Get("LicenseAgent"));
    }

    [Fact]
    public void Configured_types_are_in_every_registry_and_can_be_disabled_not_unregistered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TDeveloper:Agents:Custom:MigrationAgent:Description"] = "Writes database migrations.",
            ["TDeveloper:Agents:Custom:MigrationAgent:Capabilities:0"] = "migrate",
            ["TDeveloper:Agents:Custom:MigrationAgent:SystemPrompt"] = "You are MigrationAgent.",
            ["TDeveloper:Agents:Custom:MigrationAgent:Models:0"] = OfflineChatClient.ModelId,
            ["TDeveloper:Agents:Custom:MigrationAgent:Capacity"] = "2",
        }).Build();
        var options = configuration.GetSection(AgentRegistryOptions.Section).Get<AgentRegistryOptions>()!;
        Assert.True(new AgentRegistryOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ModelCatalogOptions())).Validate(null, options).Succeeded);

        var registry = Registry(null, [.. options.CustomDefinitions()]);
        var type = registry.Get("MigrationAgent")!;
        Assert.True(type.FromConfiguration);
        Assert.Equal(2, type.Capacity);
        Assert.Equal<string>([OfflineChatClient.ModelId], type.Models);
        Assert.Equal(CommandOutcome.Conflict, registry.Unregister("MigrationAgent").Outcome);
        Assert.True(registry.Update("MigrationAgent", type.ToDefinitionForTest() with { Status = AgentTypeStatus.Disabled }).IsOk);
        Assert.Equal(AgentTypeStatus.Disabled, registry.Get("MigrationAgent")!.Status);
    }

    [Fact]
    public void A_configured_type_with_problems_fails_validation_at_start_naming_each()
    {
        var options = new AgentRegistryOptions { Custom = { ["x y"] = new CustomAgentTypeOptions { Models = ["missing"] } } };
        var result = new AgentRegistryOptionsValidator(Microsoft.Extensions.Options.Options.Create(new ModelCatalogOptions())).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("TDeveloper:Agents:Custom:x y: The name 'x y' is invalid", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("system prompt", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'missing' is not in the catalog", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_comes_from_the_circuits_and_error_rates_of_each_types_models()
    {
        var registry = Registry();
        Assert.True(registry.Register(Licenses).IsOk); // chain: gpt-x
        var stats = new Dictionary<string, ModelStats> { ["offline"] = ModelStats.Unmeasured, ["gpt-x"] = ModelStats.Unmeasured };
        registry.CheckHealth(_ => [], ["offline", "gpt-x"], m => stats[m]);
        Assert.All(registry.List(), t => Assert.Equal(AgentTypeHealth.Unknown, t.Health));
        Assert.Equal(_time.GetUtcNow(), registry.Get("LicenseAgent")!.HealthCheckedAt);

        _time.Advance(TimeSpan.FromSeconds(30));
        stats["offline"] = new ModelStats(TimeSpan.FromMilliseconds(20), 0, true);
        stats["gpt-x"] = new ModelStats(null, 1, false);
        registry.CheckHealth(agent => agent == AgentNames.Test ? ["gpt-x"] : [], ["offline", "gpt-x"], m => stats[m]);
        Assert.Equal(AgentTypeHealth.Unhealthy, registry.Get("LicenseAgent")!.Health);
        Assert.Contains("gpt-x", registry.Get("LicenseAgent")!.HealthReason, StringComparison.Ordinal);
        Assert.Equal(AgentTypeHealth.Unhealthy, registry.Get(AgentNames.Test)!.Health); // its configured chain
        Assert.Equal(AgentTypeHealth.Degraded, registry.Get(AgentNames.Code)!.Health); // the whole catalog: one of two down
        Assert.Equal(_time.GetUtcNow(), registry.Get(AgentNames.Code)!.HealthCheckedAt);

        stats["gpt-x"] = new ModelStats(TimeSpan.FromMilliseconds(30), 0.1, true);
        registry.CheckHealth(_ => [], ["offline", "gpt-x"], m => stats[m]);
        Assert.Equal(AgentTypeHealth.Healthy, registry.Get(AgentNames.Code)!.Health);
    }

    [Fact]
    public void A_plan_may_name_registered_active_types_and_is_refused_disabled_or_unknown_ones()
    {
        var registry = Registry();
        Assert.True(registry.Register(Licenses).IsOk);
        Assert.True(registry.Update(AgentNames.Docs, new AgentTypeDefinition { Capabilities = ["docs"], Status = AgentTypeStatus.Disabled }).IsOk);
        var view = new AgentRegistryView(registry.List());
        WorkflowPlan Plan(string agent) => new() { Steps = [new PlanStep { Id = "a", Agent = agent, Instruction = "do it" }] };

        Assert.Empty(PlanValidator.Validate(Plan("LicenseAgent"), view.ProblemFor));
        Assert.Empty(PlanValidator.Validate(Plan(AgentNames.Code), view.ProblemFor));
        Assert.Contains("Disabled", Assert.Single(PlanValidator.Validate(Plan(AgentNames.Docs), view.ProblemFor)), StringComparison.Ordinal);
        Assert.Contains("unknown agent 'Ghost'", Assert.Single(PlanValidator.Validate(Plan("Ghost"), view.ProblemFor)), StringComparison.Ordinal);
        Assert.Contains("unknown agent 'LicenseAgent'", Assert.Single(PlanValidator.Validate(Plan("LicenseAgent"))), StringComparison.Ordinal); // without the registry
        Assert.Empty(PlanValidator.Validate(Plan("LicenseAgent"), AgentRegistryRules.StartedPlanAgentProblem));
    }
}

internal static class AgentTypeInfoTestExtensions
{
    public static AgentTypeDefinition ToDefinitionForTest(this AgentTypeInfo type) => new()
    {
        Name = type.Name, Description = type.Description, Capabilities = type.Capabilities, Version = type.Version, Capacity = type.Capacity,
        TaskTimeout = type.TaskTimeout, Status = type.Status, SystemPrompt = type.SystemPrompt, Tools = type.Tools, Models = type.Models,
    };
}
