using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Hosting.Security;

/// <summary>
/// Rotates the local master key when the silo starts, if <see cref="LocalKeyFileOptions.RotateOnStart"/> is set and the
/// local key file is the silo's key provider: before any grain runs, so everything sealed from then on uses the new key.
/// </summary>
internal sealed partial class LocalKeyRotationOnStart(IServiceProvider services, IOptions<LocalKeyFileOptions> options, ILogger<LocalKeyRotationOnStart> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalKeyRotationOnStart), ServiceLifecycleStage.RuntimeInitialize, RotateAsync);

    private async Task RotateAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RotateOnStart) return;
        if (services.GetRequiredService<IDataKeyProvider>() is not LocalKeyFileDataKeyProvider local)
        {
            LogNotLocal(logger, LocalKeyFileOptions.Section);
            return;
        }

        var keyId = await local.RotateAsync(cancellationToken);
        LogRotated(logger, keyId, local.FilePath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated the local master key: new data is sealed under {KeyId}; the older keys in {Path} still open older data. Unset RotateOnStart, and back the file up")]
    private static partial void LogRotated(ILogger logger, string keyId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section}:RotateOnStart is set but the silo's keys are not the local key file; KMS rotates its keys itself")]
    private static partial void LogNotLocal(ILogger logger, string section);
}
