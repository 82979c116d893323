using System.Text;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// Opens sealed fields after a read. A field that is not in the sealed form is a value stored before fields were
/// sealed and is kept as it is; a sealed one that does not open throws. Opened fields are remembered in the
/// <see cref="SealedFieldCache"/>, so the next write does not seal them again.
/// </summary>
public sealed class OpeningCipher(IFieldProtector protector, string owner, SealedFieldCache? cache = null) : FieldCipher(owner)
{
    /// <inheritdoc/>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The field is sealed but does not open (tampered, moved, or its key is gone).</exception>
    public override async ValueTask<string?> TextAsync(string? value, string field)
    {
        if (!SealedValueCodec.TryFromText(value, out var sealedData)) return value;
        var context = ContextOf(field);
        var plaintext = Encoding.UTF8.GetString(await protector.UnsealAsync(sealedData, context));
        cache?.Remember(context, plaintext, value!);
        return plaintext;
    }

    /// <inheritdoc/>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The field is sealed but does not open.</exception>
    public override async ValueTask<byte[]?> BytesAsync(byte[]? value, string field) =>
        value is not null && SealedValueCodec.TryFromBytes(value, out var sealedData) ? await protector.UnsealAsync(sealedData, ContextOf(field)) : value;
}
