using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Authorization;
using TDeveloper.Api.Security.Authorization;

namespace TDeveloper.Api.Grpc;

/// <summary>
/// Checks a gRPC method's <see cref="GrpcPermissionAttribute"/> with the same <see cref="PermissionAuthorizationHandler"/> the HTTP
/// routes use (RBAC, auditing of denials). The HTTP pipeline has already authenticated the call and set its caller in
/// <c>CallerContext</c>; a gRPC request has no route values, so the fields the resource template names are copied from the
/// request message into them first. A method without the attribute is refused, so none is open by omission.
/// </summary>
public sealed class GrpcPermissionInterceptor(IAuthorizationService authorization) : Interceptor
{
    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(request, context);
        return await continuation(request, context);
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
    }

    private async Task AuthorizeAsync(object request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<GrpcPermissionAttribute>() is not { } declared)
        {
            // Health and reflection are mapped by their packages and open by design; everything of ours must declare.
            if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return;
            throw new GrpcRefusal(GrpcRefusalKind.Forbidden, $"The method {context.Method} declares no permission.");
        }

        await CheckAsync(authorization, context, declared.Permission, declared.Resource, request);
    }

    /// <summary>
    /// Checks one more permission inside a method (a call whose fields ask for more, as <c>EndSession</c> with <c>cancel</c>):
    /// <paramref name="permission"/> on <paramref name="resource"/>, whose parameters name fields of <paramref name="request"/>.
    /// </summary>
    /// <exception cref="GrpcRefusal">Not authenticated, or denied.</exception>
    public static Task RequireAsync(ServerCallContext context, string permission, string resource, object request)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CheckAsync(context.GetHttpContext().RequestServices.GetRequiredService<IAuthorizationService>(), context, permission, resource, request);
    }

    private static async Task CheckAsync(IAuthorizationService authorization, ServerCallContext context, string permission, string resource, object request)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true) throw new GrpcRefusal(GrpcRefusalKind.Unauthenticated, "The call carries no valid credential.");
        if (request is IMessage message)
        {
            foreach (var name in PermissionResources.ParametersOf(resource))
            {
                var field = message.Descriptor.FindFieldByName(name)
                    ?? throw new InvalidOperationException($"The resource '{resource}' of {context.Method} names no field of {message.Descriptor.Name}.");
                http.Request.RouteValues[name] = field.Accessor.GetValue(message)?.ToString();
            }
        }

        var result = await authorization.AuthorizeAsync(http.User, http, [new PermissionRequirement(permission, resource)]);
        if (!result.Succeeded)
        {
            var reason = result.Failure?.FailureReasons.FirstOrDefault()?.Message ?? "access denied.";
            throw new GrpcRefusal(GrpcRefusalKind.Forbidden, $"{permission} denied: {reason}");
        }
    }
}
