using System.Text;
using TDeveloper.Grains.Input;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Models;

namespace TDeveloper.Unit.Tests.Input;

public class RequestPreparationTests
{
    private static readonly RequestPart Png = new() { Kind = RequestPartKind.Image, ContentType = "image/png", Data = [137, 80, 78, 71] };

    [Fact]
    public void Text_is_normalised_and_masked_and_text_parts_join_it()
    {
        var (prepared, error) = RequestPreparation.Prepare(new SubmitRequestInput
        {
            Text = "  add login\r\nfor jane@example.com  ",
            Parts = [new RequestPart { Kind = RequestPartKind.Text, Text = "card 4111 1111 1111 1111" }],
        });

        Assert.Null(error);
        Assert.Equal("add login\nfor [EMAIL]\n\ncard [CARD]", prepared!.Text);
        Assert.Empty(prepared.Attachments);
        Assert.Equal(ModelCapabilities.None, prepared.RequiredCapabilities);
    }

    [Fact]
    public void Attachments_keep_their_order_and_name_the_capabilities_they_need()
    {
        RequestPart wav = new() { Kind = RequestPartKind.Audio, ContentType = "audio/wav", Data = [1] };
        RequestPart pdf = new() { Kind = RequestPartKind.Document, ContentType = "application/pdf", Data = [2] };
        var (prepared, _) = RequestPreparation.Prepare(new SubmitRequestInput { Text = "see files", Parts = [Png, wav, pdf] });

        Assert.Equal([Png, wav, pdf], prepared!.Attachments.ToArray());
        Assert.Equal(ModelCapabilities.Vision | ModelCapabilities.Audio | ModelCapabilities.Documents, prepared.RequiredCapabilities);
    }

    [Fact]
    public void Text_documents_are_masked_like_the_request_and_binary_ones_left_as_they_are()
    {
        RequestPart notes = new() { Kind = RequestPartKind.Document, ContentType = "text/markdown; charset=utf-8", Name = "notes.md", Data = Encoding.UTF8.GetBytes("password=hunter22\r\nmail bob@corp.io") };
        var (prepared, _) = RequestPreparation.Prepare(new SubmitRequestInput { Text = "read the notes", Parts = [notes] });

        var attachment = Assert.Single(prepared!.Attachments);
        Assert.Equal("password=[SECRET]\nmail [EMAIL]", Encoding.UTF8.GetString(attachment.Data!));
        Assert.Equal("notes.md", attachment.Name);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \u200B\t", "empty")]
    public void A_request_without_text_is_refused(string text, string reason)
    {
        var (prepared, error) = RequestPreparation.Prepare(new SubmitRequestInput { Text = text, Parts = [Png] });
        Assert.Null(prepared);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Parts_over_the_limits_are_refused_with_every_problem()
    {
        var (prepared, error) = RequestPreparation.Prepare(new SubmitRequestInput
        {
            Text = "x",
            Parts = [Png with { ContentType = "image/bmp" }, Png with { Data = new byte[RequestPartLimits.MaxImageBytes + 1] }],
        });

        Assert.Null(prepared);
        Assert.Contains("Part 0", error);
        Assert.Contains("Part 1", error);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused() =>
        Assert.NotNull(RequestPreparation.Prepare(new SubmitRequestInput { Text = new string('a', SubmitRequestInput.MaxTextLength + 1) }).Error);

    [Fact]
    public void A_callers_plan_has_its_instructions_masked_and_the_rest_kept()
    {
        var plan = new TDeveloper.Grains.Interfaces.Workflows.WorkflowPlan
        {
            Steps =
            [
                new() { Id = "a", Agent = "CodeAgent", Instruction = "mail {{request}} to bob@corp.io", CompensationInstruction = "revoke AKIAIOSFODNN7EXAMPLE" },
                new() { Id = "b", Agent = "TestAgent", Instruction = "test on port 8080", DependsOn = ["a"] },
            ],
        };

        var masked = RequestPreparation.MaskInstructions(plan);

        Assert.Equal(["mail {{request}} to [EMAIL]", "test on port 8080"], masked.Steps.Select(s => s.Instruction));
        Assert.Equal(["revoke [SECRET]", null], masked.Steps.Select(s => s.CompensationInstruction));
        Assert.Equal(["a"], masked.Steps[1].DependsOn.ToArray());
    }

    [Fact]
    public void The_default_catalog_takes_no_images_and_says_what_to_add()
    {
        var missing = RequestPreparation.MissingCapability(ModelCapabilities.Vision, new ModelCatalogOptions().EffectiveCatalog);
        Assert.Contains("Vision", missing);
        Assert.Contains("TDeveloper:Models:Catalog", missing);
        Assert.Null(RequestPreparation.MissingCapability(ModelCapabilities.None, new ModelCatalogOptions().EffectiveCatalog));
    }

    [Fact]
    public void One_model_must_have_every_needed_capability()
    {
        ModelCatalogEntry[] catalog =
        [
            new() { Id = "eyes", Capabilities = ModelCapabilities.Vision },
            new() { Id = "ears", Capabilities = ModelCapabilities.Audio },
        ];
        Assert.Null(RequestPreparation.MissingCapability(ModelCapabilities.Vision, catalog));
        Assert.NotNull(RequestPreparation.MissingCapability(ModelCapabilities.Vision | ModelCapabilities.Audio, catalog));
        Assert.Null(RequestPreparation.MissingCapability(ModelCapabilities.Vision | ModelCapabilities.Audio, [.. catalog, new() { Id = "both", Capabilities = ModelCapabilities.Vision | ModelCapabilities.Audio | ModelCapabilities.Tools }]));
    }
}
