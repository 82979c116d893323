namespace TDeveloper.Hosting;

/// <summary>Where the embedded mode keeps grain state.</summary>
public enum StateStore
{
    /// <summary>Files under <c>TDeveloper:Storage:Directory</c>: survives restarts (the default).</summary>
    File,
    /// <summary>Memory: lost when the silo stops.</summary>
    Memory,
}

/// <summary>Gets or sets the embedded mode's grain storage (section <c>TDeveloper:Storage</c>).</summary>
public sealed class EmbeddedStorageOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Storage";

    /// <summary>Gets or sets the store. Default <see cref="StateStore.File"/>.</summary>
    public StateStore Provider { get; set; } = StateStore.File;
}
