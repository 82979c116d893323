namespace TDeveloper.Grains;

/// <summary>Names of the grain storage providers T-Developer's grains use.</summary>
public static class StorageNames
{
    /// <summary>The store of session, workflow and agent state.</summary>
    public const string State = "tdeveloper";
}
