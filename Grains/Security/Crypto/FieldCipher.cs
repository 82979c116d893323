using System.Text;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// Turns the sensitive fields of one stored value (a grain state, a journal entry, an event page) into their sealed form,
/// or back. Each field is named by a path under the value's owner; the context it is sealed for is <c>{owner}/{field}</c>,
/// so a sealed field copied into another field, record or grain does not open.
/// </summary>
public abstract class FieldCipher
{
    /// <summary>Creates a cipher for the fields of <paramref name="owner"/>.</summary>
    protected FieldCipher(string owner) => Owner = owner;

    /// <summary>Gets what owns the fields, e.g. <c>session/acme/s1</c> or <c>tdeveloper.workflow/acme/w1#3</c>.</summary>
    public string Owner { get; }

    /// <summary>Seals or opens a text field; null and empty stay as they are.</summary>
    public abstract ValueTask<string?> TextAsync(string? value, string field);

    /// <summary>Seals or opens a binary field; null and empty stay as they are.</summary>
    public abstract ValueTask<byte[]?> BytesAsync(byte[]? value, string field);

    /// <summary>Gets the context of <paramref name="field"/>.</summary>
    protected string ContextOf(string field) => Owner + "/" + field;

    /// <summary>The UTF-8 bytes of a text.</summary>
    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
