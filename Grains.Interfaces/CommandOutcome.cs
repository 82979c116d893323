namespace TDeveloper.Grains.Interfaces;

/// <summary>How a command on a grain ended, carried by every <see cref="CommandResult{T}"/>.</summary>
/// <remarks>
/// A refusal never changes anything. The HTTP API answers each value with one status: <see cref="Ok"/>
/// with 200, 201 or 202 and the entity, the refusals with an RFC 7807 problem whose detail is
/// <see cref="CommandResult{T}.Error"/>.
/// </remarks>
[GenerateSerializer, Alias("TDeveloper.CommandOutcome")]
public enum CommandOutcome
{
    /// <summary>The command was carried out; <see cref="CommandResult{T}.Value"/> is the entity afterwards.</summary>
    Ok = 0,

    /// <summary>The target does not exist (never created, or an unknown step); HTTP 404.</summary>
    NotFound = 1,

    /// <summary>
    /// The target exists but its state does not allow the command now (for example a paused or ended
    /// session, a session at its limit of running requests, a step that waits for no decision); HTTP 409.
    /// </summary>
    Conflict = 2,

    /// <summary>The command's input is invalid (for example a blank request, an unknown template, a plan that does not validate); HTTP 400.</summary>
    Invalid = 3,

    /// <summary>The command would pass a configured limit (for example the concurrent sessions of a tenant or of the cluster); HTTP 429.</summary>
    LimitReached = 4,
}
