using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Client;

/// <summary>The tenant a request acts for, from the <see cref="TDeveloperApi.TenantHeader"/> header.</summary>
public sealed class TenantTarget
{
    /// <summary>Gets or sets the tenant named by the caller, if any.</summary>
    [FromHeader(Name = TDeveloperApi.TenantHeader), GrainKeySegment, Display(Name = TDeveloperApi.TenantHeader)]
    public string? TenantId { get; set; }

    /// <summary>Gets the tenant named by the caller, or <see cref="GrainKeys.DefaultTenant"/>.</summary>
    public string Tenant => TenantId ?? GrainKeys.DefaultTenant;
}

/// <summary>A session or workflow addressed by the route's <c>{id}</c>, in the tenant of the <see cref="TDeveloperApi.TenantHeader"/> header.</summary>
/// <remarks>Validation source generation does not follow base classes, so the tenant is repeated rather than inherited.</remarks>
public sealed class ResourceTarget
{
    /// <summary>Gets or sets the session or workflow id (without tenant).</summary>
    [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the tenant named by the caller, if any.</summary>
    [FromHeader(Name = TDeveloperApi.TenantHeader), GrainKeySegment, Display(Name = TDeveloperApi.TenantHeader)]
    public string? TenantId { get; set; }

    /// <summary>Gets the tenant named by the caller, or <see cref="GrainKeys.DefaultTenant"/>.</summary>
    public string Tenant => TenantId ?? GrainKeys.DefaultTenant;
}
