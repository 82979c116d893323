using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Models;

/// <summary>
/// The endpoint and key rules of the HTTP providers (openai, anthropic, ollama): their default base URLs, and the checks
/// a catalog entry must pass at start so a missing key or a wrong Azure URL fails the silo's start, not the first call.
/// </summary>
public static class ModelEndpoints
{
    /// <summary>The base URL of OpenAI's API, used when an <c>openai</c> entry sets no endpoint.</summary>
    public static readonly Uri OpenAI = new("https://api.openai.com/v1");

    /// <summary>The base URL of Anthropic's API, used when an <c>anthropic</c> entry sets no endpoint.</summary>
    public static readonly Uri Anthropic = new("https://api.anthropic.com");

    /// <summary>The base URL of a local Ollama server, used when an <c>ollama</c> entry sets no endpoint.</summary>
    public static readonly Uri Ollama = new("http://localhost:11434");

    /// <summary>Gets the base URL <paramref name="entry"/> is called at: its endpoint, else its provider's default (null for providers without one).</summary>
    public static Uri? Of(ModelCatalogEntry entry) => entry.Endpoint ?? DefaultOf(entry.Provider);

    /// <summary>Gets the default base URL of <paramref name="provider"/>, or null.</summary>
    public static Uri? DefaultOf(string provider) => provider.ToLowerInvariant() switch
    {
        ModelProviders.OpenAI => OpenAI,
        ModelProviders.Anthropic => Anthropic,
        ModelProviders.Ollama => Ollama,
        _ => null,
    };

    /// <summary>Checks the endpoint and key of the catalog entry at <paramref name="index"/>; each problem names its configuration key.</summary>
    public static IEnumerable<ValidationResult> Check(ModelCatalogEntry entry, int index)
    {
        var provider = entry.Provider.ToLowerInvariant();
        if (provider is not (ModelProviders.OpenAI or ModelProviders.Anthropic or ModelProviders.Ollama)) yield break;
        var key = $"{nameof(ModelCatalogOptions.Catalog)}:{index}:";
        var environment = $"TDeveloper__Models__Catalog__{index}__";
        if (entry.Endpoint is { } endpoint && !(endpoint.IsAbsoluteUri && endpoint.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"'{endpoint}' is not an absolute http(s) URL; set the provider's base URL (e.g. {DefaultOf(provider)}).", [key + nameof(entry.Endpoint)]);
            yield break;
        }

        var url = Of(entry)!;
        var azure = IsAzure(url);
        if (azure && !url.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"'{url}' is an Azure OpenAI resource; set the v1 base URL https://{url.Host}/openai/v1/ and put the deployment name in {nameof(entry.ProviderModelId)}.",
                [key + nameof(entry.Endpoint)]);
        }

        // A local or self-hosted server (vLLM, LM Studio, Ollama) needs no key; OpenAI, Azure and Anthropic refuse every call without one.
        var needsKey = provider == ModelProviders.Anthropic || (provider == ModelProviders.OpenAI && (url.Host == OpenAI.Host || azure));
        if (needsKey && string.IsNullOrWhiteSpace(entry.ApiKey))
        {
            yield return new ValidationResult(
                $"the {provider} model '{entry.Id}' at {url} needs an API key; set the environment variable {environment}{nameof(entry.ApiKey)} (or user secrets), not a committed file.",
                [key + nameof(entry.ApiKey)]);
        }
    }

    private static bool IsAzure(Uri url) =>
        url.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.EndsWith(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase);
}
