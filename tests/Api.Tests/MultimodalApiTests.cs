using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>Requests made of typed parts on the default catalog (the offline model: text only).</summary>
public class MultimodalApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>, IAsyncLifetime
{
    /// <summary>A 1×1 PNG.</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Emails_and_card_numbers_are_masked_before_the_plan_and_the_agents_see_them()
    {
        var session = await _api.CreateSessionAsync();
        var submitted = await _api.SubmitAsync(session.Id, "add a login API with tests; mail jane.doe@example.com, test card 4111 1111 1111 1111, port 8080");

        var instructions = string.Join("\n", submitted.Plan.Plan.Steps.Select(s => s.Instruction));
        Assert.Contains("[EMAIL]", instructions);
        Assert.Contains("[CARD]", instructions);
        Assert.Contains("port 8080", instructions);
        var workflow = await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Contains("[EMAIL]", workflow.RequestText);
        var seen = JsonSerializer.Serialize(workflow, ApiClient.Json) + await _api.Http.GetStringAsync($"/v1/sessions/{session.Id}");
        Assert.DoesNotContain("jane.doe", seen);
        Assert.DoesNotContain("4111", seen);
    }

    [Fact]
    public async Task Text_parts_join_the_request_text_and_are_masked_too()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new
        {
            text = "add a login API",
            parts = new[] { new { kind = "text", text = "call me on +1 415 555 2671" } },
        });

        var submitted = await AcceptedAsync(response);
        var instructions = string.Join("\n", submitted.Plan.Plan.Steps.Select(s => s.Instruction));
        Assert.Contains("[PHONE]", instructions);
        Assert.DoesNotContain("555", instructions);
    }

    [Fact]
    public async Task An_image_is_refused_when_no_model_in_the_catalog_takes_images()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new
        {
            text = "build the page in this mock-up",
            parts = new[] { new { kind = "image", contentType = "image/png", dataBase64 = PngBase64 } },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Vision", problem.GetProperty("detail").GetString());
        Assert.Empty((await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!.Requests);
    }

    [Theory]
    [InlineData("image", "image/bmp")]
    [InlineData("image", "application/pdf")]
    [InlineData("audio", "video/mp4")]
    [InlineData("document", "application/zip")]
    [InlineData("video", "video/mp4")]
    public async Task A_kind_or_content_type_not_accepted_is_415_naming_the_part(string kind, string contentType)
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new
        {
            text = "look at this",
            parts = new object[] { new { kind = "text", text = "fine" }, new { kind, contentType, dataBase64 = PngBase64 } },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Part 1", problem.GetProperty("detail").GetString());
        Assert.Equal(1, problem.GetProperty("parts")[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Malformed_parts_are_400_naming_each_part()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/v1/sessions/{session.Id}/requests";

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new
        {
            text = "x",
            parts = new object[]
            {
                new { kind = "image", contentType = "image/png", dataBase64 = "not base64!" },
                new { kind = "text", text = "  " },
                new { kind = "document", contentType = "application/pdf" },
            },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("Part 0", problem.GetProperty("detail").GetString());

        problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new
        {
            text = "x",
            parts = new object[] { new { kind = "text", text = "  " }, new { kind = "document", contentType = "application/pdf" } },
        }), HttpStatusCode.BadRequest);
        Assert.Equal([0, 1], problem.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("index").GetInt32()));

        var tooMany = Enumerable.Range(0, RequestPartLimits.MaxParts + 1).Select(i => new { kind = "text", text = $"part {i}" }).ToArray();
        problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { text = "x", parts = tooMany }), HttpStatusCode.BadRequest);
        Assert.Contains($"at most {RequestPartLimits.MaxParts}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_part_over_its_limit_is_413_naming_the_part_and_the_limit()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new
        {
            text = "x",
            parts = new[] { new { kind = "image", contentType = "image/png", dataBase64 = Convert.ToBase64String(new byte[RequestPartLimits.MaxImageBytes + 1]) } },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Part 0", detail);
        Assert.Contains(RequestPartLimits.MaxImageBytes.ToString(), detail);
    }

    [Fact]
    public async Task A_body_over_the_submit_route_limit_is_413_before_it_is_read()
    {
        var session = await _api.CreateSessionAsync();
        using var huge = new ByteArrayContent(new byte[32 * 1024 * 1024 + 1]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/sessions/{session.Id}/requests", huge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains((32 * 1024 * 1024).ToString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_multipart_upload_with_an_image_is_refused_on_the_default_catalog_and_plain_text_accepted()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/v1/sessions/{session.Id}/requests";

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync(url, Form("build this", ("mockup.png", "image/png", Convert.FromBase64String(PngBase64)))), HttpStatusCode.BadRequest);
        Assert.Contains("Vision", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync(url, Form("build this", ("movie.mp4", "video/mp4", [1, 2, 3]))), HttpStatusCode.UnsupportedMediaType);

        var submitted = await AcceptedAsync(await _api.Http.PostAsync(url, Form("add a login API for bob@corp.io")));
        Assert.Contains("[EMAIL]", submitted.Plan.Plan.Steps[0].Instruction);
    }

    internal static MultipartFormDataContent Form(string text, params (string Name, string ContentType, byte[] Data)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(text, Encoding.UTF8), "text" } };
        foreach (var (name, contentType, data) in files)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "files", name);
        }

        return form;
    }

    internal static async Task<SubmittedRequest> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
    }
}
