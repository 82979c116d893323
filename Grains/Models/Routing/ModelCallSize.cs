using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>What a request needs of a model, worked out from the request itself: its size in tokens and the kinds of content it carries.</summary>
/// <param name="Capabilities">The step's required capabilities plus Vision, Audio or Documents for the media parts its messages carry.</param>
/// <param name="PromptTokens">The estimated tokens of the prompt (characters divided by <see cref="ModelRouterOptions.CharsPerToken"/>).</param>
/// <param name="OutputTokens">The tokens kept for the answer: the call's maximum output, else <see cref="ModelRouterOptions.OutputTokenReserve"/>.</param>
public sealed record ModelCallSize(ModelCapabilities Capabilities, long PromptTokens, long OutputTokens)
{
    /// <summary>Gets the tokens the call may use in all: what the context window must hold and what the quota counts.</summary>
    public long TotalTokens => PromptTokens + OutputTokens;

    /// <summary>Sizes <paramref name="request"/>.</summary>
    public static ModelCallSize Of(ModelRequest request, ModelRouterOptions options)
    {
        var capabilities = request.Requirements.Capabilities;
        long chars = 0;
        foreach (var content in request.Messages.SelectMany(m => m.Contents))
        {
            switch (content)
            {
                case TextContent text: chars += text.Text.Length; break;
                case DataContent data: capabilities |= CapabilityOf(data.MediaType); break;
                case UriContent uri: capabilities |= CapabilityOf(uri.MediaType); break;
            }
        }

        var prompt = (chars + options.CharsPerToken - 1) / options.CharsPerToken;
        return new ModelCallSize(capabilities, prompt, request.Options?.MaxOutputTokens ?? options.OutputTokenReserve);
    }

    private static ModelCapabilities CapabilityOf(string mediaType) => mediaType.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => ModelCapabilities.Vision,
        "audio" => ModelCapabilities.Audio,
        _ => ModelCapabilities.Documents,
    };
}
