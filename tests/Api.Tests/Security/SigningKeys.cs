using TDeveloper.Client.Signing;
using System.Net;
using System.Net.Http.Json;
using TDeveloper.Api.Security.Signing;

namespace TDeveloper.Api.Tests.Security;

/// <summary>Creates signing keys and sends signed requests the way a client outside .NET would, with each part under the test's control.</summary>
public static class SigningKeys
{
    public static async Task<CreatedSigningKey> CreateAsync(HttpClient admin, string name = "ci", params string[] roles)
    {
        var response = await admin.PostAsJsonAsync("/v1/signing-keys", new { name, roles = roles.Length == 0 ? ["developer"] : roles });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var key = (await response.Content.ReadFromJsonAsync<CreatedSigningKey>(ApiClient.Json))!;
        Assert.Equal($"/v1/signing-keys/{key.KeyId}", response.Headers.Location?.OriginalString);
        return key;
    }

    /// <summary>
    /// Builds a request whose headers sign <paramref name="signedMethod"/>, <paramref name="signedPath"/> and
    /// <paramref name="signedBody"/> at <paramref name="signedAt"/>, but which is sent with <paramref name="method"/>,
    /// <paramref name="path"/> and <paramref name="body"/>: a tampered request where they differ.
    /// </summary>
    public static HttpRequestMessage Request(
        RequestSigner signer, HttpMethod method, string path, string? body = null,
        HttpMethod? signedMethod = null, string? signedPath = null, string? signedBody = null, DateTimeOffset? signedAt = null, string? nonce = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var bytes = System.Text.Encoding.UTF8.GetBytes(signedBody ?? body ?? "");
        var headers = signer.Sign((signedMethod ?? method).Method, signedPath ?? path, bytes,
            SigningCanonicalForm.FormatTimestamp(signedAt ?? DateTimeOffset.UtcNow), nonce ?? SigningCanonicalForm.NewNonce());
        RequestSigner.Apply(request, headers);
        return request;
    }

    /// <summary>Copies a request with the same headers and body, to send it again.</summary>
    public static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (request.Content is not null) copy.Content = new StringContent(await request.Content.ReadAsStringAsync(), System.Text.Encoding.UTF8, "application/json");
        return copy;
    }
}
