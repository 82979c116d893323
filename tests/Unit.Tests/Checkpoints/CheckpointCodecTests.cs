using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Hosting.Security;
using static TDeveloper.Unit.Tests.Checkpoints.CheckpointSamples;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>A checkpoint body survives encoding whole; a changed, cut or moved one is refused with its defect named; master key rotation leaves old ones readable.</summary>
public sealed class CheckpointCodecTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tdev-checkpoint-keys-").FullName;
    private readonly LocalKeyFileDataKeyProvider _keys;
    private readonly CheckpointCodec _codec;

    public CheckpointCodecTests()
    {
        _keys = new LocalKeyFileDataKeyProvider(Options.Create(new LocalKeyFileOptions { Path = Path.Combine(_directory, "master-keys.json") }));
        _codec = NewCodec();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_body_round_trips_with_every_tier_of_memory_and_is_stored_compressed_and_sealed()
    {
        var body = Body();

        var encoded = await _codec.EncodeAsync(body);
        var decoded = await _codec.DecodeAsync(encoded.Bytes, encoded.Sha256, SessionKey, body.Id);

        Assert.Equal(body.Agents.Single().Memory.ToList(), decoded.Agents.Single().Memory.ToList());
        Assert.Equal([Grains.Agents.Memory.MemoryTier.Working, Grains.Agents.Memory.MemoryTier.ShortTerm, Grains.Agents.Memory.MemoryTier.LongTerm], decoded.Agents.Single().Memory.Select(i => i.Tier));
        Assert.Equal(body.Agents.Single() with { Memory = [] }, decoded.Agents.Single() with { Memory = [] });
        Assert.Equal(body.Workflows.Single().Steps.Single() with { DependsOn = [], SoftDependsOn = [], FilesChanged = [] }, decoded.Workflows.Single().Steps.Single() with { DependsOn = [], SoftDependsOn = [], FilesChanged = [] });
        Assert.Equal(body.Workspace.ToList(), decoded.Workspace.ToList());
        Assert.Equal("implement a parser", decoded.Session.Requests.Single().Text);
        Assert.Equal((body.Session.Owner, body.Session.Status, body.Session.ExpiresAt), (decoded.Session.Owner, decoded.Session.Status, decoded.Session.ExpiresAt));
        Assert.Equal(await _keys.CurrentKeyIdAsync(), encoded.KeyId);
        Assert.Equal(CheckpointCodec.HashOf(encoded.Bytes), encoded.Sha256);
        Assert.StartsWith("TDCKPT", Encoding.ASCII.GetString(encoded.Bytes, 0, 6), StringComparison.Ordinal);
        Assert.DoesNotContain("implement a parser", Encoding.UTF8.GetString(encoded.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_by_its_hash_and_by_its_tag_when_the_hash_was_forged_too()
    {
        var encoded = await _codec.EncodeAsync(Body());
        var tampered = encoded.Bytes.ToArray();
        tampered[^5] ^= 0x01;

        var byHash = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(tampered, encoded.Sha256, SessionKey, "ck-1"));
        var byTag = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(tampered, CheckpointCodec.HashOf(tampered), SessionKey, "ck-1"));

        Assert.Equal(CheckpointDefect.HashMismatch, byHash.Defect);
        Assert.Equal(CheckpointDefect.DecryptionFailed, byTag.Defect);
        Assert.IsAssignableFrom<CryptographicException>(byTag.InnerException);
    }

    [Theory]
    [InlineData(3, CheckpointDefect.BadHeader)]
    [InlineData(20, CheckpointDefect.Truncated)]
    [InlineData(-1, CheckpointDefect.DecryptionFailed)]
    public async Task A_truncated_body_is_refused_by_its_hash_and_by_its_format_when_the_hash_was_forged_too(int keep, CheckpointDefect forged)
    {
        var encoded = await _codec.EncodeAsync(Body());
        var truncated = encoded.Bytes[..(keep > 0 ? keep : encoded.Bytes.Length + keep)];

        var byHash = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(truncated, encoded.Sha256, SessionKey, "ck-1"));
        var byFormat = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(truncated, CheckpointCodec.HashOf(truncated), SessionKey, "ck-1"));

        Assert.Equal(CheckpointDefect.HashMismatch, byHash.Defect);
        Assert.Equal(forged, byFormat.Defect);
    }

    [Fact]
    public async Task A_body_moved_to_another_checkpoint_or_session_or_missing_is_refused()
    {
        var encoded = await _codec.EncodeAsync(Body());

        Assert.Equal(CheckpointDefect.DecryptionFailed, (await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(encoded.Bytes, encoded.Sha256, SessionKey, "ck-2"))).Defect);
        Assert.Equal(CheckpointDefect.DecryptionFailed, (await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(encoded.Bytes, encoded.Sha256, "acme/s-2", "ck-1"))).Defect);
        Assert.Equal(CheckpointDefect.Missing, (await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.DecodeAsync(null, encoded.Sha256, SessionKey, "ck-1"))).Defect);
    }

    [Fact]
    public async Task After_the_master_key_rotates_old_checkpoints_still_decode_and_new_ones_use_the_new_key()
    {
        var before = await _codec.EncodeAsync(Body("ck-old"));

        var rotated = await _keys.RotateAsync();
        var restarted = NewCodec(); // a restarted silo: no data key cached under the old master key
        var after = await restarted.EncodeAsync(Body("ck-new"));

        Assert.NotEqual(before.KeyId, after.KeyId);
        Assert.Equal(rotated, after.KeyId);
        Assert.Equal("ck-old", (await restarted.DecodeAsync(before.Bytes, before.Sha256, SessionKey, "ck-old")).Id);
        Assert.Equal("ck-new", (await restarted.DecodeAsync(after.Bytes, after.Sha256, SessionKey, "ck-new")).Id);
    }

    [Fact]
    public async Task A_workspace_file_copy_opens_only_for_its_session_and_hash()
    {
        var content = Encoding.UTF8.GetBytes("public sealed class Parser;");
        var hash = CheckpointCodec.HashOf(content);
        var stored = await _codec.SealFileAsync(SessionKey, hash, content);

        Assert.Equal(content, await _codec.OpenFileAsync(SessionKey, hash, stored));
        Assert.Equal(CheckpointDefect.DecryptionFailed, (await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.OpenFileAsync("acme/s-2", hash, stored))).Defect);
        Assert.Equal(CheckpointDefect.Missing, (await Assert.ThrowsAsync<CheckpointCorruptException>(() => _codec.OpenFileAsync(SessionKey, hash, null))).Defect);
    }

    private CheckpointCodec NewCodec() => new(NewSerializer(), new EnvelopeFieldProtector(_keys, TimeProvider.System));
}
