using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Grains.Interfaces.Security.Audit;

namespace TDeveloper.Api.Security.Audit;

/// <summary>The query string of <c>GET /v1/audit</c>.</summary>
public sealed class AuditQueryParameters
{
    /// <summary>The number of entries returned when the query names no limit.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Gets or sets the kind to match (for example <c>signature-rejected</c>).</summary>
    [FromQuery(Name = "kind"), MaxLength(64)]
    public string? Kind { get; set; }

    /// <summary>Gets or sets the actor (subject id) to match.</summary>
    [FromQuery(Name = "actor"), MaxLength(256)]
    public string? Actor { get; set; }

    /// <summary>Gets or sets the earliest event time to return (inclusive, ISO 8601).</summary>
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; set; }

    /// <summary>Gets or sets the latest event time to return (exclusive, ISO 8601).</summary>
    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; set; }

    /// <summary>Gets or sets the sequence to read after: 0 for the oldest kept, or the <c>next</c> of the previous page.</summary>
    [FromQuery(Name = "after"), Range(0, long.MaxValue)]
    public long? After { get; set; }

    /// <summary>Gets or sets the most entries to return.</summary>
    /// <remarks>Defaults to 100; at most 500.</remarks>
    [FromQuery(Name = "limit"), Range(1, AuditQuery.MaxLimit)]
    public int? Limit { get; set; }

    /// <summary>Gets the grain query these parameters ask for.</summary>
    public AuditQuery ToQuery() => new()
    {
        Kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind,
        Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor,
        From = From,
        To = To,
        AfterSequence = After ?? 0,
        Limit = Limit ?? DefaultLimit,
    };
}
