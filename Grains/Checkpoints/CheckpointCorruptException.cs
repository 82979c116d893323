namespace TDeveloper.Grains.Checkpoints;

/// <summary>Why a stored checkpoint body was refused.</summary>
public enum CheckpointDefect
{
    /// <summary>The store has no body under the checkpoint's blob key.</summary>
    Missing,

    /// <summary>The body does not hash to the SHA-256 its metadata records: changed or cut after it was written.</summary>
    HashMismatch,

    /// <summary>The body does not start with the checkpoint header, or names a format or compression this version does not know.</summary>
    BadHeader,

    /// <summary>The encrypted envelope is cut short.</summary>
    Truncated,

    /// <summary>The envelope does not decrypt: tampered with, sealed for another session or checkpoint, or its master key is gone.</summary>
    DecryptionFailed,

    /// <summary>The decrypted content does not decompress or deserialise.</summary>
    BadContent,
}

/// <summary>A stored checkpoint body failed its checks (<see cref="Defect"/>): it is never restored.</summary>
public sealed class CheckpointCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointCorruptException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CheckpointCorruptException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for checkpoint <paramref name="checkpointId"/>.</summary>
    public CheckpointCorruptException(string checkpointId, CheckpointDefect defect, string message, Exception? innerException = null)
        : base($"Checkpoint {checkpointId} is refused ({defect}): {message}", innerException)
    {
        CheckpointId = checkpointId;
        Defect = defect;
    }

    /// <summary>Gets the refused checkpoint's id.</summary>
    public string CheckpointId { get; } = "";

    /// <summary>Gets what is wrong with it.</summary>
    public CheckpointDefect Defect { get; }
}
