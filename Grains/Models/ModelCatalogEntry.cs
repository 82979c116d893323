using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models;

/// <summary>One model of the catalog (<c>TDeveloper:Models:Catalog:{n}</c>): how to reach it and what it is good for.</summary>
public sealed class ModelCatalogEntry
{
    /// <summary>Gets or sets the catalog id, used in chains, pins and decisions (e.g. <c>claude-sonnet</c>).</summary>
    [Required] public string Id { get; set; } = "";

    /// <summary>Gets or sets the provider: <c>offline</c>, <c>bedrock</c>, <c>openai</c>, <c>anthropic</c> or <c>ollama</c>.</summary>
    [Required] public string Provider { get; set; } = ModelProviders.Offline;

    /// <summary>Gets or sets the provider's own model id (e.g. <c>anthropic.claude-3-5-sonnet-20240620-v1:0</c>); the catalog id when not set.</summary>
    public string? ProviderModelId { get; set; }

    /// <summary>Gets or sets the endpoint (base URL of an OpenAI-compatible, Anthropic or Ollama server; a Bedrock endpoint override).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key. Set it through the environment or user secrets, never in a committed file.</summary>
    [Orleans.Redact]
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the AWS region of a Bedrock model; the standard AWS chain's region when not set.</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets the context window in tokens.</summary>
    [Range(1, int.MaxValue)] public int ContextWindow { get; set; } = 128_000;

    /// <summary>Gets or sets the price of 1,000 input tokens in US dollars.</summary>
    [Range(0, 1000)] public decimal InputPricePer1K { get; set; }

    /// <summary>Gets or sets the price of 1,000 output tokens in US dollars.</summary>
    [Range(0, 1000)] public decimal OutputPricePer1K { get; set; }

    /// <summary>Gets or sets what the model takes beyond text (Vision, Audio, Tools, JsonOutput, Documents).</summary>
    public ModelCapabilities Capabilities { get; set; }

    /// <summary>Gets or sets the languages the model handles well (ISO 639-1); any language when empty.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Gets or sets what the model is especially good at: agent names (CodeAgent) or domains (code, security, docs).</summary>
    public List<string> Specialties { get; set; } = [];

    /// <summary>Gets or sets the typical latency expected before measurements exist; used for latency budgets and the first performance score.</summary>
    public TimeSpan ExpectedLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the provider's limit of requests per minute, shared by the whole cluster; unlimited when 0.</summary>
    [Range(0, int.MaxValue)] public int RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the provider's limit of tokens per minute, shared by the whole cluster; unlimited when 0.</summary>
    [Range(0, long.MaxValue)] public long TokensPerMinute { get; set; }

    /// <summary>Gets the id to send to the provider.</summary>
    public string ProviderModel => string.IsNullOrWhiteSpace(ProviderModelId) ? Id : ProviderModelId;

    /// <summary>Gets the cost of a call with the given tokens.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) => (inputTokens * InputPricePer1K + outputTokens * OutputPricePer1K) / 1000m;
}
