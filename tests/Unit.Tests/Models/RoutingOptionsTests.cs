using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Quotas;
using TDeveloper.Grains.Models.Routing;
using TDeveloper.Hosting.Models;

namespace TDeveloper.Unit.Tests.Models;

/// <summary>The router, health and quota settings are bound under TDeveloper:Models and refused with their full key when wrong.</summary>
public class RoutingOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System).AddTDeveloperModel().BuildServiceProvider();
    }

    [Fact]
    public void Settings_are_bound_from_their_sections()
    {
        using var services = Services(("TDeveloper:Models:Health:BreakDuration", "00:01:00"), ("TDeveloper:Models:Router:OutputTokenReserve", "256"), ("TDeveloper:Models:Quotas:SlowdownThreshold", "0.9"));

        Assert.Equal(TimeSpan.FromMinutes(1), services.GetRequiredService<IOptions<ModelHealthOptions>>().Value.BreakDuration);
        Assert.Equal(256, services.GetRequiredService<IOptions<ModelRouterOptions>>().Value.OutputTokenReserve);
        Assert.Equal(0.9, services.GetRequiredService<IOptions<ModelQuotaOptions>>().Value.SlowdownThreshold);
        Assert.Same(services.GetRequiredService<ModelHealth>(), services.GetRequiredService<ModelHealth>());
    }

    [Theory]
    [InlineData("TDeveloper:Models:Health:FailureRatio", "0")]
    [InlineData("TDeveloper:Models:Health:MinimumThroughput", "1")]
    [InlineData("TDeveloper:Models:Health:BreakDuration", "00:00:00.1")]
    public void A_bad_health_setting_names_its_key(string key, string value)
    {
        using var services = Services((key, value));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelHealthOptions>>().Value);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_bad_quota_setting_names_its_key()
    {
        using var services = Services(("TDeveloper:Models:Quotas:SlowdownThreshold", "1.5"));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelQuotaOptions>>().Value);
        Assert.Contains("TDeveloper:Models:Quotas:SlowdownThreshold", error.Message);
    }
}
