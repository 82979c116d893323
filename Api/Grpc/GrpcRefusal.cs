using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Api.Grpc;

/// <summary>Why a gRPC call was refused; <see cref="GrpcStatusInterceptor"/> turns each into one status code.</summary>
public enum GrpcRefusalKind
{
    /// <summary>The input is wrong (<see cref="CommandOutcome.Invalid"/>, a failed validation rule): INVALID_ARGUMENT.</summary>
    Invalid,

    /// <summary>The target does not exist (<see cref="CommandOutcome.NotFound"/>): NOT_FOUND.</summary>
    NotFound,

    /// <summary>The target's state does not allow it now (<see cref="CommandOutcome.Conflict"/>): FAILED_PRECONDITION.</summary>
    Conflict,

    /// <summary>A limit was reached: a full queue, a quota, a rate limit (<see cref="CommandOutcome.LimitReached"/>): RESOURCE_EXHAUSTED.</summary>
    LimitReached,

    /// <summary>The call carries no valid credential: UNAUTHENTICATED.</summary>
    Unauthenticated,

    /// <summary>RBAC or tenant isolation denied the call: PERMISSION_DENIED.</summary>
    Forbidden,
}

/// <summary>A refused gRPC call: what the HTTP API answers with a problem, thrown by the services and mapped by <see cref="GrpcStatusInterceptor"/>.</summary>
public sealed class GrpcRefusal : Exception
{
    /// <summary>Initializes a refusal of <paramref name="kind"/> with a message for the caller and, for bad input, every field's problem.</summary>
    public GrpcRefusal(GrpcRefusalKind kind, string message, IReadOnlyList<ValidationResult>? violations = null)
        : base(message)
    {
        Kind = kind;
        Violations = violations ?? [];
    }

    /// <summary>Initializes an empty refusal (for serializers).</summary>
    public GrpcRefusal()
        : this(GrpcRefusalKind.Invalid, "The call was refused.")
    {
    }

    /// <summary>Initializes a refusal of bad input with <paramref name="message"/>.</summary>
    public GrpcRefusal(string message)
        : this(GrpcRefusalKind.Invalid, message)
    {
    }

    /// <summary>Initializes a refusal of bad input with <paramref name="message"/> and its cause.</summary>
    public GrpcRefusal(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    /// <summary>Gets why the call was refused.</summary>
    public GrpcRefusalKind Kind { get; }

    /// <summary>Gets the fields that failed validation, each with its message (empty unless <see cref="Kind"/> is <see cref="GrpcRefusalKind.Invalid"/>).</summary>
    public IReadOnlyList<ValidationResult> Violations { get; }

    /// <summary>Gets the refusal of <paramref name="outcome"/>, the same outcomes <c>ApiResults.ToProblem</c> maps to HTTP statuses.</summary>
    public static GrpcRefusal Of(CommandOutcome outcome, string? error) => new(outcome switch
    {
        CommandOutcome.NotFound => GrpcRefusalKind.NotFound,
        CommandOutcome.Conflict => GrpcRefusalKind.Conflict,
        CommandOutcome.Invalid => GrpcRefusalKind.Invalid,
        CommandOutcome.LimitReached => GrpcRefusalKind.LimitReached,
        _ => throw new InvalidOperationException($"The cluster answered {outcome} without a result."),
    }, error ?? $"The command was refused ({outcome}).");

    /// <summary>Gets the NOT_FOUND refusal of <paramref name="what"/> <paramref name="id"/>, worded as the HTTP API's 404.</summary>
    public static GrpcRefusal NotFound(string what, string id) => new(GrpcRefusalKind.NotFound, $"{what} '{id}' does not exist.");
}
