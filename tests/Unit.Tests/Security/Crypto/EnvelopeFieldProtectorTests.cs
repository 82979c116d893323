using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>AES-256-GCM envelope encryption: what is sealed opens only unchanged, whole, under its context; data keys are reused and unwrapped once.</summary>
public sealed class EnvelopeFieldProtectorTests
{
    private const string Context = "session/acme/s1/request/w1";
    private readonly CountingKeyProvider _keys = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private EnvelopeFieldProtector NewProtector() => new(_keys, _time);

    [Theory]
    [InlineData("")]
    [InlineData("build me a login page; my password is hunter2")]
    [InlineData("ünïcödé ✓ 漢字")]
    public async Task A_sealed_value_opens_to_what_was_sealed(string text)
    {
        var protector = NewProtector();

        var sealedData = await protector.SealTextAsync(text, Context);

        Assert.Equal(text, await protector.UnsealTextAsync(sealedData, Context));
        Assert.Equal(_keys.KeyId, sealedData.KeyId);
        Assert.Equal(12, sealedData.Nonce.Length);
        Assert.Equal(Encoding.UTF8.GetByteCount(text) + 16, sealedData.Ciphertext.Length);
        if (text.Length > 0) Assert.DoesNotContain(text, Encoding.UTF8.GetString(sealedData.Ciphertext), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_instance_over_the_same_keys_opens_it()
    {
        var sealedData = await NewProtector().SealTextAsync("secret", Context);

        Assert.Equal("secret", await NewProtector().UnsealTextAsync(sealedData, Context));
    }

    [Fact]
    public async Task Two_seals_of_one_value_differ()
    {
        var protector = NewProtector();

        var first = await protector.SealTextAsync("same", Context);
        var second = await protector.SealTextAsync("same", Context);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    public static TheoryData<string> Tamperings => ["ciphertext", "tag", "nonce", "wrapped key", "key id", "another key id"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_value_does_not_open(string part)
    {
        var protector = NewProtector();
        var sealedData = await protector.SealTextAsync("the real prompt", Context);

        var tampered = part switch
        {
            "ciphertext" => sealedData with { Ciphertext = Flip(sealedData.Ciphertext, 0) },
            "tag" => sealedData with { Ciphertext = Flip(sealedData.Ciphertext, sealedData.Ciphertext.Length - 1) },
            "nonce" => sealedData with { Nonce = Flip(sealedData.Nonce, 5) },
            "wrapped key" => sealedData with { WrappedKey = Flip(sealedData.WrappedKey, 20) },
            "key id" => sealedData with { KeyId = "" },
            _ => sealedData with { KeyId = "another-key" },
        };

        await Assert.ThrowsAnyAsync<CryptographicException>(() => NewProtector().UnsealTextAsync(tampered, Context).AsTask());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => protector.UnsealTextAsync(tampered, Context).AsTask()); // with the key cached too
    }

    public static TheoryData<string> Truncations => ["ciphertext shorter than the tag", "ciphertext missing its last byte", "empty nonce", "short nonce", "empty wrapped key", "short wrapped key", "null parts"];

    [Theory]
    [MemberData(nameof(Truncations))]
    public async Task A_truncated_value_does_not_open(string how)
    {
        var protector = NewProtector();
        var sealedData = await protector.SealTextAsync("the real prompt", Context);

        var truncated = how switch
        {
            "ciphertext shorter than the tag" => sealedData with { Ciphertext = sealedData.Ciphertext[..15] },
            "ciphertext missing its last byte" => sealedData with { Ciphertext = sealedData.Ciphertext[..^1] },
            "empty nonce" => sealedData with { Nonce = [] },
            "short nonce" => sealedData with { Nonce = sealedData.Nonce[..11] },
            "empty wrapped key" => sealedData with { WrappedKey = [] },
            "short wrapped key" => sealedData with { WrappedKey = sealedData.WrappedKey[..^1] },
            _ => new SealedData { KeyId = null!, WrappedKey = null!, Nonce = null!, Ciphertext = null! },
        };

        await Assert.ThrowsAnyAsync<CryptographicException>(() => NewProtector().UnsealTextAsync(truncated, Context).AsTask());
    }

    [Fact]
    public async Task A_value_does_not_open_under_another_context()
    {
        var protector = NewProtector();
        var sealedData = await protector.SealTextAsync("request of w1", Context);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => protector.UnsealTextAsync(sealedData, "session/acme/s1/request/w2").AsTask());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => protector.UnsealTextAsync(sealedData, "").AsTask());
    }

    [Fact]
    public async Task One_data_key_seals_for_an_hour_then_a_new_one_is_generated()
    {
        var protector = NewProtector();

        var first = await protector.SealTextAsync("a", Context);
        for (var i = 0; i < 100; i++) await protector.SealTextAsync("b" + i, Context);
        _time.Advance(EnvelopeFieldProtector.DataKeyLifetime - TimeSpan.FromSeconds(1));
        var beforeTheHour = await protector.SealTextAsync("c", Context);
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterTheHour = await protector.SealTextAsync("d", Context);

        Assert.Equal(2, _keys.Generated);
        Assert.Equal(first.WrappedKey, beforeTheHour.WrappedKey);
        Assert.NotEqual(first.WrappedKey, afterTheHour.WrappedKey);
        Assert.Equal(0, _keys.Decrypted); // its own data keys are known without asking the provider
        Assert.Equal("a", await protector.UnsealTextAsync(first, Context));
    }

    [Fact]
    public async Task Concurrent_seals_share_one_new_data_key()
    {
        var protector = NewProtector();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () => await protector.SealTextAsync("v" + i, Context))));

        Assert.Equal(1, _keys.Generated);
    }

    [Fact]
    public async Task A_data_key_is_unwrapped_once_however_many_values_and_callers_open_under_it()
    {
        var writer = NewProtector();
        var values = new List<SealedData>();
        for (var i = 0; i < 20; i++) values.Add(await writer.SealTextAsync("value " + i, Context));
        var reader = NewProtector();
        _keys.DecryptGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var opening = values.Select(v => reader.UnsealTextAsync(v, Context).AsTask()).ToList();
        _keys.DecryptGate.SetResult();
        var opened = await Task.WhenAll(opening);

        Assert.Equal(1, _keys.Decrypted);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "value " + i), opened);
    }

    [Fact]
    public async Task A_failed_unwrap_is_not_remembered()
    {
        var sealedData = await NewProtector().SealTextAsync("secret", Context);
        var reader = NewProtector();
        _keys.FailNextDecrypt = new CryptographicException("KMS is down");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => reader.UnsealTextAsync(sealedData, Context).AsTask());

        Assert.Equal("secret", await reader.UnsealTextAsync(sealedData, Context));
        Assert.Equal(2, _keys.Decrypted);
    }

    [Fact]
    public async Task A_provider_that_returns_a_short_data_key_is_refused()
    {
        var protector = new EnvelopeFieldProtector(new ShortKeys(), _time);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => protector.SealTextAsync("x", Context).AsTask());
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    private sealed class ShortKeys : IDataKeyProvider
    {
        public Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default) => Task.FromResult(new DataKey("short", new byte[16], new byte[40]));

        public Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default) => Task.FromResult(new byte[16]);
    }
}
