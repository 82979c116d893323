using TDeveloper.Grains.Input;

namespace TDeveloper.Unit.Tests.Input;

public class PiiMaskerTests
{
    [Theory]
    [InlineData("mail jane.doe@example.com today", "mail [EMAIL] today")]
    [InlineData("cc: a.b+tag@mail.co.uk, x_y@sub.example.org.", "cc: [EMAIL], [EMAIL].")]
    [InlineData("UPPER@EXAMPLE.COM", "[EMAIL]")]
    public void Email_addresses_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    [Theory]
    [InlineData("card 4111 1111 1111 1111 ok", "card [CARD] ok")]
    [InlineData("card 4111-1111-1111-1111", "card [CARD]")]
    [InlineData("4111111111111111", "[CARD]")]
    [InlineData("amex 378282246310005.", "amex [CARD].")]
    [InlineData("mc 5500 0000 0000 0004", "mc [CARD]")]
    public void Card_numbers_that_pass_luhn_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    [Theory]
    [InlineData("order 4111 1111 1111 1112")]
    [InlineData("id 1234567890123456")]
    [InlineData("1234-5678-9012-3456")]
    public void Digit_runs_that_fail_luhn_are_not_cards(string text) => Assert.DoesNotContain(PiiMasker.Card, PiiMasker.Mask(text));

    [Theory]
    [InlineData("call +1 415 555 2671 now", "call [PHONE] now")]
    [InlineData("+44 20 7946 0958", "[PHONE]")]
    [InlineData("+82-10-1234-5678", "[PHONE]")]
    [InlineData("+49 (30) 1234567", "[PHONE]")]
    [InlineData("(415) 555-2671", "[PHONE]")]
    [InlineData("415-555-2671", "[PHONE]")]
    [InlineData("415.555.2671", "[PHONE]")]
    [InlineData("010-1234-5678", "[PHONE]")]
    [InlineData("020 7946 0958", "[PHONE]")]
    public void Phone_numbers_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE in env", "key [SECRET] in env")]
    [InlineData("OPENAI_KEY sk-proj-abcdefghijklmnopqrstuvwx1234", "OPENAI_KEY [SECRET]")]
    [InlineData("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "token [SECRET]")]
    [InlineData("slack xoxb-1234567890-abcdefghij", "slack [SECRET]")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.abc", "Authorization: Bearer [SECRET]")]
    [InlineData("api_key=abcd1234efgh", "api_key=[SECRET]")]
    [InlineData("password: \"hunter22\"", "password: \"[SECRET]\"")]
    [InlineData("DB_PASSWORD=s3cr3t!", "DB_PASSWORD=[SECRET]")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = [SECRET]")]
    public void Secrets_are_masked(string text, string expected) => Assert.Equal(expected, PiiMasker.Mask(text));

    [Fact]
    public void Private_key_blocks_are_masked_whole()
    {
        const string text = "use\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----\nthanks";
        Assert.Equal("use\n[SECRET]\nthanks", PiiMasker.Mask(text));
    }

    [Theory]
    [InlineData("upgrade to .NET 10.0.100 and Orleans 10.4.2")]
    [InlineData("listen on localhost:8080 and 127.0.0.1:11111")]
    [InlineData("ip 192.168.100.200, mask 255.255.255.0")]
    [InlineData("released 2024-01-15 at 10:30")]
    [InlineData("chunk at 4,096 tokens, max_tokens=4096, timeout: 30")]
    [InlineData("issue #12345 and PR 678")]
    [InlineData("pi is 3.14159265358979323846")]
    [InlineData("price 1,234,567.89 USD")]
    [InlineData("uuid 123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("a + b = 1234567")]
    [InlineData("password rules: at least 12 characters")]
    [InlineData("commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 on 1.2.3-beta.4")]
    [InlineData("x+1, c++17, 3/4 of 1200, call 911 at 12:30:45")]
    [InlineData("a risk-free task-runner; ask-me-anything")]
    [InlineData("timestamps 1700000000123 and 20240115103000")]
    [InlineData("sizes: 5242880 bytes, 10485760 bytes")]
    public void Ordinary_text_and_numbers_are_left_alone(string text) => Assert.Equal(text, PiiMasker.Mask(text));

    [Fact]
    public void Everything_in_one_request_is_masked_and_the_rest_kept()
    {
        var masked = PiiMasker.Mask("Email bob@corp.io, card 4111 1111 1111 1111, phone +1 415 555 2671, key AKIAIOSFODNN7EXAMPLE; build v2.3.1 on port 5000.");
        Assert.Equal("Email [EMAIL], card [CARD], phone [PHONE], key [SECRET]; build v2.3.1 on port 5000.", masked);
    }

    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398710", false)]
    [InlineData("", false)]
    public void Luhn_checks_digits_and_ignores_separators(string number, bool valid) => Assert.Equal(valid, Luhn.IsValid(number));
}
