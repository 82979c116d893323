using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// Seals fields for storage. With a <see cref="SealedFieldCache"/>, a field whose context and plaintext are the ones it
/// sealed (or opened) last time keeps that sealed form, so a write seals only the fields that changed.
/// </summary>
public sealed class SealingCipher(IFieldProtector protector, string owner, SealedFieldCache? cache = null) : FieldCipher(owner)
{
    /// <inheritdoc/>
    public override async ValueTask<string?> TextAsync(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var context = ContextOf(field);
        if (cache?.Find(context, value) is { } known) return known;
        var sealedText = SealedValueCodec.ToText(await protector.SealAsync(Utf8(value), context));
        cache?.Remember(context, value, sealedText);
        return sealedText;
    }

    /// <inheritdoc/>
    public override async ValueTask<byte[]?> BytesAsync(byte[]? value, string field) =>
        value is not { Length: > 0 } ? value : SealedValueCodec.ToBytes(await protector.SealAsync(value, ContextOf(field)));
}
