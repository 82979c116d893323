using Grpc.Core;
using TDeveloper.Api.Security.Identity;

namespace TDeveloper.Api.Grpc;

/// <summary>The tenant a gRPC call acts for: the caller's, from its credential's <c>tdev_tenant</c> claim (as <see cref="CallerTenant"/> binds it for HTTP), never from a message.</summary>
internal static class GrpcCaller
{
    public static string TenantOf(ServerCallContext context) =>
        IdentityPrincipals.TenantOf(context.GetHttpContext().User) ?? throw new GrpcRefusal(GrpcRefusalKind.Unauthenticated, "The credential names no valid tenant.");
}
