namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// The sealed form of each text field of one stored value as last written or read, by context and plaintext: what
/// lets a write of a grain's state seal only the fields that changed. Holds only the fields of the latest pass.
/// </summary>
/// <remarks>Used by one activation, on its scheduler; not thread-safe.</remarks>
public sealed class SealedFieldCache
{
    private Dictionary<(string Context, string Plaintext), string> _previous = [];
    private Dictionary<(string Context, string Plaintext), string> _current = [];

    /// <summary>Starts a pass: entries not used by it are forgotten when the next one starts.</summary>
    public void BeginPass()
    {
        (_previous, _current) = (_current, _previous);
        _current.Clear();
    }

    /// <summary>Gets the sealed form of <paramref name="plaintext"/> under <paramref name="context"/>, if known.</summary>
    public string? Find(string context, string plaintext)
    {
        if (!_current.TryGetValue((context, plaintext), out var found) && !_previous.TryGetValue((context, plaintext), out found)) return null;
        _current[(context, plaintext)] = found;
        return found;
    }

    /// <summary>Remembers a sealed form.</summary>
    public void Remember(string context, string plaintext, string sealedText) => _current[(context, plaintext)] = sealedText;

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _previous.Clear();
        _current.Clear();
    }
}
