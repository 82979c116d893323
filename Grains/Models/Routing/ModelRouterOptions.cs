using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>How the router sizes a call (section <c>TDeveloper:Models:Router</c>).</summary>
public sealed class ModelRouterOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Models:Router";

    /// <summary>Gets or sets the tokens kept free for the answer when the call does not set its maximum output. Defaults to 1,024.</summary>
    [Range(0, int.MaxValue)] public int OutputTokenReserve { get; set; } = 1024;

    /// <summary>Gets or sets the characters counted as one token when estimating a prompt. Defaults to 4.</summary>
    [Range(1, 16)] public int CharsPerToken { get; set; } = 4;
}
