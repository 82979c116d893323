using System.Net;
using System.Net.Sockets;

namespace TDeveloper.Client;

/// <summary>Parses and resolves gateway addresses written as <c>host:port</c> (<c>[::1]:30000</c> for IPv6).</summary>
internal static class GatewayAddress
{
    public static bool TryParse(string? value, out string host, out int port)
    {
        host = "";
        port = 0;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate("tcp://" + value.Trim(), UriKind.Absolute, out var uri)) return false;
        if (uri.Port is < 1 or > 65535 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return false;
        host = uri.DnsSafeHost;
        port = uri.Port;
        return true;
    }

    public static IPEndPoint Resolve(string value)
    {
        if (!TryParse(value, out var host, out var port)) throw new FormatException($"Gateway '{value}' is not of the form host:port.");
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        var resolved = Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily != AddressFamily.InterNetwork).FirstOrDefault()
            ?? throw new InvalidOperationException($"Gateway host '{host}' resolves to no address.");
        return new IPEndPoint(resolved, port);
    }
}
