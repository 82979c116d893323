using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>The body of <c>POST /v1/sessions</c>; the body itself is optional.</summary>
public sealed record CreateSessionBody
{
    /// <summary>The longest owner accepted, in characters.</summary>
    public const int MaxOwnerLength = 128;

    /// <summary>The longest title accepted, in characters.</summary>
    public const int MaxTitleLength = 256;

    /// <summary>Gets or sets who owns the session (a user or service name).</summary>
    /// <remarks>Defaults to "anonymous" when missing or blank.</remarks>
    [MaxLength(MaxOwnerLength)]
    public string? Owner { get; init; }

    /// <summary>Gets or sets an optional human title for the session.</summary>
    [MaxLength(MaxTitleLength)]
    public string? Title { get; init; }

    /// <summary>Gets the grain input this body asks for.</summary>
    public CreateSessionInput ToInput()
    {
        var input = new CreateSessionInput { Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim() };
        return string.IsNullOrWhiteSpace(Owner) ? input : input with { Owner = Owner.Trim() };
    }
}
