using System.Security.Cryptography;

namespace TDeveloper.Grains.Workspaces;

/// <summary>
/// Names file bodies by session and content hash (<c>{tenant}/{session}/{sha256}</c>). Content addressing is what
/// makes "body first, then index" safe: a new body never overwrites the one the index still names.
/// </summary>
public static class WorkspaceBlobKey
{
    /// <summary>Gets the key of the body with <paramref name="hash"/> in the workspace of <paramref name="sessionKey"/>.</summary>
    public static string For(string sessionKey, string hash) => $"{sessionKey}/{hash}";

    /// <summary>Gets the SHA-256 of <paramref name="content"/>, lowercase hex.</summary>
    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
