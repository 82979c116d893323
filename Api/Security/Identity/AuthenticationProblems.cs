using Microsoft.AspNetCore.Mvc;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Writes the 401 answers of the authentication schemes: RFC 7807 problem details with a <c>WWW-Authenticate</c> header.</summary>
public static class AuthenticationProblems
{
    /// <summary>The detail of a challenge to a request that carried no credential.</summary>
    public const string NoCredential = "This route needs a credential: a bearer token (POST /v1/auth/token) or an API key (X-Api-Key).";

    /// <summary>Writes a 401 problem with <paramref name="wwwAuthenticate"/> and <paramref name="detail"/>.</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext context, string wwwAuthenticate, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        context.Response.Headers.CacheControl = "no-store";
        var problem = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail };
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    /// <summary>Quotes <paramref name="value"/> for a <c>WWW-Authenticate</c> parameter.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
