using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Input;

/// <summary>A request made ready for planning and models: its text normalised and masked, and its non-text parts as attachments.</summary>
public sealed record PreparedRequest
{
    /// <summary>Gets the request text (the text field, then every text part), normalised and with PII masked.</summary>
    public string Text { get; init; } = "";

    /// <summary>Gets the image, audio and document parts, in request order; text documents masked like the text.</summary>
    public ImmutableArray<RequestPart> Attachments { get; init; } = [];

    /// <summary>Gets what a model must take to read the attachments.</summary>
    public ModelCapabilities RequiredCapabilities { get; init; }
}
