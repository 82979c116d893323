using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TDeveloper.Api.Security;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.ServiceDefaults;

namespace TDeveloper.Api.Tests;

/// <summary>The pure parts of the edge: rate-limit partitions, option validation, the CORS policy, management URLs.</summary>
public class EdgeOptionsTests
{
    [Fact]
    public void The_caller_partition_is_the_credential_else_subject_in_tenant_else_client_ip()
    {
        Assert.Equal("cred:k1", RateLimitPartitions.Caller(Context([new(TDeveloperClaims.CredentialId, "k1"), new(TDeveloperClaims.Subject, "ana")])));
        Assert.Equal("sub:acme/ana", RateLimitPartitions.Caller(Context([new(TDeveloperClaims.Subject, "ana"), new(TDeveloperClaims.Tenant, "acme")])));
        Assert.NotEqual(RateLimitPartitions.Caller(Context([new(TDeveloperClaims.Subject, "ana"), new(TDeveloperClaims.Tenant, "a")])),
            RateLimitPartitions.Caller(Context([new(TDeveloperClaims.Subject, "ana"), new(TDeveloperClaims.Tenant, "b")])));
        Assert.Equal("ip:10.0.0.7", RateLimitPartitions.Caller(Context([], "::ffff:10.0.0.7")));

        var unauthenticated = Context([], "10.0.0.8");
        unauthenticated.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TDeveloperClaims.Subject, "claimed")])); // no authentication type
        Assert.Equal("ip:10.0.0.8", RateLimitPartitions.Caller(unauthenticated));
    }

    [Fact]
    public void Only_api_keys_get_an_api_key_partition()
    {
        Assert.Equal("key:k1", RateLimitPartitions.ApiKey(Context([new(TDeveloperClaims.CredentialId, "k1"), new(TDeveloperClaims.CredentialKind, "apikey")])));
        Assert.Null(RateLimitPartitions.ApiKey(Context([new(TDeveloperClaims.CredentialId, "k1"), new(TDeveloperClaims.CredentialKind, "hmac")])));
        Assert.Null(RateLimitPartitions.ApiKey(Context([new(TDeveloperClaims.CredentialKind, "apikey")])));
    }

    [Fact]
    public void Rate_limit_options_report_every_problem()
    {
        var options = new TDeveloperRateLimitOptions
        {
            Default = new() { PermitLimit = 0, Window = TimeSpan.FromMinutes(15) },
            ApiKey = new() { PermitLimit = 60, Window = TimeSpan.Zero },
        };

        var problems = Validate(options);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Default:PermitLimit"));
        Assert.Contains(problems, p => p.Contains("ApiKey:Window"));
        Assert.Empty(Validate(new TDeveloperRateLimitOptions()));
    }

    [Fact]
    public void Cors_options_refuse_bad_origins_and_credentials_with_any_origin()
    {
        var problems = Validate(new TDeveloperCorsOptions { AllowedOrigins = ["https://ok.example", "https://bad.example/path", "not a url", "*"], AllowCredentials = true });

        Assert.Equal(3, problems.Count);
        Assert.Empty(Validate(new TDeveloperCorsOptions { AllowedOrigins = ["https://ok.example", "http://localhost:3000"], AllowCredentials = true }));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https://app.example", true)]
    public void The_cors_policy_allows_only_configured_origins(string? configured, bool allowed)
    {
        var options = new TDeveloperCorsOptions { AllowedOrigins = configured is null ? [] : [configured] };
        var context = new DefaultHttpContext();
        context.Request.Method = "OPTIONS";
        context.Request.Headers.Origin = "https://app.example";
        context.Request.Headers.AccessControlRequestMethod = "POST";

        var result = new CorsService(Options.Create(new CorsOptions()), NullLoggerFactory.Instance).EvaluatePolicy(context, options.ToPolicy());

        Assert.Equal(allowed, result.IsOriginAllowed);
    }

    [Theory]
    [InlineData("http://localhost:5081", 5081)]
    [InlineData("http://*:5082", 5082)]
    [InlineData("http://+:5083", 5083)]
    [InlineData("http://[::1]:5084", 5084)]
    [InlineData("https://0.0.0.0:5085/", 5085)]
    [InlineData("http://localhost", 0)]
    [InlineData("localhost:5081", 0)]
    [InlineData("ftp://localhost:21", 0)]
    public void Management_urls_need_an_explicit_port(string url, int port) => Assert.Equal(port, ManagementOptions.PortOf(url));

    [Fact]
    public void Management_options_name_every_bad_url()
    {
        var problems = Validate(new ManagementOptions { Urls = "http://localhost:5081; http://localhost ;ftp://x:1" });

        Assert.Equal(2, problems.Count);
        Assert.Equal([5081, 5082], new ManagementOptions { Urls = "http://localhost:5081;http://127.0.0.1:5082" }.Ports.Order());
    }

    private static DefaultHttpContext Context(Claim[] claims, string ip = "127.0.0.1")
    {
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, claims.Length > 0 ? "test" : null)) };
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return context;
    }

    private static List<string> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
