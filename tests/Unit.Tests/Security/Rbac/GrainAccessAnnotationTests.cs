using System.Reflection;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Unit.Tests.Security.Rbac;

/// <summary>Every grain entry point declares who may call it, found by reflection so that a new method cannot be forgotten.</summary>
public sealed class GrainAccessAnnotationTests
{
    private static readonly HashSet<string> KnownPermissions = typeof(Permissions).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToHashSet();

    /// <summary>Every grain interface of the contract (Grains.Interfaces) and of the grains' own roles (callbacks in Grains).</summary>
    private static IEnumerable<Type> GrainInterfaces() =>
        new[] { typeof(ISessionGrain).Assembly, typeof(RbacPolicy).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && type.Namespace?.StartsWith("TDeveloper", StringComparison.Ordinal) == true);

    public static TheoryData<string> Methods => [.. GrainInterfaces().SelectMany(type => type.GetMethods().Select(method => $"{type.FullName}.{method.Name}"))];

    [Fact]
    public void The_reflection_finds_the_grain_interfaces()
    {
        var names = GrainInterfaces().Select(type => type.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "ISessionGrain", "IWorkflowGrain", "IAgentGrain", "IWorkspaceGrain", "ISessionEventLogGrain", "ITenantUsageGrain", "IModelQuotaGrain", "ISupervisorGrain", "IRbacPolicyGrain", "ISessionCallbacks", "IWorkflowCallbacks", "ISessionEventSink", "IWorkflowIndexGrain", "ICheckpointCatalogGrain", "ISessionCheckpoints", "IAgentCheckpoints", "ISessionMemoryCheckpoints" }, names);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_grain_method_declares_a_permission_or_that_only_the_system_calls_it(string name)
    {
        var method = GrainInterfaces().SelectMany(type => type.GetMethods()).Single(m => $"{m.DeclaringType!.FullName}.{m.Name}" == name);
        var permission = method.GetCustomAttribute<RequiresPermissionAttribute>();
        var systemOnly = method.GetCustomAttribute<SystemOnlyAttribute>() is not null;

        Assert.True(permission is not null ^ systemOnly, $"{name} must have exactly one of [RequiresPermission] and [SystemOnly].");
        if (permission is null) return;
        Assert.Contains(permission.Permission, KnownPermissions);
        if (method.DeclaringType!.GetCustomAttribute<TenantScopedAttribute>() is null)
            Assert.False(string.IsNullOrEmpty(permission.Resource), $"{name} is on a grain that is not tenant-scoped, so its permission must name a resource.");
    }

    [Fact]
    public void The_grains_keyed_by_tenant_are_tenant_scoped()
    {
        var scoped = GrainInterfaces().Where(type => type.GetCustomAttribute<TenantScopedAttribute>() is not null).Select(type => type.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "ISessionGrain", "IWorkflowGrain", "IAgentGrain", "IWorkspaceGrain", "ISessionEventLogGrain", "ITenantUsageGrain", "IRbacPolicyGrain", "ISessionCallbacks", "IWorkflowCallbacks", "ISessionEventSink", "IAuditLogGrain", "IApiKeyDirectoryGrain", "ISigningKeyIndexGrain", "ISessionIndexGrain", "ISessionMemoryGrain", "ICheckpointCatalogGrain", "ISessionCheckpoints", "IAgentCheckpoints", "ISessionMemoryCheckpoints", "IAgentRegistryGrain", "IDecisionHistoryGrain", "IAgentPoolGrain" }, scoped);
        Assert.True(typeof(ITenantUsageGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
        Assert.True(typeof(IRbacPolicyGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
        Assert.True(typeof(TDeveloper.Grains.Interfaces.Security.Audit.IAuditLogGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
        Assert.True(typeof(TDeveloper.Grains.Interfaces.Security.Signing.ISigningKeyIndexGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
        Assert.True(typeof(ISessionIndexGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
        Assert.True(typeof(TDeveloper.Grains.Interfaces.Registry.IAgentRegistryGrain).GetCustomAttribute<TenantScopedAttribute>()!.KeyIsTenant);
    }

    [Fact]
    public void The_callbacks_that_no_user_may_call_are_system_only()
    {
        string[] systemOnly =
        [
            "IAgentGrain.StartTaskAsync", "IAgentGrain.CancelTaskAsync", "IWorkflowGrain.StartAsync", "IWorkflowCallbacks.OnStepFinishedAsync",
            "ISessionCallbacks.OnWorkflowFinishedAsync", "ISessionCallbacks.OnMemoryChangedAsync", "ISessionEventSink.AppendAsync", "IWorkspaceGrain.WriteAsync", "IWorkspaceGrain.DeleteAsync",
            "ITenantUsageGrain.AddAsync", "IModelQuotaGrain.TryAcquireAsync", "IRbacPolicyGrain.GetPolicyAsync",
            "ISessionIndexGrain.AdmitAsync", "ISessionIndexGrain.UpdateAsync", "ISessionCountGrain.TrySetAsync", "ISessionCountGrain.SetAsync",
            "ISessionMemoryGrain.RememberAsync", "ISessionMemoryGrain.BuildContextAsync",
            "ISessionGrain.RecoverAsync", "ISessionCheckpoints.StartBranchAsync", "ISessionCheckpoints.OnCheckpointTakenAsync", "ICheckpointCatalogGrain.TakeAsync",
            "ICheckpointCatalogGrain.ReadAsync", "ICheckpointCatalogGrain.ReadFileAsync", "IAgentCheckpoints.ExportAsync", "IAgentCheckpoints.RestoreAsync", "ISessionMemoryCheckpoints.ExportAsync", "ISessionMemoryCheckpoints.RestoreAsync",
            "IDecisionHistoryGrain.GetAsync", "IDecisionHistoryGrain.RecordAsync",
            "IAgentPoolGrain.AcquireAsync", "IAgentPoolGrain.ReleaseAsync", "IAgentPoolGrain.OnInstanceActivatedAsync",
        ];
        var declared = GrainInterfaces().SelectMany(type => type.GetMethods()).Where(m => m.GetCustomAttribute<SystemOnlyAttribute>() is not null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();
        Assert.Superset(systemOnly.ToHashSet(), declared);
    }
}

