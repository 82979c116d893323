using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Aws.Kms;
using TDeveloper.Aws.Tests.Bedrock;

namespace TDeveloper.Aws.Tests.Kms;

/// <summary>
/// An AWS KMS stand-in on a loopback port speaking KMS's wire protocol (AWS JSON 1.1: <c>POST /</c>, <c>X-Amz-Target:
/// TrentService.{Operation}</c>, <c>Content-Type: application/x-amz-json-1.1</c>, base64 blobs, errors as HTTP 400 with
/// <c>{"__type": "...Exception", "message": "..."}</c>), for <c>GenerateDataKey</c> and <c>Decrypt</c>, with SigV4
/// checked for the service <c>kms</c>. Keys are held as KMS holds them: an ARN, aliases, an enabled flag and every
/// generation of backing key material (automatic rotation adds one; old blobs still open). A ciphertext blob names its
/// key and material, as KMS's do, and is bound to the encryption context, so a wrong context fails.
/// </summary>
internal sealed class KmsStub : IAsyncDisposable
{
    public const string AccessKey = "AKIDKMSSTUB";
    public const string SecretKey = "kms-stub-secret-key";
    public const string Region = "us-east-1";
    public const string Account = "111122223333";

    private static readonly SigV4Verifier.Scope Scope = new(AccessKey, SecretKey, Region, "kms");
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StubKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);

    private KmsStub(WebApplication app) => _app = app;

    /// <summary>Gets the requests whose signature was right, in arrival order.</summary>
    public ConcurrentQueue<KmsCall> Calls { get; } = new();

    /// <summary>Gets why each refused request was refused (signature, content type, target).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Gets the stub's base address.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets or sets whether every call is refused with <c>AccessDeniedException</c>, as for a role without kms:* rights.</summary>
    public bool DenyAccess { get; set; }

    /// <summary>Starts a stub with no keys.</summary>
    public static async Task<KmsStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new KmsStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        stub.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return stub;
    }

    /// <summary>Creates a symmetric key, optionally with an alias (<c>alias/…</c>); returns its ARN.</summary>
    public string CreateKey(string? alias = null)
    {
        var id = Guid.NewGuid().ToString();
        var arn = $"arn:aws:kms:{Region}:{Account}:key/{id}";
        _keys[arn] = new StubKey(arn);
        if (alias is not null) _aliases[alias] = arn;
        return arn;
    }

    /// <summary>Disables or enables a key.</summary>
    public void SetEnabled(string arn, bool enabled) => _keys[arn].Enabled = enabled;

    /// <summary>Rotates a key's material, as KMS's automatic rotation does: the ARN stays, older material still decrypts.</summary>
    public void Rotate(string arn) => _keys[arn].Rotate();

    /// <summary>Gets client options that reach this stub with the stub's credentials.</summary>
    public KmsKeyOptions Options(string keyId) => new()
    {
        KeyId = keyId,
        ServiceUrl = Endpoint.ToString(),
        Region = Region,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        MaxErrorRetry = 0,
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;

        if (SigV4Verifier.Problem(Scope, context.Request.Method, rawTarget, headers, body) is { } problem)
        {
            Refused.Enqueue(problem);
            await ErrorAsync(context, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
            return;
        }

        if (context.Request.Method != "POST" || rawTarget != "/" || headers.GetValueOrDefault("Content-Type")?.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal) != true
            || headers.GetValueOrDefault("X-Amz-Target") is not { } target || !target.StartsWith("TrentService.", StringComparison.Ordinal))
        {
            Refused.Enqueue($"not a KMS JSON 1.1 call: {context.Request.Method} {rawTarget}, Content-Type {headers.GetValueOrDefault("Content-Type")}, X-Amz-Target {headers.GetValueOrDefault("X-Amz-Target")}");
            await ErrorAsync(context, "UnknownOperationException", "");
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var operation = target["TrentService.".Length..];
        Calls.Enqueue(new KmsCall(operation, request));
        if (DenyAccess)
        {
            await ErrorAsync(context, "AccessDeniedException", $"User: arn:aws:iam::{Account}:role/silo is not authorized to perform: kms:{operation} on this resource because no identity-based policy allows the kms:{operation} action");
            return;
        }

        var (status, answer) = operation switch
        {
            "GenerateDataKey" => GenerateDataKey(request),
            "Decrypt" => Decrypt(request),
            _ => (400, Error("UnsupportedOperationException", $"{operation} is not served by the stub.")),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.ToJsonString()));
    }

    private (int, JsonObject) GenerateDataKey(JsonObject request)
    {
        var keyId = request["KeyId"]?.GetValue<string>();
        if (Resolve(keyId) is not { } key) return (400, Error("NotFoundException", $"Key '{keyId}' does not exist"));
        if (!key.Enabled) return (400, Error("DisabledException", $"{key.Arn} is disabled."));
        var spec = request["KeySpec"]?.GetValue<string>();
        var bytes = request["NumberOfBytes"]?.GetValue<int>();
        var length = spec switch { "AES_256" => 32, "AES_128" => 16, null when bytes is { } n => n, _ => -1 };
        if (length <= 0 || (spec is not null && bytes is not null)) return (400, Error("ValidationException", "Specify either KeySpec or NumberOfBytes."));

        var plaintext = RandomNumberGenerator.GetBytes(length);
        return (200, new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(key.Encrypt(plaintext, ContextOf(request))),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["KeyId"] = key.Arn,
            ["KeyMaterialId"] = key.CurrentMaterial.ToString(),
        });
    }

    private (int, JsonObject) Decrypt(JsonObject request)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(request["CiphertextBlob"]?.GetValue<string>() ?? "");
        }
        catch (FormatException)
        {
            return (400, Error("InvalidCiphertextException", ""));
        }

        if (!StubKey.TryReadArn(blob, out var arn) || !_keys.TryGetValue(arn, out var key)) return (400, Error("InvalidCiphertextException", ""));
        if (request["KeyId"]?.GetValue<string>() is { } given && Resolve(given)?.Arn != key.Arn) return (400, Error("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation."));
        if (!key.Enabled) return (400, Error("DisabledException", $"{key.Arn} is disabled."));
        if (key.Decrypt(blob, ContextOf(request)) is not { } plaintext) return (400, Error("InvalidCiphertextException", ""));
        return (200, new JsonObject { ["KeyId"] = key.Arn, ["Plaintext"] = Convert.ToBase64String(plaintext), ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT" });
    }

    private StubKey? Resolve(string? keyId)
    {
        if (keyId is null) return null;
        if (_keys.TryGetValue(keyId, out var byArn)) return byArn;
        if (_aliases.TryGetValue(keyId, out var aliased) || _aliases.TryGetValue(keyId.Split(':').Last(), out aliased)) return _keys[aliased];
        return _keys.Values.FirstOrDefault(k => k.Arn.EndsWith("/" + keyId, StringComparison.Ordinal));
    }

    /// <summary>The encryption context as KMS binds it: order does not matter, every pair does.</summary>
    private static byte[] ContextOf(JsonObject request) =>
        Encoding.UTF8.GetBytes(string.Join("\n", (request["EncryptionContext"]?.AsObject() ?? []).Select(p => $"{p.Key}={p.Value?.GetValue<string>()}").Order(StringComparer.Ordinal)));

    private static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };

    private static async Task ErrorAsync(HttpContext context, string type, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Error(type, message).ToJsonString()));
    }

    /// <summary>A key: its ARN, its state, and every generation of its material.</summary>
    private sealed class StubKey(string arn)
    {
        private readonly ConcurrentDictionary<int, byte[]> _material = new() { [0] = RandomNumberGenerator.GetBytes(32) };

        public string Arn { get; } = arn;

        public bool Enabled { get; set; } = true;

        public int CurrentMaterial { get; private set; }

        public void Rotate() => _material[++CurrentMaterial] = RandomNumberGenerator.GetBytes(32);

        /// <summary>A blob: [arn length][arn][material][nonce 12][ciphertext][tag 16].</summary>
        public byte[] Encrypt(byte[] plaintext, byte[] context)
        {
            var arnBytes = Encoding.UTF8.GetBytes(Arn);
            var blob = new byte[1 + arnBytes.Length + 1 + 12 + plaintext.Length + 16];
            blob[0] = (byte)arnBytes.Length;
            arnBytes.CopyTo(blob, 1);
            var at = 1 + arnBytes.Length;
            blob[at] = (byte)CurrentMaterial;
            var nonce = blob.AsSpan(at + 1, 12);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(_material[CurrentMaterial], 16);
            aes.Encrypt(nonce, plaintext, blob.AsSpan(at + 13, plaintext.Length), blob.AsSpan(blob.Length - 16), context);
            return blob;
        }

        public byte[]? Decrypt(byte[] blob, byte[] context)
        {
            var at = 1 + blob[0];
            var length = blob.Length - at - 13 - 16;
            if (length < 0 || !_material.TryGetValue(blob[at], out var material)) return null;
            var plaintext = new byte[length];
            try
            {
                using var aes = new AesGcm(material, 16);
                aes.Decrypt(blob.AsSpan(at + 1, 12), blob.AsSpan(at + 13, length), blob.AsSpan(blob.Length - 16), plaintext, context);
                return plaintext;
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        public static bool TryReadArn(byte[] blob, out string arn)
        {
            arn = "";
            if (blob.Length < 1 || blob.Length < 1 + blob[0]) return false;
            arn = Encoding.UTF8.GetString(blob, 1, blob[0]);
            return true;
        }
    }
}

/// <summary>A KMS call the stub received: its operation and JSON body.</summary>
internal sealed record KmsCall(string Operation, JsonObject Request);
