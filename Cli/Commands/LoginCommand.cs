using Spectre.Console;
using System.CommandLine;
using TDeveloper.Cli.Connection;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev login</c>: saves where to connect (and a credential) in the per-user config file, mode 0600.</summary>
internal static class LoginCommand
{
    public static Command Create(CommandContext context)
    {
        var url = new Option<Uri?>("--url") { Description = "URL of a remote Gateway (needs the remote client)" };
        var token = new Option<string?>("--token") { Description = "Bearer token or API key for --url (prefer --token-stdin: a flag shows in the shell's history)" };
        var tokenStdin = new Option<bool>("--token-stdin") { Description = "Read the token from standard input" };
        var user = new Option<string?>("--user") { Description = "Name used as session owner and approver (default: your login name)" };
        var check = new Option<bool>("--check") { Description = "Connect once to check the settings before saving" };
        var command = new Command("login", "Save where tdev connects (gateway or URL, tenant, credential) for your user") { url, token, tokenStdin, user, check };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = context.App;
            var profile = app.Profile(parse);
            var secret = parse.GetValue(tokenStdin) ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() : parse.GetValue(token);
            if (parse.GetValue(url) is { } remote)
            {
                if (!remote.IsAbsoluteUri || remote.Scheme is not ("http" or "https")) throw new CliException(ExitCodes.Usage, $"--url must be an http(s) URL, not '{remote}'");
                profile = profile with { Url = remote.ToString() };
            }
            else if (parse.GetValue(TDevApp.GatewayOption) is { Length: > 0 })
            {
                profile = profile with { Url = null };
            }

            if (!string.IsNullOrEmpty(secret)) profile = profile with { Token = secret };
            if (parse.GetValue(user) is { Length: > 0 } name) profile = profile with { User = name };
            if (parse.GetValue(check))
            {
                await using var connection = await TDevConnection.OpenAsync(profile, cancellationToken);
            }

            profile.Save(app.ConfigPath);
            var where = profile.Url ?? string.Join(", ", profile.Gateways);
            if (context.Output.Json) context.Output.WriteJson(new { path = app.ConfigPath, connectsTo = where, tenant = profile.Tenant, clusterId = profile.ClusterId, hasToken = profile.Token is not null });
            else context.Output.Console.MarkupLineInterpolated($"Saved to [bold]{app.ConfigPath}[/] (readable by you only): {where}, tenant {profile.Tenant}{(profile.Token is null ? "" : ", with a token")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
