using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The endpoint and key checks of the HTTP providers at start, each naming the key to set.</summary>
public sealed class ModelEndpointValidationTests
{
    [Fact]
    public void An_anthropic_model_without_a_key_is_refused_naming_the_variable_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Catalog(new() { ["Provider"] = "anthropic" }));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("TDeveloper:Models:Catalog:0:ApiKey:", failure);
        Assert.Contains("TDeveloper__Models__Catalog__0__ApiKey", failure);
    }

    [Fact]
    public void An_openai_model_on_openai_without_a_key_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Catalog(new() { ["Provider"] = "openai" }));

        Assert.StartsWith("TDeveloper:Models:Catalog:0:ApiKey:", Assert.Single(error.Failures));
    }

    [Theory]
    [InlineData("http://localhost:8000/v1")] // vLLM
    [InlineData("http://127.0.0.1:1234/v1")] // LM Studio
    public void An_openai_compatible_local_server_needs_no_key(string endpoint)
    {
        var catalog = Catalog(new() { ["Provider"] = "openai", ["Endpoint"] = endpoint });

        Assert.Equal(new Uri(endpoint), ModelEndpoints.Of(catalog.Catalog[0]));
    }

    [Fact]
    public void An_ollama_model_defaults_to_the_local_server()
    {
        var catalog = Catalog(new() { ["Provider"] = "ollama" });

        Assert.Equal(new Uri("http://localhost:11434"), ModelEndpoints.Of(catalog.Catalog[0]));
    }

    [Fact]
    public void An_azure_resource_url_without_the_v1_path_is_refused_with_the_url_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Catalog(new() { ["Provider"] = "openai", ["Endpoint"] = "https://contoso.openai.azure.com/", ["ApiKey"] = "key" }));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("TDeveloper:Models:Catalog:0:Endpoint:", failure);
        Assert.Contains("https://contoso.openai.azure.com/openai/v1/", failure);
    }

    [Fact]
    public void An_azure_deployment_is_its_v1_url_a_key_and_the_deployment_name()
    {
        var catalog = Catalog(new()
        {
            ["Provider"] = "openai", ["Endpoint"] = "https://contoso.openai.azure.com/openai/v1/", ["ApiKey"] = "key", ["ProviderModelId"] = "my-gpt-deployment",
        });

        Assert.Equal("my-gpt-deployment", catalog.Catalog[0].ProviderModel);
    }

    [Fact]
    public void An_endpoint_that_is_not_an_http_url_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Catalog(new() { ["Provider"] = "ollama", ["Endpoint"] = "ftp://models.local" }));

        Assert.StartsWith("TDeveloper:Models:Catalog:0:Endpoint:", Assert.Single(error.Failures));
    }

    [Fact]
    public void Embeddings_are_refused_for_a_model_without_the_capability()
    {
        using var services = ModelHost.Build(new Dictionary<string, string?> { ["Provider"] = "ollama", ["Capabilities"] = "Tools" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IModelEmbeddings>().Get(ModelHost.ModelId));

        Assert.Contains("Embeddings", error.Message);
    }

    [Fact]
    public async Task The_offline_embedding_model_serves_without_a_catalog_entry_and_an_offline_entry_can_name_it()
    {
        using var services = ModelHost.Build(new Dictionary<string, string?> { ["Provider"] = "offline", ["Capabilities"] = "Embeddings" });
        var embeddings = services.GetRequiredService<IModelEmbeddings>();

        var builtIn = await embeddings.Get(OfflineEmbeddingGenerator.ModelId).GenerateAsync(["configure tokens"]);
        var listed = await embeddings.Get(ModelHost.ModelId).GenerateAsync(["configure tokens"]);

        Assert.Equal(OfflineEmbeddingGenerator.DefaultDimensions, builtIn[0].Vector.Length);
        Assert.Equal(builtIn[0].Vector.ToArray(), listed[0].Vector.ToArray());
    }

    [Fact]
    public void Embeddings_are_refused_for_a_provider_without_them()
    {
        using var services = ModelHost.Build(new Dictionary<string, string?> { ["Provider"] = "anthropic", ["ApiKey"] = "key", ["Capabilities"] = "Embeddings" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IModelEmbeddings>().Get(ModelHost.ModelId));

        Assert.Contains("has no embeddings", error.Message);
    }

    private static ModelCatalogOptions Catalog(Dictionary<string, string?> entry)
    {
        using var services = ModelHost.Build(entry);
        return services.GetRequiredService<IOptions<ModelCatalogOptions>>().Value;
    }
}
