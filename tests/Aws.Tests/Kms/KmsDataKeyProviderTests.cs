using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TDeveloper.Aws.Kms;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Hosting;

namespace TDeveloper.Aws.Tests.Kms;

/// <summary>KMS data keys through AWSSDK.KeyManagementService, against a stub speaking KMS's JSON 1.1 protocol with SigV4 checked.</summary>
public sealed class KmsDataKeyProviderTests : IAsyncLifetime
{
    private const string Context = "session/acme/s1/request/w1";
    private const string Alias = "alias/tdeveloper";
    private KmsStub _kms = null!;
    private string _arn = "";

    public async Task InitializeAsync()
    {
        _kms = await KmsStub.StartAsync();
        _arn = _kms.CreateKey(Alias);
    }

    public async Task DisposeAsync() => await _kms.DisposeAsync();

    [Fact]
    public async Task A_data_key_is_generated_as_AES_256_under_the_configured_key_with_an_encryption_context()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options(Alias));

        var key = await keys.GenerateDataKeyAsync();

        Assert.Equal(32, key.Plaintext.Length);
        Assert.Equal(_arn, key.KeyId); // the ARN KMS answers with, not the alias: the alias may move
        var call = Assert.Single(_kms.Calls);
        Assert.Equal("GenerateDataKey", call.Operation);
        Assert.Equal(Alias, call.Request["KeyId"]!.GetValue<string>());
        Assert.Equal("AES_256", call.Request["KeySpec"]!.GetValue<string>());
        Assert.Equal("tdeveloper", call.Request["EncryptionContext"]!["app"]!.GetValue<string>());
        Assert.Equal(KmsDataKeyProvider.Purpose, call.Request["EncryptionContext"]!["purpose"]!.GetValue<string>());
        Assert.Empty(_kms.Refused);
    }

    [Fact]
    public async Task A_value_sealed_under_a_KMS_data_key_opens_in_another_process_with_one_Decrypt()
    {
        using var writerKeys = new KmsDataKeyProvider(_kms.Options(Alias));
        var sealedData = await new EnvelopeFieldProtector(writerKeys, TimeProvider.System).SealTextAsync("the prompt", Context);
        using var readerKeys = new KmsDataKeyProvider(_kms.Options(Alias));
        var reader = new EnvelopeFieldProtector(readerKeys, TimeProvider.System);

        Assert.Equal("the prompt", await reader.UnsealTextAsync(sealedData, Context));
        Assert.Equal("the prompt", await reader.UnsealTextAsync(sealedData, Context));

        var decrypt = Assert.Single(_kms.Calls, c => c.Operation == "Decrypt");
        Assert.Equal(_arn, decrypt.Request["KeyId"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(sealedData.WrappedKey), decrypt.Request["CiphertextBlob"]!.GetValue<string>());
        Assert.Equal("tdeveloper", decrypt.Request["EncryptionContext"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_KMS_rotates_the_key_old_data_opens_and_the_key_id_stays()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options(Alias));
        var before = await keys.GenerateDataKeyAsync();

        _kms.Rotate(_arn);
        var after = await keys.GenerateDataKeyAsync();

        Assert.Equal(before.KeyId, after.KeyId);
        Assert.Equal(before.Plaintext, await keys.DecryptDataKeyAsync(before.KeyId, before.Wrapped));
        Assert.Equal(after.Plaintext, await keys.DecryptDataKeyAsync(after.KeyId, after.Wrapped));
    }

    [Fact]
    public async Task A_disabled_key_is_named_in_a_typed_error_for_both_operations()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options(Alias));
        var key = await keys.GenerateDataKeyAsync();
        _kms.SetEnabled(_arn, enabled: false);

        var generating = await Assert.ThrowsAsync<KmsKeyException>(() => keys.GenerateDataKeyAsync());
        var opening = await Assert.ThrowsAsync<KmsKeyException>(() => keys.DecryptDataKeyAsync(key.KeyId, key.Wrapped));

        Assert.Equal((KmsKeyProblem.Disabled, Alias), (generating.Problem, generating.KeyId));
        Assert.Contains($"'{Alias}' is disabled", generating.Message, StringComparison.Ordinal);
        Assert.Equal((KmsKeyProblem.Disabled, _arn), (opening.Problem, opening.KeyId));
        Assert.Contains(_arn, opening.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_names_the_key_and_the_permissions_it_needs()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options(Alias));
        _kms.DenyAccess = true;

        var error = await Assert.ThrowsAsync<KmsKeyException>(() => keys.GenerateDataKeyAsync());

        Assert.Equal(KmsKeyProblem.AccessDenied, error.Problem);
        Assert.Contains($"'{Alias}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("kms:GenerateDataKey and kms:Decrypt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_says_to_check_the_setting()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options("alias/missing"));

        var error = await Assert.ThrowsAsync<KmsKeyException>(() => keys.GenerateDataKeyAsync());

        Assert.Equal(KmsKeyProblem.NotFound, error.Problem);
        Assert.Contains("TDeveloper:Security:Kms:KeyId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_wrapped_key_or_another_encryption_context_does_not_open()
    {
        using var keys = new KmsDataKeyProvider(_kms.Options(Alias));
        var key = await keys.GenerateDataKeyAsync();
        var tampered = key.Wrapped.ToArray();
        tampered[^3] ^= 1;
        using var otherApp = new KmsDataKeyProvider(new KmsKeyOptions { KeyId = Alias, ServiceUrl = _kms.Endpoint.ToString(), Region = KmsStub.Region, AccessKey = KmsStub.AccessKey, SecretKey = KmsStub.SecretKey, EncryptionContextApp = "other", MaxErrorRetry = 0 });

        var byTampering = await Assert.ThrowsAnyAsync<CryptographicException>(() => keys.DecryptDataKeyAsync(key.KeyId, tampered));
        var byContext = await Assert.ThrowsAnyAsync<CryptographicException>(() => otherApp.DecryptDataKeyAsync(key.KeyId, key.Wrapped));
        var byKey = await Assert.ThrowsAnyAsync<CryptographicException>(() => keys.DecryptDataKeyAsync(_kms.CreateKey(), key.Wrapped));

        Assert.All([byTampering, byContext, byKey], e => Assert.IsNotType<KmsKeyException>(e));
        Assert.Contains("InvalidCiphertextException", byTampering.Message, StringComparison.Ordinal);
        Assert.Contains("IncorrectKeyException", byKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_KMS_is_an_unavailable_key_named_in_the_error()
    {
        var options = _kms.Options(Alias);
        options.ServiceUrl = "http://127.0.0.1:1";
        options.RequestTimeout = TimeSpan.FromSeconds(2);
        using var keys = new KmsDataKeyProvider(options);

        var error = await Assert.ThrowsAsync<KmsKeyException>(() => keys.GenerateDataKeyAsync());

        Assert.Equal(KmsKeyProblem.Unavailable, error.Problem);
        Assert.Contains(Alias, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AWS_mode_refuses_to_start_without_a_KMS_key_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsSilo());

        Assert.Contains("TDeveloper:Security:Kms:KeyId is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_AWS_mode_seals_with_KMS_data_keys()
    {
        using var host = AwsSilo(("TDeveloper:Security:Kms:KeyId", Alias), ("TDeveloper:Security:Kms:ServiceUrl", _kms.Endpoint.ToString()),
            ("TDeveloper:Security:Kms:AccessKey", KmsStub.AccessKey), ("TDeveloper:Security:Kms:SecretKey", KmsStub.SecretKey));
        var protector = host.Services.GetRequiredService<IFieldProtector>();

        var sealedData = await protector.SealTextAsync("in AWS mode", Context);

        Assert.IsType<KmsDataKeyProvider>(host.Services.GetRequiredService<IDataKeyProvider>());
        Assert.Equal(_arn, sealedData.KeyId);
        Assert.Equal("in AWS mode", await protector.UnsealTextAsync(sealedData, Context));
    }

    private static IHost AwsSilo(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TDeveloper:Mode"] = "Aws",
            ["TDeveloper:Aws:ServiceUrl"] = "http://127.0.0.1:1",
            ["TDeveloper:Providers:Workspaces"] = "Memory",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddTDeveloperSilo();
        return builder.Build();
    }
}
