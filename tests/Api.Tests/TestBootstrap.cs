using Microsoft.AspNetCore.Hosting;

namespace TDeveloper.Api.Tests;

/// <summary>The bootstrap credentials the test hosts are given in their settings (as automation would), instead of a key file.</summary>
public static class TestBootstrap
{
    /// <summary>An admin API key of tenant <c>default</c>, registered by every test host at start.</summary>
    public const string AdminKey = "tdk_7e57ad0001_TestAdminKeyOfTheApiTestsXXXXXXXXXXXXXXXXXXXXXXXX";

    /// <summary>Gives <paramref name="builder"/> the bootstrap admin key, turns the key file off and lifts the rate limits.</summary>
    public static void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("TDeveloper:Security:Bootstrap:AdminKeyFile", "");
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:0:Tenant", "default");
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:0:Roles:0", "admin");
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:0:Key", AdminKey);
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:0:Name", "api-tests-admin");

        // The API's rate limits are per caller; the tests make many requests as one (see Security/RateLimitTests).
        builder.UseSetting("TDeveloper:Api:RateLimits:Default:PermitLimit", "1000000");
        builder.UseSetting("TDeveloper:Api:RateLimits:ApiKey:PermitLimit", "1000000");
        builder.UseSetting("TDeveloper:Api:RateLimits:Sensitive:PermitLimit", "1000000");
    }
}
