namespace TDeveloper.Grains.Workflows;

/// <summary>The persisted state of a <see cref="IWorkflowIndexGrain"/> shard.</summary>
[GenerateSerializer, Alias("TDeveloper.WorkflowIndexState")]
public sealed class WorkflowIndexState
{
    /// <summary>Gets or sets the keys of the indexed workflows.</summary>
    [Id(0)] public HashSet<string> Workflows { get; set; } = [];
}
