namespace TDeveloper.Grains.Input;

/// <summary>
/// Estimates how many tokens a text costs a model, without a tokenizer: one token per four characters, rounded up.
/// </summary>
/// <remarks>
/// Four characters a token is the usual rule of thumb for English with BPE tokenizers; it overestimates code a little
/// and underestimates CJK text, which is why budgets built on it keep a margin to the model's context window.
/// </remarks>
public static class TokenEstimate
{
    /// <summary>The characters counted as one token.</summary>
    public const int CharsPerToken = 4;

    /// <summary>Gets the estimated tokens of <paramref name="text"/>.</summary>
    public static int Of(string? text) => ((text?.Length ?? 0) + CharsPerToken - 1) / CharsPerToken;

    /// <summary>Gets the most characters that fit <paramref name="tokens"/>.</summary>
    public static int CharsFor(int tokens) => tokens * CharsPerToken;
}
