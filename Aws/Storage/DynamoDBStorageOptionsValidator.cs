using Microsoft.Extensions.Options;

namespace TDeveloper.Aws.Storage;

/// <summary>Validates the <see cref="DynamoDBStorageOptions"/> of one named storage provider, reporting every problem at once.</summary>
/// <param name="providerName">The name of the storage provider whose options this validates; other names pass.</param>
internal sealed class DynamoDBStorageOptionsValidator(string providerName) : IValidateOptions<DynamoDBStorageOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DynamoDBStorageOptions options)
    {
        if (!string.Equals(name, providerName, StringComparison.Ordinal)) return ValidateOptionsResult.Skip;
        var problems = Problems(providerName, options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing every problem of <paramref name="options"/>, if any.</summary>
    /// <param name="name">The storage provider's name, used in the messages.</param>
    /// <param name="options">The options to check.</param>
    public static void ThrowIfInvalid(string name, DynamoDBStorageOptions options)
    {
        var problems = Problems(name, options);
        if (problems.Count > 0) throw new OptionsValidationException(name, typeof(DynamoDBStorageOptions), problems);
    }

    private static List<string> Problems(string name, DynamoDBStorageOptions options)
    {
        var prefix = $"DynamoDB grain storage '{name}':";
        var problems = DynamoDBClientOptionsChecks.Problems(options, options.TableName).Select(problem => $"{prefix} {problem}").ToList();
        if (options.MaxStateBytes <= 0) problems.Add($"{prefix} MaxStateBytes must be positive (was {options.MaxStateBytes}).");
        if (options.CompressAboveBytes <= 0) problems.Add($"{prefix} CompressAboveBytes must be positive (was {options.CompressAboveBytes}).");
        if (options.OrphanedChunkGracePeriod < TimeSpan.FromMinutes(1)) problems.Add($"{prefix} OrphanedChunkGracePeriod must be at least a minute, longer than any write takes (was {options.OrphanedChunkGracePeriod}).");
        if (!Enum.IsDefined(options.Compression)) problems.Add($"{prefix} Compression '{options.Compression}' is not a known algorithm.");
        if (!options.UseJson && options.GrainStorageSerializer is null)
        {
            problems.Add($"{prefix} GrainStorageSerializer is not set; register the provider with AddDynamoDBGrainStorage (which defaults it to Orleans' serializer), set it, or set UseJson.");
        }

        return problems;
    }
}
