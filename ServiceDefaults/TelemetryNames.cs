namespace TDeveloper.ServiceDefaults;

/// <summary>The meters and activity sources every T-Developer host exports.</summary>
public static class TelemetryNames
{
    /// <summary>The meter and activity source of T-Developer's own code.</summary>
    public const string TDeveloper = "TDeveloper";

    /// <summary>Gets the meters exported: ours, Orleans' and Microsoft.Extensions.AI's.</summary>
    public static IReadOnlyList<string> Meters { get; } = [TDeveloper, "Microsoft.Orleans", "Experimental.Microsoft.Extensions.AI"];

    /// <summary>Gets the activity sources exported: ours, Orleans' and Microsoft.Extensions.AI's.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        [TDeveloper, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Experimental.Microsoft.Extensions.AI"];
}
