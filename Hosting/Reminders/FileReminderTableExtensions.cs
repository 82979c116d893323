using Microsoft.Extensions.Options;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Reminders;

/// <summary>Registers <see cref="FileReminderTable"/> as the silo's reminder table.</summary>
public static class FileReminderTableExtensions
{
    /// <summary>Uses a reminder table in local files, bound from <paramref name="section"/> (e.g. <c>TDeveloper:Reminders</c>).</summary>
    public static ISiloBuilder UseFileReminderService(this ISiloBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.AddReminders();
        builder.Services.AddOptions<FileReminderTableOptions>().Bind(section)
            .PostConfigure<IHostEnvironment>((o, host) =>
            {
                if (!string.IsNullOrWhiteSpace(o.Directory)) o.Directory = Path.GetFullPath(o.Directory, host.ContentRootPath);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FileReminderTableOptions>>(new KeyedDataAnnotationsValidator<FileReminderTableOptions>(null, section.Path));
        builder.Services.AddSingleton<IReminderTable, FileReminderTable>();
        return builder;
    }
}
