namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Why a request's parts were refused.</summary>
[GenerateSerializer]
public enum RequestPartProblemKind
{
    /// <summary>Malformed: empty, missing data, text where bytes belong, too many parts.</summary>
    Invalid = 0,
    /// <summary>A kind or content type that is not accepted (HTTP 415).</summary>
    Unsupported = 1,
    /// <summary>Larger than a part's or the request's limit (HTTP 413).</summary>
    TooLarge = 2,
}

/// <summary>One problem with a request's parts, naming the part and the limit it broke.</summary>
/// <param name="Kind">What is wrong, which decides the HTTP status at the edge.</param>
/// <param name="PartIndex">The index of the part in the request, or null for the request as a whole.</param>
/// <param name="Message">What is wrong and what is allowed, for a person.</param>
[GenerateSerializer, Immutable, Alias("TDeveloper.RequestPartProblem")]
public sealed record RequestPartProblem(
    [property: Id(0)] RequestPartProblemKind Kind,
    [property: Id(1)] int? PartIndex,
    [property: Id(2)] string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
