using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using TDeveloper.Grains.Models;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Models;

/// <summary>Registers the <see cref="IChatClient"/> the agents use, chosen by <see cref="ModelOptions"/>, with logging and OpenTelemetry.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Adds the configured model (the offline model unless configured otherwise).</summary>
    public static IServiceCollection AddTDeveloperModel(this IServiceCollection services)
    {
        services.AddValidatedOptions<ModelOptions>(ModelOptions.Section);
        services.AddOptions<OfflineModelOptions>().BindConfiguration(OfflineModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddChatClient(CreateInnerClient).UseLogging().UseOpenTelemetry(sourceName: "TDeveloper");
        return services;
    }

    private static IChatClient CreateInnerClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ModelOptions>>().Value;
        return options.Provider switch
        {
            ModelProvider.OpenAI => new OpenAIClient(
                    new ApiKeyCredential(options.ApiKey ?? "unused"),
                    new OpenAIClientOptions { Endpoint = options.Endpoint })
                .GetChatClient(options.ModelId)
                .AsIChatClient(),
            _ => ActivatorUtilities.CreateInstance<OfflineChatClient>(services),
        };
    }
}
