using Microsoft.Extensions.Options;

namespace TDeveloper.Client;

/// <summary>Checks <see cref="TDeveloperClientOptions"/> at start and reports every problem at once.</summary>
internal sealed class TDeveloperClientOptionsValidator : IValidateOptions<TDeveloperClientOptions>
{
    public ValidateOptionsResult Validate(string? name, TDeveloperClientOptions options)
    {
        List<string> problems = [];
        if (options.Gateways is not { Count: > 0 }) problems.Add("Gateways: at least one gateway is required.");
        foreach (var gateway in options.Gateways ?? [])
        {
            if (!GatewayAddress.TryParse(gateway, out _, out _)) problems.Add($"Gateways: '{gateway}' is not of the form host:port.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId)) problems.Add("ClusterId: required.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) problems.Add("ServiceId: required.");
        if (options.ConnectionRetryDelay <= TimeSpan.Zero) problems.Add("ConnectionRetryDelay: must be positive.");
        if (options.MaxConnectionAttempts < 1) problems.Add("MaxConnectionAttempts: must be at least 1.");
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{TDeveloperClientOptions.SectionName}:{p}"));
    }
}
