namespace TDeveloper.Aws.Bedrock;

/// <summary>The image and document formats Converse takes, by media type.</summary>
internal static class BedrockMediaFormats
{
    private static readonly Dictionary<string, string> Images = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = "png",
        ["image/jpeg"] = "jpeg",
        ["image/jpg"] = "jpeg",
        ["image/gif"] = "gif",
        ["image/webp"] = "webp",
    };

    private static readonly Dictionary<string, string> Documents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "pdf",
        ["text/csv"] = "csv",
        ["application/msword"] = "doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "docx",
        ["application/vnd.ms-excel"] = "xls",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "xlsx",
        ["text/html"] = "html",
        ["text/plain"] = "txt",
        ["text/markdown"] = "md",
    };

    /// <summary>Gets the Converse image format of <paramref name="mediaType"/> (png, jpeg, gif, webp), if it is one.</summary>
    public static string? ImageFormat(string mediaType) => Images.GetValueOrDefault(WithoutParameters(mediaType));

    /// <summary>Gets the Converse document format of <paramref name="mediaType"/> (pdf, csv, doc, docx, xls, xlsx, html, txt, md), if it is one.</summary>
    public static string? DocumentFormat(string mediaType) => Documents.GetValueOrDefault(WithoutParameters(mediaType));

    /// <summary>Gets the media types Converse takes, for error messages.</summary>
    public static string Supported => string.Join(", ", Images.Keys.Concat(Documents.Keys));

    private static string WithoutParameters(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();
    }
}
