using System.Text.RegularExpressions;

namespace TDeveloper.Grains.Input;

/// <summary>
/// Splits long text into chunks of at most a token budget (<see cref="DefaultMaxTokens"/>, estimated by
/// <see cref="TokenEstimate"/>), so a model gets several parts rather than one oversize string.
/// </summary>
/// <remarks>
/// Hand-written: the served text splitters (Semantic Kernel's) are experimental and heavier than this. Chunks end at
/// sentence ends (<c>. ! ?</c> followed by whitespace, or their CJK forms) or paragraph breaks; a sentence longer
/// than the budget is split between words, and a word longer than the budget between characters. Each chunk is a
/// slice of the text with its own line breaks and spacing; only the whitespace between chunks is dropped.
/// </remarks>
public static partial class TextChunker
{
    /// <summary>The default budget of one chunk, in estimated tokens.</summary>
    public const int DefaultMaxTokens = 4096;

    /// <summary>Gets <paramref name="text"/> in chunks of at most <paramref name="maxTokens"/> estimated tokens; one chunk when it fits, none when blank.</summary>
    public static IReadOnlyList<string> Chunk(string? text, int maxTokens = DefaultMaxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        if (string.IsNullOrWhiteSpace(text)) return [];
        var maxChars = TokenEstimate.CharsFor(maxTokens);
        var trimmed = text.Trim();
        if (trimmed.Length <= maxChars) return [trimmed];

        var chunks = new List<string>();
        var packer = new Packer(trimmed, maxChars, chunks);
        foreach (var sentence in Segments(SentenceEnd(), trimmed, 0, trimmed.Length))
        {
            if (sentence.Length <= maxChars)
            {
                packer.Add(sentence);
                continue;
            }

            // A sentence over the budget is the one place a chunk may end mid-sentence: between words, or inside a
            // word longer than the budget.
            packer.Flush();
            foreach (var word in Segments(Whitespace(), trimmed, sentence.Start, sentence.End))
            {
                if (word.Length <= maxChars)
                {
                    packer.Add(word);
                    continue;
                }

                packer.Flush();
                for (var start = word.Start; start < word.End; start += maxChars) chunks.Add(trimmed[start..Math.Min(start + maxChars, word.End)]);
            }

            packer.Flush();
        }

        packer.Flush();
        return chunks;
    }

    /// <summary>The non-blank pieces of <c>text[start..end]</c> between matches of <paramref name="separator"/>, as ranges of <paramref name="text"/>.</summary>
    private static List<Segment> Segments(Regex separator, string text, int start, int end)
    {
        var segments = new List<Segment>();
        var pieceStart = start;
        foreach (var match in separator.EnumerateMatches(text.AsSpan(start, end - start)))
        {
            var matchStart = start + match.Index;
            if (matchStart > pieceStart) segments.Add(new(pieceStart, matchStart));
            pieceStart = matchStart + match.Length;
        }

        if (end > pieceStart) segments.Add(new(pieceStart, end));
        return segments;
    }

    private readonly record struct Segment(int Start, int End)
    {
        public int Length => End - Start;
    }

    /// <summary>Gathers consecutive segments into one chunk while the slice from the first to the last fits the budget.</summary>
    private sealed class Packer(string text, int maxChars, List<string> chunks)
    {
        private int _start = -1;
        private int _end;

        public void Add(Segment segment)
        {
            if (_start >= 0 && segment.End - _start > maxChars) Flush();
            if (_start < 0) _start = segment.Start;
            _end = segment.End;
        }

        public void Flush()
        {
            if (_start < 0) return;
            var chunk = text[_start.._end].Trim();
            if (chunk.Length > 0) chunks.Add(chunk);
            _start = -1;
        }
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=[。！？])\s*|\n\s*\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
