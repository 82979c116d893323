using Microsoft.Extensions.Options;

namespace TDeveloper.Aws.Membership;

/// <summary>Validates <see cref="DynamoDBClusteringOptions"/> at start, reporting every problem at once.</summary>
public sealed class DynamoDBClusteringOptionsValidator : IValidateOptions<DynamoDBClusteringOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DynamoDBClusteringOptions options)
    {
        var problems = DynamoDBClientOptionsChecks.Problems(options, options.TableName).ToList();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem => $"DynamoDB clustering: {problem}"));
    }
}
