using System.Text;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>Text helpers over <see cref="IFieldProtector"/>.</summary>
public static class FieldProtectorExtensions
{
    /// <summary>Encrypts a UTF-8 string.</summary>
    public static ValueTask<SealedData> SealTextAsync(this IFieldProtector protector, string text, string context, CancellationToken cancellationToken = default) =>
        protector.SealAsync(Encoding.UTF8.GetBytes(text), context, cancellationToken);

    /// <summary>Decrypts a string sealed by <see cref="SealTextAsync"/>.</summary>
    public static async ValueTask<string> UnsealTextAsync(this IFieldProtector protector, SealedData sealedData, string context, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await protector.UnsealAsync(sealedData, context, cancellationToken));
}
