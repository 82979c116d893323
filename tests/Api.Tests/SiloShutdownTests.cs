using System.Diagnostics;
using TDeveloper.Testing;

namespace TDeveloper.Api.Tests;

/// <summary>A real silo process in the AWS mode stops soon after SIGTERM even when its DynamoDB endpoint has gone away (POSIX: it sends SIGTERM with kill).</summary>
public sealed class SiloShutdownTests
{
    /// <summary>The bound asserted, with slack: the silo's own budget is 25 s (and it takes about a second in practice).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silo_whose_membership_table_is_gone_exits_within_30_s_of_SIGTERM()
    {
        await using var dynalite = await DynaliteProcess.StartAsync();
        var httpPort = FreePort.Next();
        using var silo = StartSilo(dynalite.ServiceUrl, httpPort);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        silo.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        silo.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            await WaitHealthyAsync(silo, httpPort, output);

            dynalite.Kill();
            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", silo.Id.ToString()])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(Bound + TimeSpan.FromSeconds(30));
            await silo.WaitForExitAsync(timeout.Token);

            Assert.True(stopwatch.Elapsed < Bound, $"The silo took {stopwatch.Elapsed} to stop.\n{string.Join('\n', output.TakeLast(40))}");
            Assert.Contains(output, line => line.Contains("membership table unreachable during shutdown; stopping without a graceful leave", StringComparison.Ordinal));
        }
        finally
        {
            if (!silo.HasExited) silo.Kill(entireProcessTree: true);
        }
    }

    private static Process StartSilo(string serviceUrl, int httpPort)
    {
        var clusterId = "shutdown-" + Guid.NewGuid().ToString("N")[..8];
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloBuild.Assembly())!,
        };
        foreach (var argument in new[]
        {
            SiloBuild.Assembly(), "--urls", $"http://127.0.0.1:{httpPort}", $"--TDeveloper:Grpc:Urls=http://127.0.0.1:{FreePort.Next()}",
            "--TDeveloper:Mode=Aws", $"--TDeveloper:Aws:ServiceUrl={serviceUrl}", "--TDeveloper:Aws:CreateIfNotExists=true",
            "--TDeveloper:Aws:AccessKey=test", "--TDeveloper:Aws:SecretKey=test", "--TDeveloper:Providers:Workspaces=Memory", "--TDeveloper:Providers:Keys=Local",
            "--TDeveloper:Silo:AdvertisedIPAddress=127.0.0.1", $"--TDeveloper:Silo:SiloPort={FreePort.Next()}", $"--TDeveloper:Silo:GatewayPort={FreePort.Next()}",
            $"--TDeveloper:Silo:ClusterId={clusterId}", $"--TDeveloper:Silo:ServiceId={clusterId}",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    /// <summary>
    /// Asks the silo process for /health until it answers, within 60 s. A bounded poll on purpose: the
    /// process announces nothing the test can await, and health is only known by asking.
    /// </summary>
    private static async Task WaitHealthyAsync(Process silo, int httpPort, IEnumerable<string> output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (silo.HasExited) Assert.Fail($"The silo exited with code {silo.ExitCode} before it was healthy.\n{string.Join('\n', output)}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline) Assert.Fail($"The silo was not healthy within 60 s.\n{string.Join('\n', output)}");
            await Task.Delay(250);
        }
    }
}
