using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TDeveloper.Api.Security;

/// <summary>
/// Puts the security headers on every response, whoever writes it (an endpoint, a problem, a 404, a 429, a CORS
/// preflight): nosniff, frame denial, no referrer, the cross-origin opener and resource policies, a restrictive
/// Content-Security-Policy unless the endpoint set its own, HSTS on HTTPS, and no <c>Server</c> header.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    private readonly SecurityHeadersOptions _options = options.Value;
    private readonly string _hsts = string.Create(CultureInfo.InvariantCulture, $"max-age={(long)options.Value.HstsMaxAge.TotalSeconds}{(options.Value.HstsIncludeSubDomains ? "; includeSubDomains" : "")}");

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, context) = ((SecurityHeadersMiddleware, HttpContext))state;
            self.Apply(context);
            return Task.CompletedTask;
        }, (this, context));
        return next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy)) headers.ContentSecurityPolicy = _options.ContentSecurityPolicy;
        if (context.Request.IsHttps) headers.StrictTransportSecurity = _hsts;
        headers.Remove(HeaderNames.Server);
        headers.Remove(HeaderNames.XPoweredBy);
    }
}
