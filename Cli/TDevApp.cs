using System.CommandLine;
using Spectre.Console;
using TDeveloper.Cli.Commands;
using TDeveloper.Cli.Connection;
using TDeveloper.Client;

namespace TDeveloper.Cli;

/// <summary>The tdev command tree, and how one invocation runs: parse, connect through <see cref="TDevConnection"/>, run, map errors to exit codes.</summary>
public sealed class TDevApp
{
    /// <summary>Gets the global <c>--json</c> option.</summary>
    internal static readonly Option<bool> JsonOption = new("--json") { Description = "Machine-readable JSON output", Recursive = true };

    /// <summary>Gets the global <c>--gateway</c> option (overrides the profile).</summary>
    internal static readonly Option<string[]> GatewayOption = new("--gateway") { Description = "Silo gateway host:port (repeatable); default from tdev login, else 127.0.0.1:30000", Recursive = true, AllowMultipleArgumentsPerToken = false };

    /// <summary>Gets the global <c>--tenant</c> option (overrides the profile).</summary>
    internal static readonly Option<string?> TenantOption = new("--tenant") { Description = "Tenant to act in; default from tdev login, else 'default'", Recursive = true };

    /// <summary>Gets the global <c>--cluster-id</c> option (overrides the profile).</summary>
    internal static readonly Option<string?> ClusterIdOption = new("--cluster-id") { Description = "Orleans cluster id of the silos; default 'tdeveloper'", Recursive = true };

    /// <summary>Gets the global <c>--url</c> option: the remote HTTP API to use instead of silo gateways (overrides the profile).</summary>
    internal static readonly Option<string?> UrlOption = new("--url") { Description = "URL of a remote T-Developer API (Gateway or silo), instead of silo gateways; default from tdev login or TDEV_URL", Recursive = true };

    /// <summary>The program name shown in help and usage, whatever the executable is called (tdev, Cli, testhost).</summary>
    public const string ProgramName = "tdev";

    private readonly CliOutput _output;
    private readonly Func<string, string?> _environment;
    private readonly Func<HttpMessageHandler>? _remoteHandler;

    /// <summary>Creates the app over the given console, raw stdout and stderr; <paramref name="environment"/> reads environment variables.</summary>
    public TDevApp(IAnsiConsole console, TextWriter rawOut, TextWriter error, Func<string, string?>? environment = null)
        : this(console, rawOut, error, environment, remoteHandler: null)
    {
    }

    /// <summary>Creates the app with <paramref name="remoteHandler"/> as the remote client's primary HTTP handler (tests: the in-memory test server).</summary>
    internal TDevApp(IAnsiConsole console, TextWriter rawOut, TextWriter error, Func<string, string?>? environment, Func<HttpMessageHandler>? remoteHandler)
    {
        _output = new CliOutput(console, rawOut, error);
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _remoteHandler = remoteHandler;
    }

    /// <summary>Gets the path of the per-user config file this app reads and <c>tdev login</c> writes.</summary>
    public string ConfigPath => CliProfile.DefaultPath(_environment);

    /// <summary>Runs one command line and returns its exit code.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        _output.Json = parse.GetValue(JsonOption);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors) _output.WriteError(problem.Message);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = _output.Console.Profile.Out.Writer, Error = TextWriter.Null, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException e)
        {
            _output.WriteError(e.Message);
            return e.ExitCode;
        }
        catch (TDeveloperException e)
        {
            _output.WriteError(e.Message);
            return ExitCodes.Of(e);
        }
        catch (NotSupportedException e)
        {
            _output.WriteError(e.Message);
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.WriteError("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (ArgumentException e)
        {
            _output.WriteError(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException)
        {
            _output.WriteError($"lost the cluster: {e.Message}");
            return ExitCodes.Connection;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cluster failed the call (a storage or stream outage, a bug): still one line, not a stack trace.
            _output.WriteError($"the cluster could not do it: {e.GetType().Name}: {FirstLine(e.Message)}");
            return ExitCodes.Failed;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>The command tree; the root is a plain command named <see cref="ProgramName"/> (a <see cref="RootCommand"/> takes the executable's name), with help and version.</summary>
    internal Command BuildRoot()
    {
        var root = new Command(ProgramName, "tdev: talk to a T-Developer cluster (submit requests, watch them, approve steps, fetch workspaces), on this machine or remote")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(JsonOption);
        root.Options.Add(UrlOption);
        root.Options.Add(GatewayOption);
        root.Options.Add(TenantOption);
        root.Options.Add(ClusterIdOption);
        var context = new CommandContext(_output, this);
        root.Subcommands.Add(SubmitCommand.Create(context));
        root.Subcommands.Add(SessionsCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(DecisionCommands.CreateApprove(context));
        root.Subcommands.Add(DecisionCommands.CreateCancel(context));
        root.Subcommands.Add(FilesCommand.Create(context));
        root.Subcommands.Add(LoginCommand.Create(context));
        return root;
    }

    /// <summary>Gets the remote client's primary HTTP handler, when the app was made with one (tests).</summary>
    internal Func<HttpMessageHandler>? RemoteHandler => _remoteHandler;

    /// <summary>
    /// The profile in force for one invocation: the config file, then the environment (TDEV_GATEWAY or TDEV_URL, TDEV_TENANT,
    /// TDEV_API_KEY, TDEV_TOKEN), then the options (--gateway or --url, --tenant, --cluster-id).
    /// </summary>
    internal CliProfile Profile(ParseResult parse)
    {
        var profile = CliProfile.Load(ConfigPath);
        if (_environment("TDEV_GATEWAY") is { Length: > 0 } gateway) profile = profile with { Gateways = gateway.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Url = null };
        if (_environment("TDEV_URL") is { Length: > 0 } envUrl) profile = profile with { Url = RemoteUrl(envUrl, "TDEV_URL") };
        if (_environment("TDEV_TENANT") is { Length: > 0 } tenant) profile = profile with { Tenant = tenant };
        if (_environment("TDEV_API_KEY") is { Length: > 0 } apiKey) profile = profile with { ApiKey = apiKey, Token = null };
        if (_environment("TDEV_TOKEN") is { Length: > 0 } token) profile = profile with { Token = token, ApiKey = null };
        if (parse.GetValue(GatewayOption) is { Length: > 0 } gateways) profile = profile with { Gateways = gateways, Url = null };
        if (parse.GetValue(UrlOption) is { Length: > 0 } url) profile = profile with { Url = RemoteUrl(url, "--url") };
        if (parse.GetValue(TenantOption) is { Length: > 0 } t) profile = profile with { Tenant = t };
        if (parse.GetValue(ClusterIdOption) is { Length: > 0 } cluster) profile = profile with { ClusterId = cluster };
        return profile;
    }

    /// <summary>Checks a remote URL (absolute http or https) and returns it with a trailing slash, so API paths resolve under it.</summary>
    internal static string RemoteUrl(string value, string what)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException(ExitCodes.Usage, $"{what} must be an http(s) URL, not '{value}'");
        var text = uri.ToString();
        return text.EndsWith('/') ? text : text + "/";
    }
}

/// <summary>What every command's action gets: the output and a way to connect.</summary>
internal sealed class CommandContext(CliOutput output, TDevApp app)
{
    /// <summary>Gets the output.</summary>
    public CliOutput Output { get; } = output;

    /// <summary>Gets the app (profile and config path).</summary>
    public TDevApp App { get; } = app;

    /// <summary>Connects as the invocation's profile says.</summary>
    public Task<TDevConnection> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        TDevConnection.OpenAsync(App.Profile(parse), App.RemoteHandler, cancellationToken);
}
