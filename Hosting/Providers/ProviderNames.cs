namespace TDeveloper.Hosting.Providers;

/// <summary>The provider names <c>TDeveloper:Providers</c> accepts (Orleans registers <see cref="Memory"/>; the others are ours).</summary>
public static class ProviderNames
{
    /// <summary>Orleans' localhost clustering, on the ports of <c>TDeveloper:Silo</c>.</summary>
    public const string Localhost = "Localhost";

    /// <summary>Local files: grain state under <c>TDeveloper:Storage</c>, reminders under <c>TDeveloper:Reminders</c>, workspaces under <c>TDeveloper:Workspaces</c>.</summary>
    public const string File = "File";

    /// <summary>Orleans' in-memory providers: nothing outlives the silo.</summary>
    public const string Memory = "Memory";

    /// <summary>Amazon S3 (or an emulator): workspace bodies, configured by <c>TDeveloper:Workspaces:S3</c>.</summary>
    public const string S3 = "S3";

    /// <summary>Our DynamoDB adapters, configured by <c>TDeveloper:Aws</c>.</summary>
    public const string DynamoDB = "DynamoDB";

    /// <summary>Master keys in a local key file, configured by <c>TDeveloper:Security:LocalKeys</c>.</summary>
    public const string Local = "Local";

    /// <summary>AWS KMS data keys, configured by <c>TDeveloper:Security:Kms</c>.</summary>
    public const string Kms = "Kms";
}
