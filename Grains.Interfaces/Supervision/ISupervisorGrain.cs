namespace TDeveloper.Grains.Interfaces.Supervision;

/// <summary>Turns a development request into an execution plan. A stateless worker: any silo may answer.</summary>
public interface ISupervisorGrain : IGrainWithIntegerKey
{
    /// <summary>Analyses the request's intents and builds the plan that serves them.</summary>
    Task<ExecutionPlan> PlanAsync(string requestText);
}
