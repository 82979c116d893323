using System.ComponentModel.DataAnnotations;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Grpc;

/// <summary>
/// The one place gRPC refusals become status codes, from the same outcomes <c>ApiResults</c> maps to HTTP: bad input
/// INVALID_ARGUMENT (with a <c>google.rpc.BadRequest</c> naming each field), unknown NOT_FOUND, wrong state
/// FAILED_PRECONDITION, a full queue or a limit RESOURCE_EXHAUSTED, a denial PERMISSION_DENIED (also a grain's
/// <see cref="AccessDeniedException"/>), no credential UNAUTHENTICATED. Anything else stays an error of the server.
/// </summary>
public sealed class GrpcStatusInterceptor : Interceptor
{
    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ToRpc(e) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ToRpc(e) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <summary>Gets the status code of <paramref name="kind"/>.</summary>
    public static StatusCode CodeOf(GrpcRefusalKind kind) => kind switch
    {
        GrpcRefusalKind.Invalid => StatusCode.InvalidArgument,
        GrpcRefusalKind.NotFound => StatusCode.NotFound,
        GrpcRefusalKind.Conflict => StatusCode.FailedPrecondition,
        GrpcRefusalKind.LimitReached => StatusCode.ResourceExhausted,
        GrpcRefusalKind.Unauthenticated => StatusCode.Unauthenticated,
        GrpcRefusalKind.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.Unknown,
    };

    /// <summary>Gets the <see cref="RpcException"/> of a refusal (with its rich status), or null for an exception that is no refusal.</summary>
    public static RpcException? ToRpc(Exception exception)
    {
        switch (exception)
        {
            case GrpcRefusal refusal:
                var status = new Google.Rpc.Status { Code = (int)CodeOf(refusal.Kind), Message = refusal.Message };
                if (refusal.Violations.Count > 0)
                {
                    var bad = new BadRequest();
                    foreach (var violation in refusal.Violations)
                    {
                        foreach (var field in violation.MemberNames.DefaultIfEmpty(""))
                            bad.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = ProtoName(field), Description = violation.ErrorMessage ?? "" });
                    }

                    status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(bad));
                }

                return status.ToRpcException();
            case AccessDeniedException denied:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, denied.Message));
            case ValidationException invalid:
                return new GrpcRefusal(GrpcRefusalKind.Invalid, invalid.Message, [invalid.ValidationResult]).ToRpcStatus();
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return ToRpc(aggregate.InnerExceptions[0]);
            default:
                return exception.InnerException is AccessDeniedException inner ? ToRpc(inner) : null;
        }
    }

    /// <summary>Gets the proto field name of a body record's property: <c>DecidedBy</c> is <c>decided_by</c>.</summary>
    public static string ProtoName(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var name = new System.Text.StringBuilder(member.Length + 4);
        for (var i = 0; i < member.Length; i++)
        {
            if (char.IsUpper(member[i]) && i > 0 && member[i - 1] != '.') name.Append('_');
            name.Append(char.ToLowerInvariant(member[i]));
        }

        return name.ToString();
    }
}

/// <summary>Helpers of <see cref="GrpcStatusInterceptor"/>.</summary>
internal static class GrpcRefusalExtensions
{
    public static RpcException ToRpcStatus(this GrpcRefusal refusal) => (RpcException)GrpcStatusInterceptor.ToRpc(refusal)!;
}
