using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// Registers the bootstrap API keys at start: those of <see cref="BootstrapOptions.Keys"/>, and, on a silo of the embedded
/// default (<see cref="EmbeddedBootstrap"/>), an admin key of tenant <c>default</c> whose text is written once to
/// <see cref="BootstrapOptions.AdminKeyFile"/> (owner-only) and read from there at later starts. The file's path is logged,
/// never the key.
/// </summary>
public sealed partial class BootstrapCredentialsService(
    ApiKeyIssuer keys,
    IOptions<BootstrapOptions> options,
    IServiceProvider services,
    TimeProvider time,
    ILogger<BootstrapCredentialsService> logger) : IHostedService
{
    /// <summary>The id-independent name of the embedded default's admin key.</summary>
    public const string AdminKeyName = "bootstrap-admin";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var configured in settings.Keys)
        {
            ApiKeyText.TryParse(configured.Key, out var id, out var secret); // validated at start
            var roles = configured.Roles.Count > 0 ? configured.Roles : [BuiltInRoles.Admin];
            var key = await keys.RegisterAsync(id!, ApiKeyText.Hash(secret!), configured.Tenant, configured.Name, roles, configured.ExpiresAt ?? time.GetUtcNow() + ApiKeyIssuer.MaxLifetime, "bootstrap", cancellationToken);
            if (key is null) LogBootstrapKeyTaken(id!);
        }

        if (services.GetService<EmbeddedBootstrap>() is not null && !string.IsNullOrWhiteSpace(settings.AdminKeyFile))
            await EnsureAdminKeyFileAsync(Path.GetFullPath(settings.AdminKeyFile), cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAdminKeyFileAsync(string path, CancellationToken cancellationToken)
    {
        var created = false;
        var (_, text, _) = ApiKeyText.New();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(path, fileOptions))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteLineAsync(text);
            }

            created = true;
        }
        catch (IOException) when (File.Exists(path))
        {
            text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim(); // written at an earlier start, or by another silo
        }

        if (!ApiKeyText.TryParse(text, out var id, out var secret))
            throw new InvalidOperationException($"The bootstrap admin key file {path} does not hold an API key; delete it to have a new one written.");
        var key = await keys.RegisterAsync(id, ApiKeyText.Hash(secret), GrainKeys.DefaultTenant, AdminKeyName, [BuiltInRoles.Admin], time.GetUtcNow() + ApiKeyIssuer.MaxLifetime, "bootstrap", cancellationToken);
        if (key is null) throw new InvalidOperationException($"The bootstrap admin key of {path} clashes with another key; delete the file to have a new one written.");
        if (created) LogAdminKeyWritten(path);
        else if (key.RevokedAt is null) LogAdminKeyKept(path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A bootstrap admin API key (tenant 'default') was written to {Path}, readable by this user only. Exchange it for a token: POST /v1/auth/token with X-Api-Key: <the file's content> and grant_type=client_credentials; revoke it (DELETE /v1/api-keys/{{id}}) once you have your own keys")]
    private partial void LogAdminKeyWritten(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bootstrap admin API key (tenant 'default') of {Path} is valid; revoke it once you have your own keys")]
    private partial void LogAdminKeyKept(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bootstrap API key {KeyId} from configuration was not registered: the id belongs to another key")]
    private partial void LogBootstrapKeyTaken(string keyId);
}

/// <summary>Marks a host that runs a silo in the embedded default, where <see cref="BootstrapCredentialsService"/> writes the bootstrap admin key file.</summary>
public sealed class EmbeddedBootstrap;
