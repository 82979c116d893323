using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>Workspace file bodies reach the store sealed, read back as written, and old plaintext bodies still read.</summary>
public sealed class WorkspaceBodiesTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("const apiKey = \"sk-live-do-not-leak\";\n");
    private readonly MemoryWorkspaceStore _store = new();
    private readonly WorkspaceBodies _bodies;

    public WorkspaceBodiesTests() => _bodies = new WorkspaceBodies(_store, new EnvelopeFieldProtector(new CountingKeyProvider(), new FakeTimeProvider()));

    private static string Hash => WorkspaceBlobKey.HashOf(Body);

    private static string Key => WorkspaceBlobKey.For("acme/s1", Hash);

    [Fact]
    public async Task A_body_is_stored_sealed_and_reads_back_as_written()
    {
        await _bodies.PutAsync(Key, Body, CancellationToken.None);

        var raw = (await _store.GetAsync(Key, CancellationToken.None))!;
        Assert.DoesNotContain("sk-live-do-not-leak", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.True(SealedValueCodec.TryFromBytes(raw, out _));
        Assert.Equal(Body, await _bodies.GetAsync(Key, Hash, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_stored_before_sealing_reads_as_it_was()
    {
        await _store.PutAsync(Key, Body, CancellationToken.None);

        Assert.Equal(Body, await _bodies.GetAsync(Key, Hash, CancellationToken.None));
    }

    [Fact]
    public async Task A_tampered_body_or_one_copied_from_another_key_does_not_read()
    {
        await _bodies.PutAsync(Key, Body, CancellationToken.None);
        var raw = (await _store.GetAsync(Key, CancellationToken.None))!;
        raw[^1] ^= 1;
        await _store.PutAsync(Key, raw, CancellationToken.None);
        var other = Encoding.UTF8.GetBytes("another file");
        var otherKey = WorkspaceBlobKey.For("acme/s2", WorkspaceBlobKey.HashOf(other));
        await _bodies.PutAsync(otherKey, other, CancellationToken.None);
        await _store.PutAsync(WorkspaceBlobKey.For("acme/s3", WorkspaceBlobKey.HashOf(other)), (await _store.GetAsync(otherKey, CancellationToken.None))!, CancellationToken.None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => _bodies.GetAsync(Key, Hash, CancellationToken.None));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => _bodies.GetAsync(WorkspaceBlobKey.For("acme/s3", WorkspaceBlobKey.HashOf(other)), WorkspaceBlobKey.HashOf(other), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_body_is_null()
    {
        Assert.Null(await _bodies.GetAsync(Key, Hash, CancellationToken.None));
    }
}
