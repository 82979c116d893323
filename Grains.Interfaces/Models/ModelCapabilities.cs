namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>What a model can take in or produce, as its catalog entry declares; the router filters on it.</summary>
[Flags]
[GenerateSerializer]
public enum ModelCapabilities
{
    /// <summary>Text in and out only.</summary>
    None = 0,
    /// <summary>Takes images.</summary>
    Vision = 1,
    /// <summary>Takes audio.</summary>
    Audio = 2,
    /// <summary>Calls tools (function calling).</summary>
    Tools = 4,
    /// <summary>Answers in JSON when asked.</summary>
    JsonOutput = 8,
    /// <summary>Takes documents (PDF, text files).</summary>
    Documents = 16,
    /// <summary>Produces embeddings (an <c>IEmbeddingGenerator</c> is registered for it).</summary>
    Embeddings = 32,
}
