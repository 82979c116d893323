using System.CommandLine;
using Spectre.Console;
using TDeveloper.Cli.Commands;
using TDeveloper.Cli.Connection;

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

    private readonly CliOutput _output;
    private readonly Func<string, string?> _environment;

    /// <summary>Creates the app over the given console, raw stdout and stderr; <paramref name="environment"/> reads environment variables.</summary>
    public TDevApp(IAnsiConsole console, TextWriter rawOut, TextWriter error, Func<string, string?>? environment = null)
    {
        _output = new CliOutput(console, rawOut, error);
        _environment = environment ?? Environment.GetEnvironmentVariable;
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
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException)
        {
            _output.WriteError($"lost the cluster: {e.Message}");
            return ExitCodes.Connection;
        }
    }

    private RootCommand BuildRoot()
    {
        var root = new RootCommand("tdev: talk to a T-Developer cluster (submit requests, watch them, approve steps, fetch workspaces)");
        root.Options.Add(JsonOption);
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

    /// <summary>The profile in force for one invocation: the config file, then the environment (TDEV_GATEWAY, TDEV_TENANT), then the options.</summary>
    internal CliProfile Profile(ParseResult parse)
    {
        var profile = CliProfile.Load(ConfigPath);
        if (_environment("TDEV_GATEWAY") is { Length: > 0 } gateway) profile = profile with { Gateways = gateway.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Url = null };
        if (_environment("TDEV_TENANT") is { Length: > 0 } tenant) profile = profile with { Tenant = tenant };
        if (parse.GetValue(GatewayOption) is { Length: > 0 } gateways) profile = profile with { Gateways = gateways, Url = null };
        if (parse.GetValue(TenantOption) is { Length: > 0 } t) profile = profile with { Tenant = t };
        if (parse.GetValue(ClusterIdOption) is { Length: > 0 } cluster) profile = profile with { ClusterId = cluster };
        return profile;
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
        TDevConnection.OpenAsync(App.Profile(parse), cancellationToken);
}
