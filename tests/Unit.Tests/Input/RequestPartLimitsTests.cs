using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Unit.Tests.Input;

public class RequestPartLimitsTests
{
    private static RequestPart Image(int bytes = 10, string type = "image/png") => new() { Kind = RequestPartKind.Image, ContentType = type, Data = new byte[bytes] };

    [Fact]
    public void Acceptable_parts_have_no_problems()
    {
        RequestPart[] parts =
        [
            new() { Kind = RequestPartKind.Text, Text = "more words" },
            Image(type: "image/jpeg"),
            new() { Kind = RequestPartKind.Audio, ContentType = "audio/wav", Data = [1, 2] },
            new() { Kind = RequestPartKind.Document, ContentType = "application/pdf; name=x.pdf", Data = [1] },
            new() { Kind = RequestPartKind.Document, ContentType = "TEXT/Markdown", Data = [1] },
        ];
        Assert.Empty(RequestPartLimits.Validate(parts));
    }

    [Theory]
    [InlineData(RequestPartKind.Image, "image/bmp")]
    [InlineData(RequestPartKind.Image, "application/pdf")]
    [InlineData(RequestPartKind.Audio, "video/mp4")]
    [InlineData(RequestPartKind.Document, "application/zip")]
    [InlineData(RequestPartKind.Document, "")]
    public void A_content_type_the_kind_does_not_take_is_unsupported(RequestPartKind kind, string type)
    {
        var problem = Assert.Single(RequestPartLimits.Validate([new RequestPart { Kind = kind, ContentType = type, Data = [1] }]));
        Assert.Equal(RequestPartProblemKind.Unsupported, problem.Kind);
        Assert.Equal(0, problem.PartIndex);
        Assert.Contains("Part 0", problem.Message);
    }

    [Fact]
    public void An_unknown_kind_is_unsupported() =>
        Assert.Equal(RequestPartProblemKind.Unsupported, Assert.Single(RequestPartLimits.Validate([new RequestPart { Kind = (RequestPartKind)42, Data = [1] }])).Kind);

    [Theory]
    [InlineData(RequestPartKind.Image, RequestPartLimits.MaxImageBytes)]
    [InlineData(RequestPartKind.Audio, RequestPartLimits.MaxAudioBytes)]
    [InlineData(RequestPartKind.Document, RequestPartLimits.MaxDocumentBytes)]
    public void A_part_over_its_kind_limit_is_too_large_and_the_message_names_the_limit(RequestPartKind kind, int max)
    {
        var type = RequestPartLimits.ContentTypes[kind][0];
        Assert.Empty(RequestPartLimits.Validate([new RequestPart { Kind = kind, ContentType = type, Data = new byte[max] }]));
        var problem = Assert.Single(RequestPartLimits.Validate([Image(), new RequestPart { Kind = kind, ContentType = type, Data = new byte[max + 1] }]));
        Assert.Equal((RequestPartProblemKind.TooLarge, 1), (problem.Kind, problem.PartIndex));
        Assert.Contains(max.ToString(), problem.Message);
    }

    [Fact]
    public void Text_over_its_limit_is_too_large() =>
        Assert.Equal(RequestPartProblemKind.TooLarge, Assert.Single(RequestPartLimits.Validate([new RequestPart { Kind = RequestPartKind.Text, Text = new string('a', RequestPartLimits.MaxTextChars + 1) }])).Kind);

    [Fact]
    public void Parts_over_the_total_are_too_large_as_a_request()
    {
        var parts = Enumerable.Range(0, 5).Select(_ => Image(RequestPartLimits.MaxImageBytes)).ToArray();
        var problem = Assert.Single(RequestPartLimits.Validate(parts));
        Assert.Equal((RequestPartProblemKind.TooLarge, (int?)null), (problem.Kind, problem.PartIndex));
    }

    [Fact]
    public void Malformed_parts_are_invalid_and_every_problem_is_reported()
    {
        RequestPart[] parts =
        [
            new() { Kind = RequestPartKind.Text, Text = "  " },
            new() { Kind = RequestPartKind.Image, ContentType = "image/png" },
            new() { Kind = RequestPartKind.Image, ContentType = "image/png", Data = [1], Text = "caption" },
            new() { Kind = RequestPartKind.Text, Text = "x", Data = [1] },
        ];
        var problems = RequestPartLimits.Validate(parts);
        Assert.Equal([0, 1, 2, 3], problems.Select(p => p.PartIndex ?? -1));
        Assert.All(problems, p => Assert.Equal(RequestPartProblemKind.Invalid, p.Kind));
    }

    [Fact]
    public void More_than_the_most_parts_is_invalid() =>
        Assert.Contains(RequestPartLimits.Validate(Enumerable.Range(0, RequestPartLimits.MaxParts + 1).Select(_ => Image()).ToArray()), p => p.PartIndex is null && p.Kind == RequestPartProblemKind.Invalid);
}
