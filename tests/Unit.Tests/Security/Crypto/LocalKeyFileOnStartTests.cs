using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TDeveloper.Hosting.Security;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>The silo reads the key file as it starts (so a damaged one stops it at once) and rotates it when told to.</summary>
public sealed class LocalKeyFileOnStartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tdev-keys-start-").FullName;

    private string KeyFile => Path.Combine(_directory, "master-keys.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_first_start_creates_the_key_file()
    {
        await StartAsync(rotate: false);

        Assert.Single(Keys());
    }

    [Fact]
    public async Task RotateOnStart_adds_a_current_key_and_keeps_the_old_ones()
    {
        await StartAsync(rotate: false);
        var before = Current();

        await StartAsync(rotate: true);

        Assert.NotEqual(before, Current());
        Assert.Equal(new[] { before, Current() }.Order(), Keys().Order());
    }

    [Fact]
    public async Task A_damaged_key_file_stops_the_start()
    {
        await File.WriteAllTextAsync(KeyFile, "{}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(rotate: false));

        Assert.Contains(KeyFile, error.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync(bool rotate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TDeveloper:Security:LocalKeys:Path"] = KeyFile,
            ["TDeveloper:Security:LocalKeys:RotateOnStart"] = rotate.ToString(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddTDeveloperKeys();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<LocalKeyFileOnStart>().RunAsync(CancellationToken.None);
    }

    private string Current() => JsonDocument.Parse(File.ReadAllText(KeyFile)).RootElement.GetProperty("Current").GetString()!;

    private List<string> Keys() => [.. JsonDocument.Parse(File.ReadAllText(KeyFile)).RootElement.GetProperty("Keys").EnumerateObject().Select(p => p.Name)];
}
