using Microsoft.Extensions.Options;

namespace TDeveloper.Aws.Reminders;

/// <summary>Validates <see cref="DynamoDBReminderOptions"/> at start, reporting every problem at once.</summary>
public sealed class DynamoDBReminderOptionsValidator : IValidateOptions<DynamoDBReminderOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DynamoDBReminderOptions options)
    {
        var problems = DynamoDBClientOptionsChecks.Problems(options, options.TableName).ToList();
        if (options.QueryPageSize is < 1) problems.Add($"QueryPageSize is {options.QueryPageSize}; it must be 1 or more, or unset.");
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"{nameof(DynamoDBReminderOptions)}: {problem}"));
    }
}
