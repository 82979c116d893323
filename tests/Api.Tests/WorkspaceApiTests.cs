using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Api.Tests;

/// <summary>A request on the default offline model leaves real files in the session's workspace, listed and downloaded over HTTP.</summary>
public class WorkspaceApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>, IAsyncLifetime
{
    private static readonly Dictionary<string, string> FileOf = new()
    {
        [AgentNames.Design] = "docs/design/login.md",
        [AgentNames.Code] = "src/LoginService.cs",
        [AgentNames.Test] = "tests/LoginServiceTests.cs",
        [AgentNames.Security] = "reviews/login-security.md",
        [AgentNames.Review] = "reviews/login.md",
        [AgentNames.Docs] = "docs/login.md",
    };

    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_request_writes_files_that_are_listed_downloaded_and_zipped_and_its_steps_name_them()
    {
        var session = await _api.CreateSessionAsync();
        var request = await _api.SubmitAsync(session.Id, "add a login API with tests");
        var workflow = await _api.WaitForWorkflowAsync(session.Id, request.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);

        var agentSteps = workflow.Steps.Where(s => s.Kind == StepKind.Agent).ToList();
        Assert.NotEmpty(agentSteps);
        foreach (var step in agentSteps) Assert.Equal(FileOf[step.Agent], Assert.Single(step.FilesChanged));
        Assert.Contains("Files written: `src/LoginService.cs`", agentSteps.Single(s => s.Agent == AgentNames.Code).Output);

        var files = (await _api.Http.GetFromJsonAsync<WorkspaceFile[]>($"/v1/sessions/{session.Id}/workspace", ApiClient.Json))!;
        Assert.Equal(agentSteps.Select(s => FileOf[s.Agent]).Order(StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal(64, f.Hash.Length));

        var code = await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace/files/src/LoginService.cs");
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        Assert.Equal("text/plain", code.Content.Headers.ContentType?.MediaType);
        var codeText = await code.Content.ReadAsStringAsync();
        Assert.Contains("public sealed class LoginService", codeText);
        Assert.Equal(files.Single(f => f.Path == "src/LoginService.cs").Size, Encoding.UTF8.GetByteCount(codeText));
        Assert.Equal($"\"{files.Single(f => f.Path == "src/LoginService.cs").Hash}\"", code.Headers.ETag?.Tag);

        var zipResponse = await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace.zip");
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        Assert.Equal(files.Select(f => f.Path), zip.Entries.Select(e => e.FullName));
        using var entry = new StreamReader(zip.GetEntry("src/LoginService.cs")!.Open());
        Assert.Equal(codeText, await entry.ReadToEndAsync());
    }

    [Fact]
    public async Task Bad_paths_are_400_and_missing_files_or_sessions_are_404()
    {
        var session = await _api.CreateSessionAsync();

        var control = await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace/files/a%01b"), HttpStatusCode.BadRequest);
        Assert.Contains("control characters", control.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace/files/C:/x"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace/files/src/None.cs"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope/workspace"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope/workspace.zip"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope/workspace/files/a.txt"), HttpStatusCode.NotFound);
        Assert.Empty((await _api.Http.GetFromJsonAsync<WorkspaceFile[]>($"/v1/sessions/{session.Id}/workspace", ApiClient.Json))!);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_nothing_is_written()
    {
        var session = await _api.CreateSessionAsync();
        var workspace = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWorkspaceGrain>(GrainKeys.Session(GrainKeys.DefaultTenant, session.Id));
        await workspace.WriteAsync(new WorkspaceWriteInput { Path = "a.txt", Content = "small"u8.ToArray(), Writer = "test" });

        var refused = await workspace.WriteAsync(new WorkspaceWriteInput { Path = "a.txt", Content = new byte[1024 * 1024 + 1], Writer = "test" });

        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Contains("MaxFileBytes", refused.Error);
        Assert.Equal("small", Encoding.UTF8.GetString((await workspace.ReadAsync("a.txt"))!.Content));
        Assert.Equal(Directory.GetFiles(Path.Combine(factory.WorkspaceDirectory, GrainKeys.DefaultTenant, session.Id)).Length, (await workspace.ListAsync()).Length);
    }

    [Fact]
    public async Task Writing_the_same_content_again_changes_nothing_and_an_overwrite_leaves_no_orphan()
    {
        var session = await _api.CreateSessionAsync();
        var workspace = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWorkspaceGrain>(GrainKeys.Session(GrainKeys.DefaultTenant, session.Id));
        var input = new WorkspaceWriteInput { Path = "./notes//a.md", Content = "one\n"u8.ToArray(), Writer = "w-1/step/1" };

        Assert.True((await workspace.WriteAsync(input)).Value!.Changed);
        var again = await workspace.WriteAsync(input);
        var diff = await workspace.DiffAsync("notes/a.md", "two\n");
        await workspace.WriteAsync(input with { Content = "two\n"u8.ToArray(), Writer = "w-1/step/2" });

        Assert.False(again.Value!.Changed);
        Assert.Equal("notes/a.md", again.Value.File.Path);
        Assert.Contains("-one\n+two", diff.Value!.UnifiedDiff);
        var file = Assert.Single(await workspace.ListAsync());
        Assert.Equal("w-1/step/2", file.Writer);
        Assert.Equal([file.Hash], Directory.GetFiles(Path.Combine(factory.WorkspaceDirectory, GrainKeys.DefaultTenant, session.Id)).Select(Path.GetFileName));
    }
}
