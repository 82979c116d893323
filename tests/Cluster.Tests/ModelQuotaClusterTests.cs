using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Quotas;

namespace TDeveloper.Cluster.Tests;

/// <summary>Two silos share each model's quota through its <see cref="IModelQuotaGrain"/>.</summary>
public sealed class ModelQuotaClusterTests : FileStoreClusterFixture
{
    private const int RequestsPerMinute = 25;
    private const int TokensPerMinute = 2_000;
    private const int TokensPerCall = 100;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Models:Catalog:0:Id"] = "requests-limited",
        ["TDeveloper:Models:Catalog:0:Provider"] = ModelProviders.Offline,
        ["TDeveloper:Models:Catalog:0:RequestsPerMinute"] = RequestsPerMinute.ToString(),
        ["TDeveloper:Models:Catalog:1:Id"] = "tokens-limited",
        ["TDeveloper:Models:Catalog:1:Provider"] = ModelProviders.Offline,
        ["TDeveloper:Models:Catalog:1:TokensPerMinute"] = TokensPerMinute.ToString(),
    };

    [Theory]
    [InlineData("requests-limited", RequestsPerMinute)]
    [InlineData("tokens-limited", TokensPerMinute / TokensPerCall)]
    public async Task A_quota_hammered_from_two_silos_never_grants_more_than_its_limit_in_a_window(string model, int callsAllowed)
    {
        // Each silo asks through the same IModelQuotas its invoker uses, hundreds of calls at once from both.
        var silos = Cluster.Silos.Select(s => (Quotas: s.ServiceProvider.GetRequiredService<IModelQuotas>(), Entry: s.ServiceProvider.GetRequiredService<IOptions<ModelCatalogOptions>>().Value.Find(model)!)).ToList();
        Assert.Equal(2, silos.Count);

        var grants = await Task.WhenAll(Enumerable.Range(0, 10 * callsAllowed).Select(i => Task.Run(async () =>
        {
            var (quotas, entry) = silos[i % 2];
            return await quotas.TryAcquireAsync(entry, TokensPerCall);
        })));

        // A run may straddle a minute boundary: count per window.
        var windows = grants.GroupBy(g => g.Window).ToList();
        Assert.All(windows, w => Assert.InRange(w.Count(g => g.IsGranted), 0, callsAllowed));
        Assert.Contains(windows, w => w.Count(g => g.IsGranted) == callsAllowed);
        Assert.All(grants.Where(g => !g.IsGranted), g => Assert.Equal(ModelQuotaOutcome.Exhausted, g.Outcome));
        Assert.Contains(grants, g => g.Outcome == ModelQuotaOutcome.Slowed);
    }
}
