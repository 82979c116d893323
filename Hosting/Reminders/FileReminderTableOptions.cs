using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting.Reminders;

/// <summary>Gets or sets where <see cref="FileReminderTable"/> keeps reminders (section <c>TDeveloper:Reminders</c>).</summary>
public sealed class FileReminderTableOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Reminders";

    /// <summary>Gets or sets the directory of the reminder files (one per service id); created when missing, relative paths are under the content root. Default <c>data/reminders</c>, next to <c>data/grains</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = Path.Combine("data", "reminders");

    /// <summary>Gets or sets how long a change waits for another process's lock on the table. Default 10 s; must be positive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
