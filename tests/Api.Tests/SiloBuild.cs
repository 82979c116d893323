namespace TDeveloper.Api.Tests;

/// <summary>Where the Silo host built beside these tests (same configuration) is, for tests that run it as a real process.</summary>
public static class SiloBuild
{
    /// <summary>Gets the path of <c>TDeveloper.Silo.dll</c>, found from the repository root.</summary>
    public static string Assembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name; // …/bin/{Configuration}/{tfm}/
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Silo", "bin", configuration, testOutput.Name, "TDeveloper.Silo.dll");
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException($"TDeveloper.Silo.dll ({configuration}) not found above {AppContext.BaseDirectory}; build the solution first.");
    }
}
