using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting.Workspaces;

/// <summary>Gets or sets where <see cref="LocalWorkspaceStore"/> keeps workspace bodies (section <c>TDeveloper:Workspaces</c>).</summary>
public sealed class LocalWorkspaceStoreOptions
{
    /// <summary>Gets or sets the directory of the bodies; created when missing, relative paths are under the content root. Default <c>data/workspaces</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = Path.Combine("data", "workspaces");
}
