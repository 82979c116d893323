using Orleans.Serialization;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// Seals the <see cref="SensitiveFields"/> of a value on its way to storage and opens them on the way back, with the
/// shared <see cref="IFieldProtector"/>: the grains keep plaintext in memory, the stores hold ciphertext. A value of a
/// type with nothing sensitive passes untouched.
/// </summary>
public sealed class StateSealing(IFieldProtector protector, DeepCopier copier)
{
    /// <summary>Gets whether values of <paramref name="type"/> have sealed fields.</summary>
    public static bool Protects(Type type) => SensitiveFields.Of(type) is not null;

    /// <summary>
    /// Gets the form of <paramref name="value"/> to store: a copy with its sensitive fields sealed for <paramref name="owner"/>,
    /// or the value itself when it has none. With a <paramref name="cache"/>, unchanged fields keep their earlier seal.
    /// </summary>
    /// <remarks>The copy is taken before the first await, so a reentrant grain changing the value meanwhile does not tear it.</remarks>
    public async ValueTask<T> SealedCopyAsync<T>(T value, string owner, SealedFieldCache? cache = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        if (SensitiveFields.Of(value.GetType()) is not { } fields) return value;
        var copy = copier.Copy(value);
        cache?.BeginPass();
        await fields(copy, new SealingCipher(protector, owner, cache));
        return copy;
    }

    /// <summary>Opens the sensitive fields of <paramref name="value"/> in place; fields stored before sealing existed are kept as they are.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A sealed field does not open: it was tampered with or moved, or its key is gone.</exception>
    public async ValueTask OpenAsync<T>(T value, string owner, SealedFieldCache? cache = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        if (SensitiveFields.Of(value.GetType()) is not { } fields) return;
        cache?.BeginPass();
        await fields(value, new OpeningCipher(protector, owner, cache));
    }

    /// <summary>
    /// Wraps a grain's persistent state so it is stored sealed: the grain reads and changes plaintext, every write stores
    /// a sealed copy (sealing only what changed), and the stored form is opened at activation, before <c>OnActivateAsync</c>.
    /// </summary>
    /// <param name="state">The state Orleans injected.</param>
    /// <param name="stateName">The state's name in <c>[PersistentState]</c>: with the grain's key it names the owner of the fields.</param>
    /// <param name="grain">The grain's context (<c>Grain.GrainContext</c>).</param>
    public IPersistentState<T> Protect<T>(IPersistentState<T> state, string stateName, IGrainContext grain) where T : class =>
        new SealedPersistentState<T>(state, this, $"{stateName}/{grain.GrainId.Key}", grain);
}
