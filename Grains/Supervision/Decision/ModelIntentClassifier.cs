using Microsoft.Extensions.AI;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>
/// Classifies through the model layer (<see cref="IModelInvoker"/>: routing, fallback, quotas, circuit breakers) with a JSON
/// answer. The offline model recognises the prompt and answers deterministically (<see cref="OfflineIntentClassifier"/>).
/// </summary>
public sealed class ModelIntentClassifier(IModelInvoker models) : IIntentClassifier
{
    /// <summary>The name the classifier calls models as (a model chain may be configured for it under this name).</summary>
    public const string AgentName = "IntentClassifier";

    /// <summary>Gets the system prompt.</summary>
    public static string SystemPrompt { get; } =
        $"You are {AgentName}: you decide which agents a software development request needs. The agents: " +
        $"{AgentNames.Design} (architecture, interfaces, data models), {AgentNames.Code} (writes, fixes, refactors and deploys code), " +
        $"{AgentNames.Test} (automated tests), {AgentNames.Security} (security review), {AgentNames.Docs} (documentation), " +
        $"{AgentNames.Review} (reviews finished work). Answer with one JSON object only: " +
        "{\"agents\": [agent names], \"confidence\": number from 0 to 1, \"reason\": one sentence}. " +
        "Give a low confidence when the request is unclear.";

    /// <inheritdoc/>
    public async Task<IntentClassification> ClassifyAsync(string requestText, CancellationToken cancellationToken)
    {
        var reply = await models.InvokeAsync(new ModelRequest
        {
            Agent = AgentName,
            Messages = [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, requestText)],
            Options = new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 },
            IdempotencyKey = $"decision-{Guid.NewGuid():N}",
        }, cancellationToken);
        return IntentClassification.Parse(reply.Response.Text);
    }
}
