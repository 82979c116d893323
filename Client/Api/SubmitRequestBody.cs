using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Client;

/// <summary>The body of <c>POST /v1/sessions/{id}/requests</c>.</summary>
public sealed record SubmitRequestBody
{
    /// <summary>Gets or sets the request in plain words, for example "add a login API with tests".</summary>
    /// <remarks>Required, not blank, at most <see cref="SubmitRequestInput.MaxTextLength"/> characters.</remarks>
    [Required, MaxLength(SubmitRequestInput.MaxTextLength)]
    public string? Text { get; init; }

    /// <summary>Gets the grain input this body asks for.</summary>
    public SubmitRequestInput ToInput() => new() { Text = Text ?? "" };
}
