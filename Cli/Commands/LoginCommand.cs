using Spectre.Console;
using System.CommandLine;
using TDeveloper.Cli.Connection;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Cli.Commands;

/// <summary><c>tdev login</c>: saves where to connect (silo gateways, or a remote API's URL and a credential) in the per-user config file, mode 0600.</summary>
internal static class LoginCommand
{
    public static Command Create(CommandContext context)
    {
        var apiKey = new Option<string?>("--api-key") { Description = "API key (tdk_…) for --url, sent as X-Api-Key (prefer --token-stdin or TDEV_API_KEY: a flag shows in the shell's history)" };
        var token = new Option<string?>("--token") { Description = "Bearer token for --url (from POST /v1/auth/token or your OIDC provider)" };
        var tokenStdin = new Option<bool>("--token-stdin") { Description = "Read the credential from standard input (a tdk_… value is an API key, anything else a bearer token)" };
        var user = new Option<string?>("--user") { Description = "Name used as session owner and approver (default: your login name)" };
        var check = new Option<bool>("--check") { Description = "Connect once (list one session) to check the settings and the credential before saving" };
        var command = new Command("login", "Save where tdev connects (silo gateways, or --url of a remote API with its credential) for your user") { apiKey, token, tokenStdin, user, check };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = context.App;
            var profile = app.Profile(parse);
            if (parse.GetValue(tokenStdin) && (await Console.In.ReadLineAsync(cancellationToken))?.Trim() is { Length: > 0 } secret)
                profile = secret.StartsWith("tdk_", StringComparison.Ordinal) ? profile with { ApiKey = secret, Token = null } : profile with { Token = secret, ApiKey = null };
            if (parse.GetValue(apiKey) is { Length: > 0 } key) profile = profile with { ApiKey = key, Token = null };
            if (parse.GetValue(token) is { Length: > 0 } bearer) profile = profile with { Token = bearer, ApiKey = null };
            if (parse.GetValue(user) is { Length: > 0 } name) profile = profile with { User = name };
            if (parse.GetValue(check))
            {
                await using var connection = await TDevConnection.OpenAsync(profile, app.RemoteHandler, cancellationToken);
                await connection.Handles.Sessions.ListAsync(new SessionQuery { Limit = 1 }, cancellationToken);
            }

            profile.Save(app.ConfigPath);
            var where = profile.Url ?? string.Join(", ", profile.Gateways);
            var credential = profile.Url is null ? "" : profile.Credential() switch
            {
                ({ }, _) => ", with an API key",
                (_, { }) => ", with a token",
                _ => ", with no credential yet (add --api-key or --token)",
            };
            var tenant = profile.Url is null ? $"tenant {profile.Tenant}" : "the credential's tenant";
            if (context.Output.Json)
                context.Output.WriteJson(new { path = app.ConfigPath, connectsTo = where, remote = profile.Url is not null, tenant = profile.Url is null ? profile.Tenant : null, clusterId = profile.ClusterId, hasToken = profile.Token is not null, hasApiKey = profile.ApiKey is not null });
            else context.Output.Console.MarkupLineInterpolated($"Saved to [bold]{app.ConfigPath}[/] (readable by you only): {where}, {tenant}{credential}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
