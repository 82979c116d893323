using System.Collections.Immutable;
using System.Text;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Input;

/// <summary>
/// Checks a <see cref="SubmitRequestInput"/>'s text and parts and prepares them before any model sees them: text is
/// normalised (<see cref="TextNormalizer"/>) then masked (<see cref="PiiMasker"/>), text parts join the request text,
/// and images, audio and documents become attachments that name the model capability they need.
/// </summary>
public static class RequestPreparation
{
    private static readonly ImmutableHashSet<string> TextDocumentTypes = ["text/plain", "text/markdown", "text/csv", "text/html"];

    /// <summary>Gets the prepared request, or why it is refused (every problem, one per sentence).</summary>
    public static (PreparedRequest? Request, string? Error) Prepare(SubmitRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parts = input.Parts.IsDefault ? [] : input.Parts;
        if (input.Text.Length > SubmitRequestInput.MaxTextLength) return (null, $"The request text is longer than {SubmitRequestInput.MaxTextLength} characters.");
        var problems = RequestPartLimits.Validate(parts);
        if (!problems.IsEmpty) return (null, string.Join(" ", problems));

        var texts = new List<string> { input.Text };
        var attachments = ImmutableArray.CreateBuilder<RequestPart>();
        foreach (var part in parts)
        {
            if (part.Kind == RequestPartKind.Text) texts.Add(part.Text!);
            else attachments.Add(MaskTextDocument(part));
        }

        var text = PiiMasker.Mask(TextNormalizer.Normalize(string.Join("\n\n", texts.Where(t => !string.IsNullOrWhiteSpace(t)))));
        if (text.Length == 0) return (null, "The request text is empty.");
        var prepared = new PreparedRequest { Text = text, Attachments = attachments.ToImmutable() };
        return (prepared with { RequiredCapabilities = CapabilitiesFor(prepared.Attachments) }, null);
    }

    /// <summary>Gets a caller's own plan with its instructions masked: they reach the agents' models like the request text.</summary>
    public static WorkflowPlan MaskInstructions(WorkflowPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan with
        {
            Steps = [.. plan.Steps.Select(step => step with
            {
                Instruction = PiiMasker.Mask(step.Instruction),
                CompensationInstruction = step.CompensationInstruction is { } undo ? PiiMasker.Mask(undo) : null,
            })],
        };
    }

    /// <summary>Gets the capabilities a model needs to take <paramref name="attachments"/>: Vision for images, Audio for audio, Documents for documents.</summary>
    public static ModelCapabilities CapabilitiesFor(IEnumerable<RequestPart> attachments) =>
        attachments.Aggregate(ModelCapabilities.None, (needed, part) => needed | part.Kind switch
        {
            RequestPartKind.Image => ModelCapabilities.Vision,
            RequestPartKind.Audio => ModelCapabilities.Audio,
            RequestPartKind.Document => ModelCapabilities.Documents,
            _ => ModelCapabilities.None,
        });

    /// <summary>Gets why no model of <paramref name="catalog"/> can take the attachments, or null when one can.</summary>
    /// <remarks>One model must have every needed capability: a step sends all its attachments in one call.</remarks>
    public static string? MissingCapability(ModelCapabilities needed, IEnumerable<ModelCatalogEntry> catalog)
    {
        if (needed == ModelCapabilities.None || catalog.Any(m => (m.Capabilities & needed) == needed)) return null;
        var what = string.Join(", ", Enum.GetValues<ModelCapabilities>().Where(c => c != ModelCapabilities.None && needed.HasFlag(c)));
        return $"No model in the catalog takes these parts: they need {what}. Add a model with Capabilities \"{what}\" under TDeveloper:Models:Catalog, or send text only.";
    }

    /// <summary>A text document is read by the model as text: mask it like the request. Binary documents (PDF, DOCX) go as they are.</summary>
    private static RequestPart MaskTextDocument(RequestPart part)
    {
        if (part.Kind != RequestPartKind.Document || !TextDocumentTypes.Contains(RequestPartLimits.MediaTypeOf(part.ContentType))) return part;
        var content = Encoding.UTF8.GetString(part.Data!); // bytes that are not UTF-8 become U+FFFD
        return part with { Data = Encoding.UTF8.GetBytes(PiiMasker.Mask(TextNormalizer.Normalize(content))) };
    }
}
