namespace TDeveloper.Grains.Models;

/// <summary>The provider names a catalog entry may use.</summary>
public static class ModelProviders
{
    /// <summary>The deterministic offline model (no key, no network).</summary>
    public const string Offline = "offline";

    /// <summary>Amazon Bedrock's Converse API.</summary>
    public const string Bedrock = "bedrock";

    /// <summary>Any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI, vLLM, LM Studio, Groq, Together …).</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic's Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>An Ollama server.</summary>
    public const string Ollama = "ollama";
}
