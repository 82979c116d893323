using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>Turns a development request into an execution plan. A stateless worker: any silo may answer.</summary>
public interface ISupervisorGrain : IGrainWithIntegerKey
{
    /// <summary>Analyses the request's intents and builds the plan that serves them, or instantiates the named template.</summary>
    /// <exception cref="ArgumentException">The template does not exist.</exception>
    [SystemOnly]
    Task<ExecutionPlan> PlanAsync(string requestText, string? template = null);

    /// <summary>Gets the plan templates, newest version of each.</summary>
    [RequiresPermission(Permissions.TemplatesRead, Resource = "templates")]
    Task<System.Collections.Immutable.ImmutableArray<PlanTemplate>> ListTemplatesAsync();

    /// <summary>Gets a template by name (newest version), or <see langword="null"/>.</summary>
    [RequiresPermission(Permissions.TemplatesRead, Resource = "templates")]
    Task<PlanTemplate?> GetTemplateAsync(string name);
}
