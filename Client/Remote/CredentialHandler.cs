using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TDeveloper.Client;

/// <summary>
/// Puts the remote client's credential on every request: the API key in <see cref="TDeveloperRemoteClientOptions.ApiKeyHeader"/>,
/// a bearer token, or an access token got for the API key from <c>POST /v1/auth/token</c> and renewed a minute before it expires.
/// </summary>
internal sealed class CredentialHandler(IOptions<TDeveloperRemoteClientOptions> options, TimeProvider time) : DelegatingHandler
{
    /// <summary>How long before an exchanged token's expiry a new one is got.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _exchange = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ApiKey is { Length: > 0 } key && o.ExchangeApiKeyForToken)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(key, request.RequestUri!, cancellationToken));
        else if (o.ApiKey is { Length: > 0 } plain)
            request.Headers.TryAddWithoutValidation(TDeveloperRemoteClientOptions.ApiKeyHeader, plain);
        else if (o.Token is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _exchange.Dispose();
        base.Dispose(disposing);
    }

    private async Task<string> TokenForAsync(string apiKey, Uri requestUri, CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < cached.RenewAt) return cached.Token;
        await _exchange.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && time.GetUtcNow() < again.RenewAt) return again.Token;
            using var exchange = new HttpRequestMessage(HttpMethod.Post, new Uri(requestUri, "/v1/auth/token"))
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            exchange.Headers.TryAddWithoutValidation(TDeveloperRemoteClientOptions.ApiKeyHeader, apiKey);
            using var response = await base.SendAsync(exchange, cancellationToken);
            if (!response.IsSuccessStatusCode) throw await ProblemErrors.ReadAsync(response, cancellationToken);
            var tokens = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken)
                ?? throw new TDeveloperUnauthenticatedException("The token endpoint answered no token.");
            var lifetime = TimeSpan.FromSeconds(tokens.ExpiresIn);
            _token = (tokens.AccessToken, time.GetUtcNow() + (lifetime > RenewBefore * 2 ? lifetime - RenewBefore : lifetime / 2));
            return tokens.AccessToken;
        }
        finally
        {
            _exchange.Release();
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
