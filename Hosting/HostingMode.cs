namespace TDeveloper.Hosting;

/// <summary>Which providers the silo uses by default (<c>TDeveloper:Mode</c>); <c>TDeveloper:Providers</c> overrides each.</summary>
public enum HostingMode
{
    /// <summary>Zero setup: localhost clustering, grain state and reminders in local files, memory streams.</summary>
    Embedded,
    /// <summary>Production: DynamoDB membership, grain state and reminders (section <c>TDeveloper:Aws</c>); Kinesis streams (<c>TDeveloper:Aws:Kinesis</c>).</summary>
    Aws,
}

/// <summary>Reads <see cref="HostingMode"/> from configuration.</summary>
public static class HostingModes
{
    /// <summary>The configuration key of the mode.</summary>
    public const string Key = "TDeveloper:Mode";

    /// <summary>Gets the configured mode; <see cref="HostingMode.Embedded"/> when unset.</summary>
    /// <exception cref="InvalidOperationException">The mode is unknown; the message names the key and the allowed values.</exception>
    public static HostingMode Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key] ?? nameof(HostingMode.Embedded);
        return Enum.TryParse<HostingMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{Key} '{text}' is unknown; use one of: {string.Join(", ", Enum.GetNames<HostingMode>())}.");
    }
}
