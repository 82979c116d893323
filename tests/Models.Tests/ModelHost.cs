using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Models;
using TDeveloper.Hosting.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The model services as the silo registers them (<c>AddTDeveloperModel</c>), over a one-model catalog from configuration.</summary>
internal static class ModelHost
{
    public const string ModelId = "model-under-test";

    public static ServiceProvider Build(IDictionary<string, string?> entry)
    {
        var settings = entry.ToDictionary(p => $"{ModelCatalogOptions.Section}:Catalog:0:{p.Key}", p => p.Value);
        settings[$"{ModelCatalogOptions.Section}:Catalog:0:Id"] = ModelId;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTDeveloperModel();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IChatClient ChatClient(this ServiceProvider services) => services.GetRequiredService<IModelClients>().Get(ModelId);

    /// <summary>Options as the invoker sends them: the step attempt's idempotency key in the additional properties.</summary>
    public static ChatOptions Options(string idempotencyKey = "wf-1/step-2/attempt-1", params AITool[] tools) => new()
    {
        Tools = tools.Length > 0 ? [.. tools] : null,
        AdditionalProperties = new() { [ProviderChatClient.IdempotencyKeyProperty] = idempotencyKey },
    };

    /// <summary>A tool the model may call; a declaration only, so the function-invoking layer hands the call back to the test.</summary>
    public static AIFunctionDeclaration ReadFileTool { get; } = AIFunctionFactory.CreateDeclaration(
        "read_file",
        "Reads a file of the session workspace.",
        System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""").RootElement);

    public static List<ChatMessage> Question { get; } = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Say hello.")];
}
