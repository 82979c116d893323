using System.IO.Compression;
using System.Text.Json;
using Spectre.Console;
using TDeveloper.Cli;

namespace TDeveloper.Api.Tests.Cli;

/// <summary>
/// Drives tdev's commands in-process (root command, args, captured stdout/stderr) against a real silo: embedded through its Orleans
/// gateway, and remote through its HTTP API (the test server's handler as the remote client's primary handler).
/// </summary>
public sealed class CliTests(SiloAppFactory silo) : IClassFixture<SiloAppFactory>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("tdev-cli-").FullName;

    private sealed record Run(int Code, string Out, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;
        public IReadOnlyList<JsonElement> JsonLines => [.. Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    private async Task<Run> TdevAsync(params string[] args)
    {
        _ = silo.Server; // the silo (and its gateway) is up before tdev connects
        var clusterId = silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ClusterId;
        return await TdevRawAsync([.. args, "--gateway", $"127.0.0.1:{silo.GatewayPort}", "--cluster-id", clusterId]);
    }

    /// <summary>Runs tdev with the profile <c>tdev login --url</c> saved (remote mode over the test server).</summary>
    private Task<Run> TdevRemoteAsync(params string[] args) => TdevRawAsync(args);

    /// <summary>Saves a remote profile for the test server with <paramref name="credential"/> (<c>--api-key k</c> or <c>--token t</c>).</summary>
    private async Task LoginRemoteAsync(params string[] credential)
    {
        _ = silo.Server;
        var login = await TdevRawAsync(["login", "--url", silo.Server.BaseAddress.ToString(), .. credential, "--json"]);
        Assert.True(login.Code == ExitCodes.Ok, login.Error + login.Out);
        Assert.True(login.Json.GetProperty("remote").GetBoolean());
    }

    private async Task<Run> TdevRawAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(stdout) });
        var app = new TDevApp(console, stdout, stderr, name => name == "TDEV_CONFIG" ? Path.Combine(_home, "config.json") : null, () => silo.Server.CreateHandler());
        var code = await app.RunAsync(args);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Submit_watch_json_completes_and_the_session_is_listed_shown_and_downloaded()
    {
        var submit = await TdevAsync("submit", "Add a README with a hello world example", "--watch", "--json");
        var (session, workflow) = AssertWatchedToCompletion(submit);

        var sessions = await TdevAsync("sessions", "--json");
        Assert.Equal(ExitCodes.Ok, sessions.Code);
        Assert.Contains(sessions.Json.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == session);

        var shownSession = await TdevAsync("show", session, "--json");
        Assert.Equal(ExitCodes.Ok, shownSession.Code);
        Assert.Equal("session", shownSession.Json.GetProperty("kind").GetString());
        var shownWorkflow = await TdevAsync("show", workflow);
        Assert.Equal(ExitCodes.Ok, shownWorkflow.Code);
        Assert.Contains("Completed", shownWorkflow.Out);

        var files = await TdevAsync("files", session, "--out", _home, "--json");
        Assert.Equal(ExitCodes.Ok, files.Code);
        var path = files.Json.GetProperty("path").GetString()!;
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(files.Json.GetProperty("files").GetArrayLength(), zip.Entries.Count);
    }

    [Fact]
    public async Task Submit_without_watch_shows_the_plan_for_people()
    {
        var submit = await TdevAsync("submit", "Write a function that adds two numbers");
        Assert.Equal(ExitCodes.Ok, submit.Code);
        Assert.Contains("workflow", submit.Out);
        Assert.Contains("tdev show", submit.Out);
        Assert.Empty(submit.Error);
    }

    [Fact]
    public async Task An_unknown_id_is_one_line_on_stderr_and_exit_code_not_found()
    {
        var show = await TdevAsync("show", "no-such-thing-42");
        Assert.Equal(ExitCodes.NotFound, show.Code);
        Assert.Single(show.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-thing-42", show.Error);
        Assert.Empty(show.Out);

        var files = await TdevAsync("files", "no-such-session-42", "--out", _home);
        Assert.Equal(ExitCodes.NotFound, files.Code);
        var cancel = await TdevAsync("cancel", "no-such-workflow-42");
        Assert.Equal(ExitCodes.NotFound, cancel.Code);
    }

    [Theory]
    [InlineData("sessions", "--limit", "0")]
    [InlineData("submit")]
    [InlineData("approve", "only-a-workflow")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_with_the_usage_code_without_connecting(params string[] args)
    {
        var run = await TdevRawAsync([.. args, "--gateway", "127.0.0.1:1"]);
        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.StartsWith("tdev: ", run.Error);
    }

    [Fact]
    public async Task No_cluster_is_a_connection_error()
    {
        var run = await TdevRawAsync("sessions", "--gateway", $"127.0.0.1:{FreePort.Next()}");
        Assert.Equal(ExitCodes.Connection, run.Code);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Login_saves_the_profile_for_the_user_only()
    {
        var run = await TdevRawAsync("login", "--gateway", "10.1.2.3:30000", "--tenant", "acme", "--token", "s3cret", "--json");
        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.DoesNotContain("s3cret", run.Out);
        var path = Path.Combine(_home, "config.json");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var saved = CliProfile.Load(path);
        Assert.Equal(["10.1.2.3:30000"], saved.Gateways);
        Assert.Equal("acme", saved.Tenant);
        Assert.Equal("s3cret", saved.Token);
    }

    [Fact]
    public async Task Remote_submit_watch_json_completes_and_the_session_is_listed_shown_and_downloaded_over_http()
    {
        var key = await silo.CreateApiKeyAsync("cli-remote");
        await LoginRemoteAsync("--api-key", key.Key);
        Assert.Equal(key.Key, CliProfile.Load(Path.Combine(_home, "config.json")).ApiKey);

        var submit = await TdevRemoteAsync("submit", "Add a README with a hello world example", "--watch", "--json");
        var (session, workflow) = AssertWatchedToCompletion(submit);

        var sessions = await TdevRemoteAsync("sessions", "--json");
        Assert.Equal(ExitCodes.Ok, sessions.Code);
        Assert.Contains(sessions.Json.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == session);

        var shown = await TdevRemoteAsync("show", session, "--json");
        Assert.Equal(ExitCodes.Ok, shown.Code);
        Assert.Equal("cli-remote", shown.Json.GetProperty("session").GetProperty("tenant").GetString()); // the credential's tenant
        Assert.True(shown.Json.GetProperty("usage").GetProperty("total").GetProperty("totalTokens").GetInt64() > 0);
        var shownWorkflow = await TdevRemoteAsync("show", workflow);
        Assert.Equal(ExitCodes.Ok, shownWorkflow.Code);
        Assert.Contains("Completed", shownWorkflow.Out);

        var files = await TdevRemoteAsync("files", session, "--out", _home, "--json");
        Assert.Equal(ExitCodes.Ok, files.Code);
        using var zip = ZipFile.OpenRead(files.Json.GetProperty("path").GetString()!);
        Assert.NotEmpty(zip.Entries);
        Assert.Equal(files.Json.GetProperty("files").GetArrayLength(), zip.Entries.Count);

        // The same session is not the embedded default tenant's.
        var embedded = await TdevAsync("show", session);
        Assert.Equal(ExitCodes.NotFound, embedded.Code);
    }

    [Fact]
    public async Task Remote_with_a_token_an_unknown_id_is_not_found_on_one_line()
    {
        var token = await silo.CreateTokenAsync("cli-remote-token");
        await LoginRemoteAsync("--token", token.AccessToken);

        var show = await TdevRemoteAsync("show", "no-such-thing-43");
        Assert.Equal(ExitCodes.NotFound, show.Code);
        Assert.Single(show.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-thing-43", show.Error);
        Assert.Empty(show.Out);
        Assert.Equal(ExitCodes.NotFound, (await TdevRemoteAsync("files", "no-such-session-43", "--out", _home)).Code);
        Assert.Equal(ExitCodes.NotFound, (await TdevRemoteAsync("cancel", "no-such-workflow-43")).Code);
        Assert.Equal(ExitCodes.Ok, (await TdevRemoteAsync("sessions")).Code);
    }

    [Fact]
    public async Task Remote_with_a_bad_credential_is_unauthenticated_on_one_line()
    {
        await LoginRemoteAsync("--api-key", "tdk_unknown_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var run = await TdevRemoteAsync("sessions");
        Assert.Equal(ExitCodes.Unauthenticated, run.Code);
        Assert.StartsWith("tdev: ", run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(run.Out);

        var check = await TdevRawAsync("login", "--url", silo.Server.BaseAddress.ToString(), "--token", "not-a-token", "--check");
        Assert.Equal(ExitCodes.Unauthenticated, check.Code);
    }

    [Fact]
    public async Task Help_names_the_program_tdev()
    {
        var help = await TdevRawAsync("--help");
        Assert.Equal(ExitCodes.Ok, help.Code);
        Assert.Contains("tdev [command] [options]", help.Out);
        Assert.Contains("--url", help.Out);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    /// <summary>Checks a <c>submit --watch --json</c> run: the plan first, step events, then a completed summary with tokens; returns its session and workflow.</summary>
    private static (string Session, string Workflow) AssertWatchedToCompletion(Run submit)
    {
        Assert.True(submit.Code == ExitCodes.Ok, submit.Error + submit.Out);
        var lines = submit.JsonLines;
        Assert.Equal("plan", lines[0].GetProperty("type").GetString());
        Assert.Contains(lines, l => l.GetProperty("type").GetString() == "event" && l.GetProperty("event").GetProperty("kind").GetString() == "StepCompleted");
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("type").GetString());
        Assert.Equal("Completed", summary.GetProperty("summary").GetProperty("status").GetString());
        Assert.True(summary.GetProperty("summary").GetProperty("totalTokens").GetInt64() > 0);
        return (lines[0].GetProperty("session").GetString()!, lines[0].GetProperty("workflowId").GetString()!);
    }
}
