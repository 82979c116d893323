namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>What a workflow does when a step fails after its last attempt.</summary>
[GenerateSerializer]
public enum FailurePolicy
{
    /// <summary>The workflow fails; steps not yet finished are cancelled.</summary>
    Fail = 0,
    /// <summary>The workflow is compensated: the compensation of every completed step runs, newest first, then the workflow ends as compensated.</summary>
    Compensate = 1,
    /// <summary>The workflow goes on: steps that hard-depend on this one are skipped, soft dependents run.</summary>
    Continue = 2,
}
