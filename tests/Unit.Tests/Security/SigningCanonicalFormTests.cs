using TDeveloper.Client.Signing;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Api.Security.Signing;

namespace TDeveloper.Unit.Tests.Security;

public sealed class SigningCanonicalFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_canonical_string_is_method_path_timestamp_nonce_and_body_hash_on_five_lines()
    {
        var canonical = SigningCanonicalForm.Build("post", "/v1/sessions?x=a%20b", "1769940000", "nonce-0123456789ab", SigningCanonicalForm.HashBody("{}"u8));

        Assert.Equal("POST\n/v1/sessions?x=a%20b\n1769940000\nnonce-0123456789ab\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", canonical);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SigningCanonicalForm.EmptyBodyHash);
    }

    [Fact]
    public void The_signature_is_base64_hmac_sha256_keyed_by_the_secrets_utf8_bytes()
    {
        var canonical = SigningCanonicalForm.Build("GET", "/v1/audit", "1769940000", "nonce-0123456789ab", SigningCanonicalForm.EmptyBodyHash);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, SigningCanonicalForm.Sign(Encoding.UTF8.GetBytes("s3cret"), canonical));
        Assert.True(SigningCanonicalForm.TryDecodeSignature(expected, out var decoded));
        Assert.Equal(32, decoded.Length);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(-360, false)]
    [InlineData(360, false)]
    public void A_timestamp_is_accepted_within_five_minutes_either_way(int offsetSeconds, bool accepted)
    {
        var clock = new FakeTimeProvider(Now);
        var header = SigningCanonicalForm.FormatTimestamp(Now.AddSeconds(offsetSeconds));

        Assert.True(SigningCanonicalForm.TryParseTimestamp(header, out var signedAt));
        Assert.Equal(accepted, SigningCanonicalForm.IsWithinWindow(signedAt, clock.GetUtcNow(), SigningCanonicalForm.DefaultWindow));
    }

    [Fact]
    public void A_request_signed_now_leaves_the_window_as_the_clock_moves_on()
    {
        var clock = new FakeTimeProvider(Now);
        Assert.True(SigningCanonicalForm.TryParseTimestamp(SigningCanonicalForm.FormatTimestamp(clock.GetUtcNow()), out var signedAt));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(SigningCanonicalForm.IsWithinWindow(signedAt, clock.GetUtcNow(), SigningCanonicalForm.DefaultWindow));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(SigningCanonicalForm.IsWithinWindow(signedAt, clock.GetUtcNow(), SigningCanonicalForm.DefaultWindow));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("12.5")]
    [InlineData("1e9")]
    [InlineData(" 1769940000")]
    [InlineData("9999999999999")]
    public void A_timestamp_that_is_not_plain_unix_seconds_is_refused(string header) =>
        Assert.False(SigningCanonicalForm.TryParseTimestamp(header, out _));

    [Theory]
    [InlineData("short", false)]
    [InlineData("abcdefghijklmnop", true)]
    [InlineData("abc def ghi jklmnop", false)]
    [InlineData("abcdefghijklmnop\n", false)]
    public void Nonces_are_16_to_128_url_safe_characters(string nonce, bool valid) => Assert.Equal(valid, SigningCanonicalForm.IsValidNonce(nonce));

    [Fact]
    public void New_nonces_are_valid_and_distinct() =>
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => SigningCanonicalForm.NewNonce()).Where(SigningCanonicalForm.IsValidNonce).Distinct().Count());

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_signature_that_is_not_the_base64_of_32_bytes_is_refused(string header) => Assert.False(SigningCanonicalForm.TryDecodeSignature(header, out _));

    [Fact]
    public async Task The_signer_stamps_its_clock_a_new_nonce_and_the_signature_of_the_canonical_string()
    {
        var clock = new FakeTimeProvider(Now);
        var signer = new RequestSigner("sk_test", "s3cret", clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://api.example/v1/sessions?x=a b") { Content = new StringContent("""{"owner":"me"}""") };

        await signer.SignAsync(request);

        var header = (string name) => Assert.Single(request.Headers.GetValues(name));
        Assert.Equal("sk_test", header(SigningCanonicalForm.KeyIdHeader));
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(), header(SigningCanonicalForm.TimestampHeader));
        var nonce = header(SigningCanonicalForm.NonceHeader);
        Assert.True(SigningCanonicalForm.IsValidNonce(nonce));
        var canonical = SigningCanonicalForm.Build("POST", "/v1/sessions?x=a%20b", header(SigningCanonicalForm.TimestampHeader), nonce, SigningCanonicalForm.HashBody("""{"owner":"me"}"""u8));
        Assert.Equal(SigningCanonicalForm.Sign("s3cret"u8, canonical), header(SigningCanonicalForm.SignatureHeader));
        Assert.Equal("""{"owner":"me"}""", await request.Content!.ReadAsStringAsync()); // the body is still there to send

        await signer.SignAsync(request); // signing again replaces the headers, with a new nonce
        Assert.NotEqual(nonce, header(SigningCanonicalForm.NonceHeader));
    }
}
