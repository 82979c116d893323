using System.Text.Json;
using System.Text.Json.Serialization;

namespace TDeveloper.Cli;

/// <summary>Where tdev connects and as whom: saved by <c>tdev login</c> in a per-user file readable by its owner only.</summary>
public sealed record CliProfile
{
    /// <summary>The default silo gateway: a local silo started with no settings.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>Gets the silo gateways of an embedded Orleans client connection, each <c>host:port</c>.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [DefaultGateway];

    /// <summary>Gets the Orleans cluster id the silos use. Default <c>tdeveloper</c>.</summary>
    public string ClusterId { get; init; } = "tdeveloper";

    /// <summary>Gets the Orleans service id the silos use. Default <c>tdeveloper</c>.</summary>
    public string ServiceId { get; init; } = "tdeveloper";

    /// <summary>Gets the tenant every command acts in. Default <c>default</c>.</summary>
    public string Tenant { get; init; } = "default";

    /// <summary>Gets the URL of a remote Gateway (HTTP/gRPC), when set by <c>tdev login --url</c>; empty for the embedded client.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the bearer token used with <see cref="Url"/> (an older profile's API key here, <c>tdk_…</c>, is sent as an API key). Never printed.</summary>
    public string? Token { get; init; }

    /// <summary>Gets the API key (<c>tdk_…</c>) used with <see cref="Url"/>, sent in <c>X-Api-Key</c>. Never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the credential a remote connection sends: the API key, else the token (one that looks like an API key counts as one).</summary>
    public (string? ApiKey, string? Token) Credential()
    {
        if (ApiKey is { Length: > 0 } key) return (key, null);
        if (Token is { Length: > 0 } token) return token.StartsWith("tdk_", StringComparison.Ordinal) ? (token, null) : (null, token);
        return (null, null);
    }

    /// <summary>Gets who is named as the owner of sessions and the decider of approvals. Default: the user's login name.</summary>
    public string? User { get; init; }

    /// <summary>Gets the user name used for owner and decider fields.</summary>
    [JsonIgnore]
    public string EffectiveUser => string.IsNullOrWhiteSpace(User) ? Environment.UserName : User;

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Gets the path of the per-user config file: <c>TDEV_CONFIG</c>, else <c>$XDG_CONFIG_HOME/tdev/config.json</c>, else <c>~/.config/tdev/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("TDEV_CONFIG") is { Length: > 0 } path) return path;
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "tdev", "config.json");
    }

    /// <summary>Reads the profile at <paramref name="path"/>, or the defaults when there is no such file.</summary>
    public static CliProfile Load(string path)
    {
        if (!File.Exists(path)) return new CliProfile();
        try
        {
            return JsonSerializer.Deserialize<CliProfile>(File.ReadAllText(path), FileJson) ?? new CliProfile();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"the config file {path} is not valid JSON ({e.Message}); fix it or run tdev login again");
        }
    }

    /// <summary>Writes the profile to <paramref name="path"/>, readable and writable by the current user only (0600 on Unix).</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, JsonSerializer.Serialize(this, FileJson));
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(JsonSerializer.Serialize(this, FileJson));
        }

        File.Move(temp, path, overwrite: true);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
