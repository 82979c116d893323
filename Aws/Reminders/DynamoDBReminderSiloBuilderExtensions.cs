// Written by hand: the official Microsoft.Orleans.Reminders.DynamoDB package is not served by our package
// registry. Same shape as its UseDynamoDBReminderService, so swapping to it later is one line.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;

namespace TDeveloper.Aws.Reminders;

/// <summary>Registers <see cref="DynamoDBReminderTable"/> as a silo's reminder table.</summary>
public static class DynamoDBReminderSiloBuilderExtensions
{
    /// <summary>
    /// Adds reminders to the silo, kept in DynamoDB by <see cref="DynamoDBReminderTable"/>. The options are
    /// validated when the host starts; the reminder service then starts the table, which checks the table
    /// exists, so a missing table or refused credentials stop the silo with an error that names them.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Configures the endpoint, credentials and table.</param>
    /// <returns>The <paramref name="builder"/>, for chaining.</returns>
    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<DynamoDBReminderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        builder.Services.AddOptions<DynamoDBReminderOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDBReminderOptions>, DynamoDBReminderOptionsValidator>());
        builder.Services.AddSingleton<IReminderTable, DynamoDBReminderTable>();
        return builder;
    }
}
