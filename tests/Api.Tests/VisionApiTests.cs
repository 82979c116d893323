using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>Requests with images when the catalog has a model with the Vision capability.</summary>
public class VisionApiTests(VisionSiloAppFactory factory) : IClassFixture<VisionSiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_image_part_is_accepted_and_its_workflow_runs_on_the_vision_model()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new
        {
            text = "build the page in this mock-up",
            parts = new[] { new { kind = "image", contentType = "image/png", name = "mockup.png", dataBase64 = MultimodalApiTests.PngBase64 } },
        });

        var submitted = await MultimodalApiTests.AcceptedAsync(response);
        var workflow = await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.All(workflow.Steps, s => Assert.Equal(VisionSiloAppFactory.VisionModel, s.Model?.Model));
    }

    [Fact]
    public async Task A_multipart_upload_with_an_image_is_accepted()
    {
        var session = await _api.CreateSessionAsync();
        var form = MultimodalApiTests.Form("build the page in this mock-up", ("mockup.png", "image/png", Convert.FromBase64String(MultimodalApiTests.PngBase64)));

        var submitted = await MultimodalApiTests.AcceptedAsync(await _api.Http.PostAsync($"/v1/sessions/{session.Id}/requests", form));
        Assert.Equal(WorkflowStatus.Completed, (await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId)).Status);
    }
}
