using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Models.Quotas;

namespace TDeveloper.Unit.Tests.Models;

/// <summary>A model that fails with the scripted errors in turn, then answers (or keeps failing with <see cref="FailWith"/>).</summary>
internal sealed class FakeModel(string id) : IChatClient
{
    private readonly Queue<Exception> _script = new();

    public int Calls { get; private set; }

    public Exception? FailWith { get; set; }

    public ChatOptions? LastOptions { get; private set; }

    public FakeModel Then(Exception error)
    {
        _script.Enqueue(error);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        LastOptions = options;
        if (_script.TryDequeue(out var scripted)) throw scripted;
        if (FailWith is not null) throw FailWith;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer of {id}"))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}

internal sealed class FakeModelClients(IReadOnlyDictionary<string, FakeModel> models) : IModelClients
{
    public IChatClient Get(string modelId) => models[modelId];
}

/// <summary>Quotas that answer what the test scripts per model, granted otherwise.</summary>
internal sealed class FakeModelQuotas : IModelQuotas
{
    private readonly Dictionary<string, Queue<ModelQuotaGrant>> _scripts = [];

    public List<(string Model, long Tokens)> Acquired { get; } = [];

    public List<(string Model, long Correction)> Reported { get; } = [];

    public FakeModelQuotas Answer(string model, params ModelQuotaGrant[] grants)
    {
        _scripts[model] = new Queue<ModelQuotaGrant>(grants);
        return this;
    }

    public ValueTask<ModelQuotaGrant> TryAcquireAsync(ModelCatalogEntry model, long estimatedTokens)
    {
        Acquired.Add((model.Id, estimatedTokens));
        return ValueTask.FromResult(_scripts.TryGetValue(model.Id, out var script) && script.TryDequeue(out var grant) ? grant : ModelQuotaGrant.Unlimited);
    }

    public ValueTask ReportAsync(ModelCatalogEntry model, ModelQuotaGrant grant, long tokenCorrection)
    {
        Reported.Add((model.Id, tokenCorrection));
        return ValueTask.CompletedTask;
    }
}
