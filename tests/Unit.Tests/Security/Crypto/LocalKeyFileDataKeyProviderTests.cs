using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Hosting.Security;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>The embedded default's master keys: a local file, owner-only, rotated without losing old data, shared safely by several processes.</summary>
public sealed class LocalKeyFileDataKeyProviderTests : IDisposable
{
    private const string Context = "workflow/acme/w1#1/step/code/output";
    private readonly string _directory = Directory.CreateTempSubdirectory("tdev-keys-").FullName;

    private string KeyFile => Path.Combine(_directory, "keys", "master-keys.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_first_use_creates_an_owner_only_file_with_one_key()
    {
        var keys = Provider();

        var id = await keys.CurrentKeyIdAsync();

        Assert.True(File.Exists(KeyFile));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(KeyFile));
        Assert.Equal(id, json.RootElement.GetProperty("Current").GetString());
        Assert.Single(json.RootElement.GetProperty("Keys").EnumerateObject());
        Assert.StartsWith("local-", id, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyFile)!));
        }
    }

    [Fact]
    public async Task A_data_key_round_trips_and_a_tampered_one_does_not_open()
    {
        var keys = Provider();
        var key = await keys.GenerateDataKeyAsync();

        Assert.Equal(key.Plaintext, await keys.DecryptDataKeyAsync(key.KeyId, key.Wrapped));
        var flipped = key.Wrapped.ToArray();
        flipped[^1] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => keys.DecryptDataKeyAsync(key.KeyId, flipped));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => keys.DecryptDataKeyAsync(key.KeyId, key.Wrapped[..20]));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => keys.DecryptDataKeyAsync("local-0000000000000000", key.Wrapped));
    }

    [Fact]
    public async Task After_rotation_old_data_still_opens_and_new_data_uses_the_new_key()
    {
        var keys = Provider();
        var before = await new EnvelopeFieldProtector(keys, TimeProvider.System).SealTextAsync("sealed before", Context);

        var rotated = await keys.RotateAsync();
        var protector = new EnvelopeFieldProtector(keys, TimeProvider.System); // a restarted silo: no cached data key
        var after = await protector.SealTextAsync("sealed after", Context);

        Assert.NotEqual(before.KeyId, rotated);
        Assert.Equal(rotated, after.KeyId);
        Assert.Equal("sealed before", await protector.UnsealTextAsync(before, Context));
        Assert.Equal("sealed after", await protector.UnsealTextAsync(after, Context));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(KeyFile));
        Assert.Equal(2, json.RootElement.GetProperty("Keys").EnumerateObject().Count());
    }

    [Fact]
    public async Task Two_instances_sharing_the_file_read_each_others_data_and_see_each_others_rotation()
    {
        var first = Provider();
        var second = Provider();
        var created = await Task.WhenAll(first.CurrentKeyIdAsync(), second.CurrentKeyIdAsync()); // racing for the first start

        Assert.Equal(created[0], created[1]);
        var sealedByFirst = await new EnvelopeFieldProtector(first, TimeProvider.System).SealTextAsync("from the first", Context);
        Assert.Equal("from the first", await new EnvelopeFieldProtector(second, TimeProvider.System).UnsealTextAsync(sealedByFirst, Context));

        var rotated = await first.RotateAsync();
        var sealedAfter = await new EnvelopeFieldProtector(first, TimeProvider.System).SealTextAsync("after rotation", Context);

        // The second learns of the new key when it meets it, and seals under it from its next data key on.
        Assert.Equal("after rotation", await new EnvelopeFieldProtector(second, TimeProvider.System).UnsealTextAsync(sealedAfter, Context));
        Assert.Equal(rotated, (await second.GenerateDataKeyAsync()).KeyId);
    }

    [Fact]
    public async Task A_second_instance_sees_a_rotation_before_it_meets_the_new_key()
    {
        var first = Provider();
        var second = Provider();
        await second.CurrentKeyIdAsync();
        File.SetLastWriteTimeUtc(KeyFile, DateTime.UtcNow.AddSeconds(-10)); // so the rotation's write time surely differs

        var rotated = await first.RotateAsync();

        Assert.Equal(rotated, (await second.GenerateDataKeyAsync()).KeyId);
    }

    [Fact]
    public async Task A_key_file_deleted_while_running_is_written_back_with_the_keys_held()
    {
        var keys = Provider();
        var key = await keys.GenerateDataKeyAsync();
        File.Delete(KeyFile);

        var again = await keys.GenerateDataKeyAsync();

        Assert.Equal(key.KeyId, again.KeyId);
        Assert.Equal(key.Plaintext, await Provider().DecryptDataKeyAsync(key.KeyId, key.Wrapped));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Current\":\"a\",\"Keys\":{}}")]
    [InlineData("{\"Current\":\"a\",\"Keys\":{\"a\":\"c2hvcnQ=\"}}")]
    public async Task A_damaged_key_file_stops_with_its_path_and_the_advice_to_restore_it(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, content);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Provider().GenerateDataKeyAsync());

        Assert.Contains(KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("backup", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllTextAsync(KeyFile)); // never replaced: the old keys would be lost
    }

    [Fact]
    public async Task A_key_file_restored_readable_by_others_is_made_owner_only_again()
    {
        if (OperatingSystem.IsWindows()) return;
        await Provider().CurrentKeyIdAsync();
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await Provider().CurrentKeyIdAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    private LocalKeyFileDataKeyProvider Provider() => new(Options.Create(new LocalKeyFileOptions { Path = KeyFile }));
}
