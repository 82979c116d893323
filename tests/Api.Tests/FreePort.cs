using System.Net;
using System.Net.Sockets;

namespace TDeveloper.Api.Tests;

/// <summary>Finds a TCP port nobody listens on, so test silos do not collide with a running system or each other.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
