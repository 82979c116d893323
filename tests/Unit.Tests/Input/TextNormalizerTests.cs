using TDeveloper.Grains.Input;

namespace TDeveloper.Unit.Tests.Input;

public class TextNormalizerTests
{
    [Fact]
    public void Decomposed_characters_are_composed() =>
        Assert.Equal("caf\u00E9", TextNormalizer.Normalize("cafe\u0301"));

    [Fact]
    public void Every_line_ending_becomes_a_newline() =>
        Assert.Equal("a\nb\nc\nd", TextNormalizer.Normalize("a\r\nb\rc\u2028d"));

    [Fact]
    public void Control_and_invisible_characters_are_removed_but_tabs_and_joiners_kept() =>
        Assert.Equal("x\n\tab\u200Dc d", TextNormalizer.Normalize("x\n\t\u0000a\u0007b\u200D\u200Bc\uFEFF \u202Ed"));

    [Fact]
    public void Runs_of_spaces_inside_a_line_collapse_and_indentation_stays() =>
        Assert.Equal("code:\n    if (x) return;\nend", TextNormalizer.Normalize("  code:\n    if   (x)\u00A0\u00A0return;   \nend"));

    [Fact]
    public void Blank_lines_collapse_to_one_and_the_text_is_trimmed() =>
        Assert.Equal("first\n\nsecond", TextNormalizer.Normalize("\n\n  \nfirst\n \n\n\t\nsecond\n\n"));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(" \t\r\n ", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("한국어 텍스트", "한국어 텍스트")]
    public void Simple_inputs(string? text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));
}
