using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// Posts JSON to Bedrock Runtime (<c>POST /model/{modelId}/{operation}</c>) over an <see cref="HttpClient"/> whose requests
/// AWSSDK.Core's <see cref="SigV4SigningHandler"/> signs (service <c>bedrock</c>), and turns every failure into a
/// <see cref="ModelCallException"/>. Region and credentials come from the options, else from the standard AWS chain, resolved on
/// first use so that a host without AWS configuration starts and only a Bedrock call fails, with a message saying what is missing.
/// </summary>
internal sealed class BedrockConnection(BedrockClientOptions options) : IDisposable
{
    /// <summary>
    /// The header carrying the step's idempotency key. Bedrock Runtime has no client-token parameter for Converse or InvokeModel,
    /// so the key goes in a header of our own (covered by the signature); Converse calls also carry it as <c>requestMetadata</c>,
    /// which Bedrock's invocation logs record.
    /// </summary>
    public const string IdempotencyHeader = "x-tdeveloper-idempotency-key";

    /// <summary>The signing name of Bedrock Runtime.</summary>
    public const string SigningService = "bedrock";

    private readonly Lazy<Resolved> _resolved = new(() => Resolve(options), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Gets the endpoint when it is known without resolving the region (for metadata).</summary>
    public Uri? KnownEndpoint => options.Endpoint ?? (options.Region is { Length: > 0 } region ? DefaultEndpoint(region) : null);

    /// <summary>Gets the options' model id.</summary>
    public string DefaultModelId => options.ModelId;

    /// <summary>Posts <paramref name="body"/> and returns the successful response; for a stream, as soon as its headers arrived.</summary>
    /// <exception cref="ModelCallException">Bedrock answered with an error, could not be reached, took too long, or no region or credentials were found.</exception>
    public async Task<HttpResponseMessage> PostAsync(string model, string operation, JsonNode body, string? idempotencyKey, bool stream, CancellationToken cancellationToken)
    {
        var resolved = ResolveOrThrow(model);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{resolved.Endpoint.AbsoluteUri.TrimEnd('/')}/model/{Uri.EscapeDataString(model)}/{operation}"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "application/vnd.amazon.eventstream" : "application/json"));
        if (!string.IsNullOrEmpty(idempotencyKey)) request.Headers.TryAddWithoutValidation(IdempotencyHeader, HeaderValueOf(idempotencyKey));

        HttpResponseMessage response;
        try
        {
            response = await resolved.Http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallException(ModelErrorKind.Timeout, BedrockErrors.Provider, model, $"no answer within {options.Timeout} — {BedrockErrors.Advice(ModelErrorKind.Timeout)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ModelCallException(ModelErrorKind.Unavailable, BedrockErrors.Provider, model, $"{resolved.Endpoint} could not be reached ({ex.Message}); check the endpoint and the network — the call is retried.", ex);
        }
        catch (AmazonClientException ex)
        {
            throw NoCredentials(model, ex);
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await BedrockErrors.FromResponseAsync(response, model, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_resolved.IsValueCreated) _resolved.Value.Http.Dispose();
    }

    private Resolved ResolveOrThrow(string model)
    {
        try
        {
            return _resolved.Value;
        }
        catch (AmazonClientException ex)
        {
            throw NoCredentials(model, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ModelCallException(ModelErrorKind.InvalidRequest, BedrockErrors.Provider, model, ex.Message, ex);
        }
    }

    // A header value must be printable ASCII; any other key is sent percent-encoded.
    internal static string HeaderValueOf(string key) => key.All(c => c is >= ' ' and <= '~') ? key : Uri.EscapeDataString(key);

    private static ModelCallException NoCredentials(string model, AmazonClientException ex) =>
        new(ModelErrorKind.AccessDenied, BedrockErrors.Provider, model,
            $"no usable AWS credentials ({ex.Message}); provide them through the standard chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, a container or instance role).", ex);

    private static Resolved Resolve(BedrockClientOptions options)
    {
        var region = options.Region is { Length: > 0 } configured
            ? configured
            : FallbackRegionFactory.GetRegionEndpoint()?.SystemName
              ?? throw new InvalidOperationException("no AWS region: set Region of the catalog entry, or AWS_REGION, or a region in the AWS profile.");
        var credentials = options.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var signing = new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.GetBySystemName(region), Service = SigningService, SignPayload = true };
        // Redirects are not followed: a followed redirect would not be re-signed (see SigV4SigningHandler's remarks).
        var transport = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(new SigV4SigningHandler(signing, transport)) { Timeout = options.Timeout };
        return new Resolved(http, options.Endpoint ?? DefaultEndpoint(region));
    }

    private static Uri DefaultEndpoint(string region) => new($"https://bedrock-runtime.{region}.amazonaws.com");

    private sealed record Resolved(HttpClient Http, Uri Endpoint);
}
