namespace TDeveloper.Grains.Security.Audit;

/// <summary>Where a tenant's audit log begins; written only when retention deletes pages, never on append.</summary>
[GenerateSerializer, Alias("TDeveloper.AuditLogState")]
public sealed class AuditLogState
{
    /// <summary>Gets or sets the first page kept; every page before it is deleted or being deleted.</summary>
    [Id(0)] public long FirstPage { get; set; }

    /// <summary>Gets or sets the page below which every page is certainly deleted (a deletion cut short resumes here).</summary>
    [Id(1)] public long SweptBelow { get; set; }
}
