using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// The chat client of each catalog model, built on first use by the factory of its provider and wrapped with function
/// invocation (tools), OpenTelemetry and logging. An <see cref="IChatClient"/> registered in the container keyed by a
/// catalog id replaces that model's provider (how tests and embedders bring their own model).
/// </summary>
internal sealed class ModelClients(IServiceProvider services, IOptions<ModelCatalogOptions> catalog, IEnumerable<IModelProviderFactory> factories) : IModelClients
{
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IModelProviderFactory> _factories = factories.ToDictionary(f => f.Provider, StringComparer.OrdinalIgnoreCase);

    public IChatClient Get(string modelId) => _clients.GetOrAdd(modelId, Build);

    private IChatClient Build(string modelId)
    {
        var entry = catalog.Value.Find(modelId) ?? throw new KeyNotFoundException($"The model '{modelId}' is not in the catalog (TDeveloper:Models:Catalog).");
        var inner = services.GetKeyedService<IChatClient>(modelId)
            ?? (_factories.TryGetValue(entry.Provider, out var factory)
                ? factory.Create(entry, services)
                : throw new InvalidOperationException($"No provider '{entry.Provider}' is registered for the model '{modelId}'; use one of {string.Join(", ", _factories.Keys)}."));
        return new ChatClientBuilder(inner)
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: "TDeveloper")
            .UseLogging()
            .Build(services);
    }
}
