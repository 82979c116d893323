using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Models;

namespace TDeveloper.Hosting.Models;

/// <summary>
/// The chat client of each catalog model, built on first use by the factory of its provider and wrapped with function
/// invocation (tools), OpenTelemetry and logging. An <see cref="IChatClient"/> registered in the container keyed by a
/// catalog id replaces that model's provider (how tests and embedders bring their own model).
/// </summary>
internal sealed class ModelClients(IServiceProvider services, ModelProviderResolver providers) : IModelClients
{
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    public IChatClient Get(string modelId) => _clients.GetOrAdd(modelId, Build);

    private IChatClient Build(string modelId)
    {
        var entry = providers.EntryOf(modelId);
        var inner = services.GetKeyedService<IChatClient>(modelId) ?? providers.FactoryOf(entry).Create(entry, services);
        return new ChatClientBuilder(inner)
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: "TDeveloper")
            .UseLogging(TDeveloper.Hosting.Security.ContentFreeLoggerFactory.Over(services)) // calls and outcomes, never the messages
            .Build(services);
    }
}
