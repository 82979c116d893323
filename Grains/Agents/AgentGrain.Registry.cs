using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Registry;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// The agent's type from its tenant's registry: read from the silo's <see cref="AgentRegistryCache"/> on the first task and again
/// after <see cref="AgentRegistryOptions.RegistryCacheTtl"/>, never per step otherwise. A custom type brings its system prompt,
/// model chain (unless the step pins models), allowed tools and task timeout; a Disabled type takes no task.
/// </summary>
public sealed partial class AgentGrain
{
    private AgentTypeInfo? _type;
    private DateTimeOffset _typeCheckedAt;

    private AgentRegistryCache RegistryCache => ServiceProvider.GetRequiredService<AgentRegistryCache>();

    private bool AgentTypeChecked => _type is not null && _time.GetUtcNow() - _typeCheckedAt < RegistryCache.Ttl;

    /// <summary>Gets the system prompt: a custom type's own, a built-in's from <see cref="AgentPrompts"/>.</summary>
    private string SystemPrompt => _type is { BuiltIn: false, SystemPrompt: { } prompt } ? prompt : AgentPrompts.SystemPromptFor(AgentName);

    private async Task<AgentTaskAcceptance> StartRegisteredTaskAsync(AgentTask task)
    {
        AgentTypeInfo? type;
        try
        {
            type = (await RegistryCache.GetAsync(GrainKeys.TenantOf(SessionKey), [AgentName])).Find(AgentName);
        }
        catch (Exception ex) when (BuiltInAgentTypes.IsBuiltIn(AgentName))
        {
            LogRegistryUnread(ex, AgentName); // a built-in works without its registry
            type = BuiltInAgentTypes.Find(AgentName);
        }

        _type = type ?? throw new ArgumentException($"'{AgentName}' is not a known agent.", nameof(task));
        _typeCheckedAt = _time.GetUtcNow();
        return await StartTaskAsync(task);
    }

    /// <summary>The task within its type's limits: refused when the type is Disabled, its timeout at most the type's.</summary>
    private AgentTask WithTypeLimits(AgentTask task)
    {
        if (_type is { Status: AgentTypeStatus.Disabled }) throw new ArgumentException($"Agent type '{AgentName}' is Disabled and takes no task.", nameof(task));
        return _type?.TaskTimeout is { } timeout && timeout < task.Timeout ? task with { Timeout = timeout } : task;
    }

    /// <summary>The step's model needs, with a custom type's model chain when the step pins none.</summary>
    private ModelRequirements RequirementsOf(AgentTask task) =>
        task.Requirements.Pinned.IsDefaultOrEmpty && _type is { BuiltIn: false, Models.IsDefaultOrEmpty: false } custom
            ? task.Requirements with { Pinned = custom.Models }
            : task.Requirements;

    /// <summary>The workspace tools: all for a built-in, the allowed ones for a custom type.</summary>
    private IList<AITool> ToolsOf(WorkspaceTools tools) =>
        _type is { BuiltIn: false } custom ? [.. tools.Functions.Where(t => custom.Tools.Contains(t.Name))] : tools.Functions;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} could not read its tenant's registry; working as built")]
    private partial void LogRegistryUnread(Exception exception, string agent);
}
