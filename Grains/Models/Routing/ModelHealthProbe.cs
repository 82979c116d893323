using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Models.Routing;

/// <summary>
/// Sends a tiny request ("ping", one output token) to every model whose circuit is open and whose break has passed,
/// so a model that recovered is healthy again before a step depends on it, and one still failing stays skipped for
/// another break. The probe goes through the invoker, so it counts against the model's quota like any call.
/// </summary>
public sealed partial class ModelHealthProbe(ModelHealth health, IModelInvoker invoker, TimeProvider time, ILogger<ModelHealthProbe> logger)
{
    /// <summary>The agent name probe calls are made under.</summary>
    public const string Agent = "HealthProbe";

    /// <summary>Probes the models due for a trial; returns those that answered.</summary>
    public async Task<IReadOnlyList<string>> ProbeDueAsync(CancellationToken cancellationToken)
    {
        var healthy = new List<string>();
        foreach (var model in health.DueForTrial())
        {
            try
            {
                await invoker.InvokeAsync(RequestFor(model), cancellationToken);
                healthy.Add(model);
                LogHealthy(model);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogStillFailing(ex, model);
            }
        }

        return healthy;
    }

    private ModelRequest RequestFor(string model) => new()
    {
        Agent = Agent,
        Messages = [new ChatMessage(ChatRole.User, "ping")],
        Options = new ChatOptions { MaxOutputTokens = 1 },
        Requirements = new ModelRequirements { Pinned = [model] },
        IdempotencyKey = $"probe/{model}/{time.GetUtcNow().ToUnixTimeMilliseconds()}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} answered its health probe; its circuit is closed")]
    private partial void LogHealthy(string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} failed its health probe; it stays skipped for another break")]
    private partial void LogStillFailing(Exception exception, string model);
}
