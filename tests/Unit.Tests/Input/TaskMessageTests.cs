using Microsoft.Extensions.AI;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Unit.Tests.Input;

public class TaskMessageTests
{
    [Fact]
    public void A_short_prompt_is_one_text_part()
    {
        var message = TaskMessage.For("write the code", []);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("write the code", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
    }

    [Fact]
    public void A_long_prompt_is_one_text_part_per_chunk_in_order()
    {
        var prompt = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"Sentence {i} is about the work to do."));
        var texts = TaskMessage.For(prompt, default).Contents.Cast<TextContent>().Select(t => t.Text).ToList();

        Assert.Equal(TextChunker.Chunk(prompt), texts);
        Assert.True(texts.Count > 1);
    }

    [Fact]
    public void Attachments_follow_the_text_as_data_with_their_media_type_and_name()
    {
        RequestPart image = new() { Kind = RequestPartKind.Image, ContentType = "IMAGE/PNG", Name = "mockup.png", Data = [1, 2, 3] };
        RequestPart audio = new() { Kind = RequestPartKind.Audio, ContentType = "audio/mpeg", Data = [4] };

        var contents = TaskMessage.For("build this", [image, audio]).Contents;

        Assert.IsType<TextContent>(contents[0]);
        var data = contents.Skip(1).Cast<DataContent>().ToList();
        Assert.Equal(["image/png", "audio/mpeg"], data.Select(d => d.MediaType));
        Assert.Equal([1, 2, 3], data[0].Data.ToArray());
        Assert.Equal("mockup.png", data[0].Name);
    }
}
