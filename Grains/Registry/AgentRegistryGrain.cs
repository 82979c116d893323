using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Registry;

/// <summary>
/// A tenant's agent registry (key: the tenant). Thin over <see cref="AgentRegistry"/>: each change is written (custom system
/// prompts sealed) before it answers, and this silo's <see cref="AgentRegistryCache"/> gets the new list. While active, a grain
/// timer checks every type's health each <see cref="AgentRegistryOptions.RegistryHealthInterval"/> from this silo's
/// <see cref="ModelHealth"/> (the circuits and error rates of the models each type's chain may use); the timer does not keep it active.
/// </summary>
public sealed partial class AgentRegistryGrain : Grain, IAgentRegistryGrain
{
    private readonly IPersistentState<AgentRegistryState> _state;
    private readonly AgentRegistryOptions _options;
    private readonly ModelCatalogOptions _catalog;
    private readonly AgentRegistryCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentRegistryGrain> _logger;
    private AgentRegistry _registry = null!;

    /// <summary>Creates the grain over its stored state.</summary>
    public AgentRegistryGrain(
        [PersistentState("agents", StorageNames.State)] IPersistentState<AgentRegistryState> state,
        StateSealing sealing,
        IOptions<AgentRegistryOptions> options,
        IOptions<ModelCatalogOptions> catalog,
        AgentRegistryCache cache,
        TimeProvider time,
        ILogger<AgentRegistryGrain> logger)
    {
        _state = sealing.Protect(state, "agents", GrainContext); // custom system prompts are a user's text
        _options = options.Value;
        _catalog = catalog.Value;
        _cache = cache;
        _time = time;
        _logger = logger;
    }

    private string Tenant => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Build();
        CheckHealth();
        this.RegisterGrainTimer(() => { CheckHealth(); return Task.CompletedTask; }, new GrainTimerCreationOptions(_options.RegistryHealthInterval, _options.RegistryHealthInterval));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<AgentTypeInfo>> ListAsync() => Task.FromResult(_registry.List());

    /// <inheritdoc/>
    public Task<AgentTypeInfo?> GetAsync(string name) => Task.FromResult(_registry.Get(name));

    /// <inheritdoc/>
    public Task<ImmutableArray<AgentTypeInfo>> FindByCapabilityAsync(string capability) => Task.FromResult(_registry.FindByCapability(capability));

    /// <inheritdoc/>
    public Task<CommandResult<AgentTypeInfo>> RegisterAsync(AgentTypeDefinition definition) => ChangeAsync(() => _registry.Register(definition));

    /// <inheritdoc/>
    public Task<CommandResult<AgentTypeInfo>> UpdateAsync(string name, AgentTypeDefinition definition) => ChangeAsync(() => _registry.Update(name, definition));

    /// <inheritdoc/>
    public Task<CommandResult<AgentTypeInfo>> UnregisterAsync(string name) => ChangeAsync(() => _registry.Unregister(name));

    private async Task<CommandResult<AgentTypeInfo>> ChangeAsync(Func<CommandResult<AgentTypeInfo>> change)
    {
        var result = change();
        if (!result.IsOk) return result;
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, Tenant);
            await _state.ReadStateAsync(); // the change is not kept: back to what is stored
            Build();
            throw;
        }

        LogChanged(Tenant, result.Value.Name);
        _cache.Put(Tenant, _registry.List());
        return result;
    }

    private void Build() => _registry = new AgentRegistry(_options.CustomDefinitions(), _state.State, model => _catalog.Find(model) is not null, _time);

    private void CheckHealth()
    {
        if (ServiceProvider.GetService<ModelHealth>() is not { } health) return;
        var catalog = _catalog.EffectiveCatalog.Select(m => m.Id).ToList();
        _registry.CheckHealth(agent => _catalog.Chains.TryGetValue(agent, out var chain) ? chain : [], catalog, health.StatsOf);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent type {Name} of tenant {Tenant} changed")]
    private partial void LogChanged(string tenant, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The agent registry of tenant {Tenant} could not be saved")]
    private partial void LogSaveFailed(Exception exception, string tenant);
}
