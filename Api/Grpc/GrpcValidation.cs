using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Api.Grpc;

/// <summary>
/// Checks gRPC input with the HTTP API's own rules: a message is turned into the HTTP body record (<see cref="CreateSessionBody"/>,
/// <see cref="SubmitRequestBody"/>, <see cref="ApprovalBody"/>) or target and its data annotations are evaluated, so the two
/// edges cannot drift apart. Every problem is reported at once, as INVALID_ARGUMENT with a <c>google.rpc.BadRequest</c>.
/// </summary>
public static class GrpcValidation
{
    /// <summary>Returns <paramref name="value"/> when every rule of its properties holds; else throws one refusal naming every failed field.</summary>
    /// <exception cref="GrpcRefusal">Some rule failed.</exception>
    public static T Valid<T>(T value, params ValidationResult?[] more) where T : notnull
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        results.AddRange(more.OfType<ValidationResult>());
        return results.Count == 0 ? value : throw Invalid(results);
    }

    /// <summary>Throws when any of <paramref name="checks"/> failed.</summary>
    /// <exception cref="GrpcRefusal">Some check failed.</exception>
    public static void Check(params ValidationResult?[] checks)
    {
        var results = checks.OfType<ValidationResult>().ToList();
        if (results.Count > 0) throw Invalid(results);
    }

    /// <summary>The problem of id field <paramref name="field"/> when it is not a grain key segment (the <see cref="GrainKeySegmentAttribute"/> rule of the HTTP routes), else null.</summary>
    public static ValidationResult? Segment(string field, string value) =>
        GrainKeys.IsValidSegment(value) ? null : new ValidationResult(new GrainKeySegmentAttribute().FormatErrorMessage(field), [field]);

    /// <summary>The problem of <paramref name="field"/> when <paramref name="value"/> is longer than <paramref name="max"/> (the <see cref="MaxLengthAttribute"/> rule), else null.</summary>
    public static ValidationResult? MaxLength(string field, string? value, int max) =>
        new MaxLengthAttribute(max).GetValidationResult(value, new ValidationContext(new object()) { DisplayName = field, MemberName = field }) is { } failed && failed != ValidationResult.Success
            ? new ValidationResult(failed.ErrorMessage, [field])
            : null;

    /// <summary>A rule of <paramref name="field"/> with <paramref name="message"/>.</summary>
    public static ValidationResult Problem(string field, string message) => new(message, [field]);

    private static GrpcRefusal Invalid(List<ValidationResult> results) =>
        new(GrpcRefusalKind.Invalid, string.Join(" ", results.Select(r => r.ErrorMessage)), results);
}
