using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Api.Grpc;

/// <summary>Unwraps facade results for the gRPC services: a refusal is thrown as a <see cref="GrpcRefusal"/> of the same outcome.</summary>
internal static class GrpcResults
{
    /// <summary>Gets the entity after the command, or throws its refusal.</summary>
    public static T OrThrow<T>(this CommandResult<T> result) where T : class =>
        result.IsOk ? result.Value! : throw GrpcRefusal.Of(result.Outcome, result.Error);

    /// <summary>Gets <paramref name="value"/>, or throws NOT_FOUND for <paramref name="what"/> <paramref name="id"/>.</summary>
    public static T OrNotFound<T>(this T? value, string what, string id) where T : class =>
        value ?? throw GrpcRefusal.NotFound(what, id);

    /// <summary>Gets <paramref name="value"/>, or throws NOT_FOUND for <paramref name="what"/> <paramref name="id"/>.</summary>
    public static T OrNotFound<T>(this T? value, string what, string id) where T : struct =>
        value ?? throw GrpcRefusal.NotFound(what, id);
}
