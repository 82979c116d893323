using Microsoft.Extensions.Options;

namespace TDeveloper.Aws;

/// <summary>Validates <see cref="AwsModeOptions"/>, reporting every problem at once, each named by its full configuration key.</summary>
public sealed class AwsModeOptionsValidator : IValidateOptions<AwsModeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AwsModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = AwsModeOptions.Section + ":";
        var problems = DynamoDBClientOptionsChecks.TableNameProblems(options.MembershipTable, prefix + nameof(options.MembershipTable))
            .Concat(DynamoDBClientOptionsChecks.TableNameProblems(options.GrainStateTable, prefix + nameof(options.GrainStateTable)))
            .Concat(DynamoDBClientOptionsChecks.TableNameProblems(options.ReminderTable, prefix + nameof(options.ReminderTable)))
            .Concat(DynamoDBClientOptionsChecks.ClientProblems(options, prefix))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
