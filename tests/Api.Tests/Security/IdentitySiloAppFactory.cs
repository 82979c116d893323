using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// The whole system on free ports for the identity tests: tokens bound to the client IP, a bootstrap admin key file in a
/// temporary directory, bootstrap keys in configuration (one expired), an external OIDC issuer (a stub) and captured logs.
/// </summary>
public sealed class IdentitySiloAppFactory : WebApplicationFactory<TDeveloper.Silo.Program>
{
    public const string ExpiredKey = "tdk_e0e0e0e0e0_ExpiredBootstrapKeyOfTheIdentityTestsXXXXXXXXXXXXX";
    public const string ExternalAudience = "tdeveloper-external";
    public const string ExternalIssuerName = "stub";

    private readonly int _siloPort = FreePort.Next();

    public IdentitySiloAppFactory()
    {
        Oidc = StubOidcIssuer.StartAsync().GetAwaiter().GetResult();
    }

    public StubOidcIssuer Oidc { get; }

    public CapturedLogs Logs { get; } = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("tdev-identity-").FullName;

    public string AdminKeyFile => Path.Combine(DataDirectory, "bootstrap-admin.key");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        SingleSiloSettings.Apply(builder, _siloPort, FreePort.Next(), "api-identity-tests-");
        builder.UseSetting("TDeveloper:Providers:GrainStorage", "Memory");
        builder.UseSetting("TDeveloper:Providers:Reminders", "Memory");
        builder.UseSetting("TDeveloper:Models:Offline:Latency", "00:00:00.010");
        builder.UseSetting("TDeveloper:Workspaces:Directory", Path.Combine(DataDirectory, "workspaces"));
        builder.UseSetting("TDeveloper:Security:LocalKeys:Path", Path.Combine(DataDirectory, "keys", "master-keys.json"));
        builder.UseSetting("TDeveloper:Security:Tokens:BindToIp", "true");
        TestBootstrap.Configure(builder);
        builder.UseSetting("TDeveloper:Security:Bootstrap:AdminKeyFile", AdminKeyFile);
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:1:Tenant", "default");
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:1:Key", ExpiredKey);
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:1:Name", "expired");
        builder.UseSetting("TDeveloper:Security:Bootstrap:Keys:1:ExpiresAt", DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:Name", ExternalIssuerName);
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:Authority", Oidc.Authority);
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:Audience", ExternalAudience);
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:RequireHttpsMetadata", "false");
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:TenantClaim", "org");
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:RolesClaim", "groups");
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:RoleMap:devs", "developer");
        builder.UseSetting("TDeveloper:Security:Oidc:Issuers:0:RoleMap:owners", "admin");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpFromHeader>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Oidc.DisposeAsync().AsTask().GetAwaiter().GetResult();
        DeleteData();
    }

    private void DeleteData()
    {
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
