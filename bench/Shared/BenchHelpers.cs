using System.Net;
using System.Net.Sockets;

namespace TDeveloper.Bench;

/// <summary>What the in-process benches share: their command-line numbers and free local ports for a silo.</summary>
public static class BenchHelpers
{
    /// <summary>Gets the integer after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    /// <summary>Gets a port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
