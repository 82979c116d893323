using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Api.Tests;

/// <summary>Requests to a test server as if they arrived on its management port (the test server has no ports; the connection's local port is what the management endpoint checks).</summary>
public static class ManagementRequests
{
    /// <summary>GETs <paramref name="path"/> on the first management port of <see cref="ManagementOptions"/>.</summary>
    public static Task<(HttpStatusCode Status, string Body)> GetOnManagementPortAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string path) where TEntry : class =>
        factory.GetOnPortAsync(path, factory.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Ports.First());

    /// <summary>GETs <paramref name="path"/> as if the connection arrived on <paramref name="port"/>.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetOnPortAsync<TEntry>(this WebApplicationFactory<TEntry> factory, string path, int port) where TEntry : class
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.LocalPort = port;
        });
        using var reader = new StreamReader(context.Response.Body);
        return ((HttpStatusCode)context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
