using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TDeveloper.Api.Tests.Security;

/// <summary>Test-only: the in-memory test server has no client address, so a request names its own in <see cref="Header"/>.</summary>
public sealed class ClientIpFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var ip)) context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}
