namespace TDeveloper.Client.Signing;

/// <summary>A <see cref="DelegatingHandler"/> that signs every request it sends with a <see cref="RequestSigner"/>.</summary>
/// <example>
/// <code>
/// var http = new HttpClient(new SigningHandler(new RequestSigner(keyId, secret)) { InnerHandler = new HttpClientHandler() })
/// {
///     BaseAddress = new Uri("http://localhost:5080"),
/// };
/// </code>
/// Or with <c>IHttpClientFactory</c>: <c>services.AddHttpClient("tdev").AddHttpMessageHandler(() =&gt; new SigningHandler(signer))</c>.
/// </example>
/// <param name="signer">The signer of the requests.</param>
public sealed class SigningHandler(RequestSigner signer) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signer.SignAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
