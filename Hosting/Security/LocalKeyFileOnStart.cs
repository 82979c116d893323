using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Hosting.Security;

/// <summary>
/// When the local key file is the silo's key provider, reads it (creating it at first start) as the silo starts, so a
/// damaged or unreadable file stops the silo at once, naming the file; and rotates the master key if
/// <see cref="LocalKeyFileOptions.RotateOnStart"/> is set, before any grain runs, so everything sealed from then on uses the new key.
/// </summary>
internal sealed partial class LocalKeyFileOnStart(IServiceProvider services, IOptions<LocalKeyFileOptions> options, ILogger<LocalKeyFileOnStart> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalKeyFileOnStart), ServiceLifecycleStage.RuntimeInitialize, RunAsync);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IDataKeyProvider>() is not LocalKeyFileDataKeyProvider local)
        {
            if (options.Value.RotateOnStart) LogNotLocal(logger, LocalKeyFileOptions.Section);
            return;
        }

        var current = await local.CurrentKeyIdAsync(cancellationToken);
        if (!options.Value.RotateOnStart)
        {
            LogKeys(logger, current, local.FilePath);
            return;
        }

        var keyId = await local.RotateAsync(cancellationToken);
        LogRotated(logger, keyId, local.FilePath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated the local master key: new data is sealed under {KeyId}; the older keys in {Path} still open older data. Unset RotateOnStart, and back the file up")]
    private static partial void LogRotated(ILogger logger, string keyId, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensitive fields are sealed under the local master key {KeyId} in {Path}; back that file up")]
    private static partial void LogKeys(ILogger logger, string keyId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section}:RotateOnStart is set but the silo's keys are not the local key file; KMS rotates its keys itself")]
    private static partial void LogNotLocal(ILogger logger, string section);
}
