namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>What a <see cref="RequestPart"/> holds.</summary>
[GenerateSerializer]
public enum RequestPartKind
{
    /// <summary>Plain text, added to the request text (normalised and masked like it).</summary>
    Text = 0,
    /// <summary>An image (PNG, JPEG, GIF, WebP); needs a model with the Vision capability.</summary>
    Image = 1,
    /// <summary>A sound recording (WAV, MP3, OGG, WebM, FLAC); needs a model with the Audio capability.</summary>
    Audio = 2,
    /// <summary>A document (PDF, plain text, Markdown, CSV, HTML, DOCX); needs a model with the Documents capability.</summary>
    Document = 3,
}
