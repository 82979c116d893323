using System.Security.Cryptography;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// Names a session's checkpoint blobs: bodies <c>{tenant}/{session}/checkpoints/{id}</c>, and the copies of workspace file
/// bodies they name <c>{tenant}/{session}/files/{sha256}</c> (content-addressed, shared by every checkpoint that has the file).
/// </summary>
public static class CheckpointBlobKeys
{
    /// <summary>Gets the prefix of every blob of <paramref name="sessionKey"/>.</summary>
    public static string PrefixOf(string sessionKey) => sessionKey + "/";

    /// <summary>Gets the key of the body of checkpoint <paramref name="checkpointId"/>.</summary>
    public static string Body(string sessionKey, string checkpointId) => $"{sessionKey}/checkpoints/{checkpointId}";

    /// <summary>Gets the key of the copy of the workspace file body whose SHA-256 is <paramref name="hash"/>.</summary>
    public static string File(string sessionKey, string hash) => $"{sessionKey}/files/{hash}";

    /// <summary>
    /// Creates a checkpoint id, ordered by time: <c>ck-{UTC ticks, 16 hex digits}-{4 random hex digits}</c>, a valid key
    /// segment so it can appear in routes.
    /// </summary>
    public static string NewId(DateTimeOffset takenAt) => $"ck-{takenAt.UtcTicks:x16}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
}
