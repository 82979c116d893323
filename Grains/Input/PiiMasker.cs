using System.Text.RegularExpressions;

namespace TDeveloper.Grains.Input;

/// <summary>
/// Replaces personal data and secrets in request text with placeholders before any model sees it:
/// <see cref="Secret"/> (private key blocks, AWS access keys, <c>sk-…</c>, GitHub and Slack tokens, bearer tokens,
/// <c>api_key=…</c>/<c>password=…</c> values), <see cref="Email"/>, <see cref="Card"/> (13–19 digits, spaces or dashes
/// allowed, that pass the Luhn check) and <see cref="Phone"/> (international <c>+…</c> numbers and common local forms).
/// </summary>
/// <remarks>
/// Hand-written: Microsoft.Extensions.Compliance.Redaction redacts values a program classifies, not free text, and no
/// served package finds PII in prose. Secrets are masked first (a key may contain an '@' or digits), then e-mail,
/// then cards, then phones, so a card number is never half-masked as a phone. Built to leave ordinary numbers alone:
/// versions (1.2.3), ports (:8080), IP addresses, dates, ids and digit runs that fail the Luhn check or are too short to be a phone.
/// </remarks>
public static partial class PiiMasker
{
    /// <summary>The placeholder of an e-mail address.</summary>
    public const string Email = "[EMAIL]";

    /// <summary>The placeholder of a phone number.</summary>
    public const string Phone = "[PHONE]";

    /// <summary>The placeholder of a payment card number.</summary>
    public const string Card = "[CARD]";

    /// <summary>The placeholder of a key, token, password or private key.</summary>
    public const string Secret = "[SECRET]";

    /// <summary>Gets <paramref name="text"/> with its personal data and secrets replaced by placeholders.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = PrivateKeyBlock().Replace(text, Secret);
        masked = KnownTokenFormat().Replace(masked, Secret);
        masked = BearerToken().Replace(masked, m => m.Groups["scheme"].Value + Secret);
        masked = SecretAssignment().Replace(masked, m => IsSecretValue(m.Groups["value"].Value) ? $"{m.Groups["key"].Value}{m.Groups["sep"].Value}{m.Groups["quote"].Value}{Secret}{m.Groups["quote"].Value}" : m.Value);
        masked = EmailAddress().Replace(masked, Email);
        masked = CardCandidate().Replace(masked, m => Luhn.IsValid(m.Value) ? Card : m.Value);
        masked = InternationalPhone().Replace(masked, m => DigitCount(m.Value) is >= 8 and <= 15 ? Phone : m.Value);
        masked = LocalPhone().Replace(masked, Phone);
        return masked;
    }

    // A short all-digit value (max_token=4096, pwd_length=12) is a setting, not a secret.
    private static bool IsSecretValue(string value) => value.Length >= 8 || value.Any(c => !char.IsAsciiDigit(c));

    private static int DigitCount(string value) => value.Count(char.IsAsciiDigit);

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----")]
    private static partial Regex PrivateKeyBlock();

    // AWS access key ids; OpenAI/Anthropic-style sk- keys; GitHub classic and fine-grained tokens; Slack tokens.
    [GeneratedRegex(@"\b(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b|\bsk-[A-Za-z0-9_-]{20,}|\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}|\bxox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex KnownTokenFormat();

    [GeneratedRegex(@"(?<scheme>\b[Bb]earer\s+)[A-Za-z0-9\-._~+/]{8,}=*")]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?<key>\b[A-Za-z0-9_.-]*?(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|credentials?)[A-Za-z0-9_.-]*)(?<sep>\s*[:=]\s*)(?<quote>[""']?)(?<value>[^\s""',;]{4,})\k<quote>", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")]
    private static partial Regex EmailAddress();

    // 13 to 19 digits, single spaces or dashes allowed between them, not part of a longer number, version or decimal.
    [GeneratedRegex(@"(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w]|[.,-]\d)")]
    private static partial Regex CardCandidate();

    // +, country code, then groups of digits separated by spaces, dots, dashes or a parenthesised area code.
    [GeneratedRegex(@"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w]|[.-]\d)")]
    private static partial Regex InternationalPhone();

    // (555) 123-4567, 555-123-4567, 555.123.4567 (North America); 010-1234-5678, 020 7946 0958, 030-1234567 (trunk prefix 0).
    [GeneratedRegex(@"(?<![\w.-])(?:\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\d{3}[-.]\d{3}[-.]\d{4}|0\d{1,4}[-\s]\d{3,4}[-\s]?\d{4})(?![\w]|[.-]\d)")]
    private static partial Regex LocalPhone();
}
