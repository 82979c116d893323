using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>
/// The quota of one catalog model (key: the catalog id), shared by every silo: it counts requests and tokens per
/// one-minute window against the entry's <c>RequestsPerMinute</c> and <c>TokensPerMinute</c>. Its turns are serialised,
/// so calls from many silos never together exceed a limit.
/// </summary>
public interface IModelQuotaGrain : IGrainWithStringKey
{
    /// <summary>Asks for room for one call of about <paramref name="estimatedTokens"/> tokens (prompt and expected output).</summary>
    [SystemOnly]
    Task<ModelQuotaGrant> TryAcquireAsync(long estimatedTokens);

    /// <summary>Corrects the tokens counted in <paramref name="window"/> by <paramref name="tokenCorrection"/> (actual minus estimated); ignored once that window has passed.</summary>
    [SystemOnly]
    Task ReportAsync(DateTimeOffset window, long tokenCorrection);
}
