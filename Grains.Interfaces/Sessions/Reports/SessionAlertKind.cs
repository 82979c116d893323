namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>What a session alert is about.</summary>
[GenerateSerializer]
public enum SessionAlertKind
{
    /// <summary>The session's estimated memory (its state and its agents' memory) is over the threshold.</summary>
    Memory = 0,
    /// <summary>The session has lived longer than the threshold.</summary>
    Duration = 1,
    /// <summary>The share of its workflows' finished steps that failed is over the threshold (once enough steps finished).</summary>
    ErrorRate = 2,
}
