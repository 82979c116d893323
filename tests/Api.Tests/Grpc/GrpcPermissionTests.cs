using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using TDeveloper.Api.Grpc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Grpc;

/// <summary>Every method of the <c>tdeveloper.v1</c> services declares a known permission whose resource names fields of its request, and the mapped endpoints carry it.</summary>
public sealed class GrpcPermissionTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static readonly HashSet<string> KnownPermissions = typeof(Permissions).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToHashSet();

    private static readonly Type[] Services = [typeof(SessionsGrpcService), typeof(WorkflowsGrpcService), typeof(WorkspacesGrpcService)];

    [Fact]
    public void Every_grpc_method_declares_a_known_permission_on_fields_of_its_request()
    {
        var checkedMethods = 0;
        foreach (var service in Services)
        {
            var descriptor = (Google.Protobuf.Reflection.ServiceDescriptor)service.BaseType!.DeclaringType!.GetProperty("Descriptor")!.GetValue(null)!;
            foreach (var method in descriptor.Methods)
            {
                var implementation = service.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(implementation is not null && implementation.DeclaringType == service, $"{service.Name} does not implement {method.FullName}.");
                var declared = implementation!.GetCustomAttribute<GrpcPermissionAttribute>();
                Assert.True(declared is not null, $"{method.FullName} declares no permission.");
                Assert.Contains(declared!.Permission, KnownPermissions);
                foreach (var parameter in PermissionResources.ParametersOf(declared.Resource))
                    Assert.True(method.InputType.FindFieldByName(parameter) is not null, $"{method.FullName}: resource '{declared.Resource}' names '{parameter}', not a field of {method.InputType.Name}.");
                checkedMethods++;
            }
        }

        Assert.Equal(13, checkedMethods);
    }

    [Fact]
    public void The_grpc_methods_require_what_the_same_http_routes_require()
    {
        string Of(Type service, string method) => service.GetMethod(method)!.GetCustomAttribute<GrpcPermissionAttribute>() is { } p ? $"{p.Permission} on {p.Resource}" : "none";
        Assert.Equal("sessions:read on sessions/{session_id}", Of(typeof(SessionsGrpcService), "GetSession"));
        Assert.Equal("sessions:write on sessions/{session_id}/requests", Of(typeof(SessionsGrpcService), "SubmitRequest"));
        Assert.Equal("sessions:read on sessions/{session_id}/events", Of(typeof(SessionsGrpcService), "Watch"));
        Assert.Equal("workflows:cancel on workflows/{workflow_id}", Of(typeof(WorkflowsGrpcService), "CancelWorkflow"));
        Assert.Equal("workflows:approve on workflows/{workflow_id}/steps/{step_id}", Of(typeof(WorkflowsGrpcService), "DecideApproval"));
        Assert.Equal("workspaces:read on sessions/{session_id}/workspace/files/{path}", Of(typeof(WorkspacesGrpcService), "ReadFile"));
    }

    [Fact]
    public void Every_mapped_grpc_endpoint_of_ours_carries_its_permission_and_the_rest_are_anonymous()
    {
        var grpc = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is not null).ToList();
        var ours = grpc.Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.ServiceName.StartsWith("tdeveloper.v1.", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, ours.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.FullName).Distinct().Count());
        Assert.All(ours, e => Assert.NotNull(e.Metadata.GetMetadata<GrpcPermissionAttribute>()));
        Assert.All(grpc.Except(ours), e => Assert.NotNull(e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>()));
    }
}
