using Orleans.Providers;

namespace TDeveloper.Hosting.Security;

/// <summary>Master keys in the local key file (<see cref="LocalKeyFileDataKeyProvider"/>), under <c>TDeveloper:Security:LocalKeys</c>.</summary>
internal sealed class LocalKeysProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddLocalKeyFileDataKeys(configurationSection);
}

/// <summary>Master keys in AWS KMS (<see cref="Aws.Kms.KmsDataKeyProvider"/>), under <c>TDeveloper:Security:Kms</c>; refuses to start without a key id.</summary>
internal sealed class KmsKeysProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddKmsDataKeys(configurationSection);
}
