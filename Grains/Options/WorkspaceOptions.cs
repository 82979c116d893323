using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>Gets or sets the limits of a session's workspace (section <c>TDeveloper:Workspaces</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Workspaces";

    /// <summary>Gets or sets the largest file accepted, in bytes. Default 1 MiB.</summary>
    [Range(1, 100L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the largest total size of a workspace's files, in bytes; also bounds its zip. Default 20 MiB.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxTotalBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Gets or sets the most files a workspace holds. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxFiles { get; set; } = 1000;
}
