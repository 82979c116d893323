using TDeveloper.Grains.Input;

namespace TDeveloper.Unit.Tests.Input;

public class TextChunkerTests
{
    [Fact]
    public void Short_text_is_one_chunk_and_blank_text_none()
    {
        Assert.Equal(["Hello there."], TextChunker.Chunk("  Hello there. "));
        Assert.Empty(TextChunker.Chunk("   "));
        Assert.Empty(TextChunker.Chunk(null));
    }

    [Fact]
    public void Chunks_end_at_sentence_ends_and_fit_the_budget()
    {
        // 10 tokens = 40 characters per chunk.
        var chunks = TextChunker.Chunk("One two three four. Five six seven eight! Nine ten eleven? Twelve.", maxTokens: 10);
        Assert.Equal(["One two three four.", "Five six seven eight! Nine ten eleven?", "Twelve."], chunks);
        Assert.All(chunks, c => Assert.True(TokenEstimate.Of(c) <= 10, c));
    }

    [Fact]
    public void Consecutive_sentences_share_a_chunk_with_their_own_spacing()
    {
        var chunks = TextChunker.Chunk("A b.\nC d.\n\nE f g h i j k l m n o p q r s t.", maxTokens: 3);
        Assert.Equal("A b.\nC d.", chunks[0]);
    }

    [Fact]
    public void A_sentence_over_the_budget_is_split_between_words()
    {
        var sentence = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{i:D2}")) + ".";
        var chunks = TextChunker.Chunk(sentence + " Short one.", maxTokens: 5);
        Assert.All(chunks, c => Assert.True(c.Length <= 20, c));
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.DoesNotContain("Short", c));
        Assert.Equal("Short one.", chunks[^1]);
        Assert.Equal(Words(sentence + " Short one."), Words(string.Join(' ', chunks)));
    }

    [Fact]
    public void A_word_over_the_budget_is_split_between_characters()
    {
        var chunks = TextChunker.Chunk(new string('x', 25), maxTokens: 2);
        Assert.Equal(["xxxxxxxx", "xxxxxxxx", "xxxxxxxx", "x"], chunks);
    }

    [Fact]
    public void Cjk_sentences_split_without_spaces()
    {
        var chunks = TextChunker.Chunk("가나다라마바사。아자차카타파하。", maxTokens: 2);
        Assert.Equal(["가나다라마바사。", "아자차카타파하。"], chunks);
    }

    [Fact]
    public void Long_text_at_the_default_budget_keeps_every_word_in_order()
    {
        var text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"Sentence number {i} says something."));
        var chunks = TextChunker.Chunk(text);
        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(TokenEstimate.Of(c) <= TextChunker.DefaultMaxTokens));
        Assert.All(chunks, c => Assert.EndsWith("something.", c));
        Assert.Equal(Words(text), Words(string.Join(' ', chunks)));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    public void Tokens_are_estimated_at_four_characters(string text, int tokens) => Assert.Equal(tokens, TokenEstimate.Of(text));

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
