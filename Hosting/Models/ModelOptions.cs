using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting.Models;

/// <summary>The language-model providers the silo can use.</summary>
public enum ModelProvider
{
    /// <summary>The deterministic offline model: no key, no network (the default).</summary>
    Offline,
    /// <summary>Any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI, Groq, Together, vLLM, LM Studio, Ollama's /v1 …).</summary>
    OpenAI,
}

/// <summary>Gets or sets which model the agents use (section <c>TDeveloper:Model</c>).</summary>
public sealed class ModelOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Model";

    /// <summary>Gets or sets the provider. Default <see cref="ModelProvider.Offline"/>.</summary>
    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>Gets or sets the endpoint of an OpenAI-compatible provider, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the model id, e.g. <c>gpt-4o-mini</c>.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the API key. Set it through the environment (<c>TDeveloper__Model__ApiKey</c>) or user secrets, never in a committed file.</summary>
    public string? ApiKey { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != ModelProvider.OpenAI) yield break;
        if (Endpoint is null) yield return new ValidationResult("is required for the OpenAI provider.", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(ModelId)) yield return new ValidationResult("is required for the OpenAI provider.", [nameof(ModelId)]);
    }
}
