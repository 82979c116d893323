using Microsoft.Extensions.Options;

namespace TDeveloper.Aws.Reminders;

/// <summary>Validates <see cref="DynamoDBReminderOptions"/> at start, reporting every problem at once.</summary>
public sealed class DynamoDBReminderOptionsValidator : IValidateOptions<DynamoDBReminderOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DynamoDBReminderOptions options)
    {
        var problems = DynamoDBClientOptionsChecks.Problems(options, options.TableName).ToList();
        if (!ReminderLayout.IsValid(options.Buckets)) problems.Add($"Buckets is {options.Buckets}; it must be a power of two from 1 to {ReminderLayout.MaxBuckets}.");
        if (options.PreviousBuckets is { } previous && !ReminderLayout.IsValid(previous))
        {
            problems.Add($"PreviousBuckets is {previous}; it must be a power of two from 1 to {ReminderLayout.MaxBuckets}, or unset.");
        }

        if (options.PreviousBuckets == options.Buckets) problems.Add($"PreviousBuckets equals Buckets ({options.Buckets}); unset it when no move is under way.");
        if (options.QueryPageSize is < 1) problems.Add($"QueryPageSize is {options.QueryPageSize}; it must be 1 or more, or unset.");
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"{nameof(DynamoDBReminderOptions)}: {problem}"));
    }
}
