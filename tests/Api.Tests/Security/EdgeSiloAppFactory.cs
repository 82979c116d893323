using Microsoft.AspNetCore.Hosting;

namespace TDeveloper.Api.Tests;

/// <summary>A <see cref="SiloAppFactory"/> with small rate limits and one allowed cross-origin page, for the edge's tests.</summary>
public sealed class EdgeSiloAppFactory : SiloAppFactory
{
    public const int DefaultLimit = 3;
    public const int ApiKeyLimit = 2;
    public const int SensitiveLimit = 2;
    public const string AllowedOrigin = "https://app.example.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Api:RateLimits:Default:PermitLimit", DefaultLimit.ToString());
        builder.UseSetting("TDeveloper:Api:RateLimits:Default:Window", "00:15:00");
        builder.UseSetting("TDeveloper:Api:RateLimits:ApiKey:PermitLimit", ApiKeyLimit.ToString());
        builder.UseSetting("TDeveloper:Api:RateLimits:ApiKey:Window", "00:01:00");
        builder.UseSetting("TDeveloper:Api:RateLimits:Sensitive:PermitLimit", SensitiveLimit.ToString());
        builder.UseSetting("TDeveloper:Api:Cors:AllowedOrigins:0", AllowedOrigin);
    }
}
