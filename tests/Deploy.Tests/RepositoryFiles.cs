using Microsoft.Extensions.Configuration;

namespace TDeveloper.Deploy.Tests;

/// <summary>Finds the repository's files from the test's output directory, and reads the hosts' appsettings.json.</summary>
internal static class RepositoryFiles
{
    /// <summary>Gets the repository root (the directory holding Orleans.TDeveloper.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Gets a path under the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Reads a host's appsettings.json (e.g. "Silo") as configuration.</summary>
    public static IConfiguration AppSettings(string host) =>
        new ConfigurationBuilder().AddJsonFile(PathOf(host, "appsettings.json"), optional: false).Build();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.TDeveloper.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Orleans.TDeveloper.sln not found above " + AppContext.BaseDirectory);
    }
}
