namespace TDeveloper.Hosting.Providers;

/// <summary>The concerns whose provider is chosen by name, as Orleans names them in <c>[RegisterProvider(name, kind, …)]</c>.</summary>
public static class ProviderKinds
{
    /// <summary>Cluster membership.</summary>
    public const string Clustering = "Clustering";

    /// <summary>The grains' state store (<c>StorageNames.State</c>).</summary>
    public const string GrainStorage = "GrainStorage";

    /// <summary>The reminder table.</summary>
    public const string Reminders = "Reminders";

    /// <summary>The store of workspace file bodies (<c>IWorkspaceStore</c>).</summary>
    public const string Workspaces = "Workspaces";

    /// <summary>The master keys that wrap the data keys of sealed fields (<c>IDataKeyProvider</c>).</summary>
    public const string Keys = "Keys";

    /// <summary>The store of session checkpoint bodies (<c>ICheckpointBlobStore</c>).</summary>
    public const string Checkpoints = "Checkpoints";

    /// <summary>Every kind, in the order the silo wires them.</summary>
    public static readonly IReadOnlyList<string> All = [Clustering, GrainStorage, Reminders, Workspaces, Keys, Checkpoints];
}
