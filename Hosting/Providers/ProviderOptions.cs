namespace TDeveloper.Hosting.Providers;

/// <summary>
/// Gets or sets which provider serves each concern (section <c>TDeveloper:Providers</c>). Unset values take the
/// default of <c>TDeveloper:Mode</c>: Embedded = Localhost, File, File, File, Local; Aws = DynamoDB, DynamoDB, DynamoDB, S3, Kms; checkpoints follow the workspace store.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Providers";

    /// <summary>Gets or sets the clustering provider: <c>Localhost</c> or <c>DynamoDB</c>. Empty: the mode's default.</summary>
    public string? Clustering { get; set; }

    /// <summary>Gets or sets the grain state provider: <c>Memory</c>, <c>File</c> or <c>DynamoDB</c>. Empty: the mode's default.</summary>
    public string? GrainStorage { get; set; }

    /// <summary>Gets or sets the reminder table provider: <c>Memory</c>, <c>File</c> or <c>DynamoDB</c>. Empty: the mode's default.</summary>
    public string? Reminders { get; set; }

    /// <summary>Gets or sets the workspace body store: <c>Memory</c>, <c>File</c> or <c>S3</c>. Empty: the mode's default.</summary>
    public string? Workspaces { get; set; }

    /// <summary>Gets or sets the master keys of sealed fields: <c>Local</c> (a key file) or <c>Kms</c>. Empty: the mode's default.</summary>
    public string? Keys { get; set; }

    /// <summary>Gets or sets the store of session checkpoint bodies: <c>Memory</c>, <c>File</c> or <c>S3</c>. Empty: the same kind as the workspace store.</summary>
    public string? Checkpoints { get; set; }

    /// <summary>Gets the provider name of <paramref name="kind"/>, or the mode's default when unset or empty.</summary>
    public string NameOf(string kind, HostingMode mode) => kind switch
    {
        ProviderKinds.Clustering => OrDefault(Clustering, mode == HostingMode.Aws ? ProviderNames.DynamoDB : ProviderNames.Localhost),
        ProviderKinds.GrainStorage => OrDefault(GrainStorage, mode == HostingMode.Aws ? ProviderNames.DynamoDB : ProviderNames.File),
        ProviderKinds.Reminders => OrDefault(Reminders, mode == HostingMode.Aws ? ProviderNames.DynamoDB : ProviderNames.File),
        ProviderKinds.Workspaces => OrDefault(Workspaces, mode == HostingMode.Aws ? ProviderNames.S3 : ProviderNames.File),
        ProviderKinds.Keys => OrDefault(Keys, mode == HostingMode.Aws ? ProviderNames.Kms : ProviderNames.Local),
        ProviderKinds.Checkpoints => OrDefault(Checkpoints, NameOf(ProviderKinds.Workspaces, mode)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown provider kind."),
    };

    private static string OrDefault(string? name, string modeDefault) => string.IsNullOrWhiteSpace(name) ? modeDefault : name;
}
