using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TDeveloper.Grains.Options;

namespace TDeveloper.Hosting.Validation;

/// <summary>
/// Refuses reminder periods below Orleans' <see cref="ReminderOptions.MinimumReminderPeriod"/> (1 min by default; test clusters
/// lower it), which Orleans would otherwise reject only when a grain registers the reminder.
/// </summary>
internal sealed class ReminderPeriodValidator(IOptions<ReminderOptions> reminders) : IValidateOptions<WorkflowOptions>, IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options) =>
        Check($"{WorkflowOptions.Section}:{nameof(options.ResumeInterval)}", options.ResumeInterval);

    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        Check($"{SessionOptions.Section}:{nameof(options.CheckpointInterval)}", options.CheckpointInterval);

    private ValidateOptionsResult Check(string key, TimeSpan period)
    {
        var minimum = reminders.Value.MinimumReminderPeriod;
        return period >= minimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key}: {period} is below Orleans' minimum reminder period (ReminderOptions.MinimumReminderPeriod = {minimum}).");
    }
}
