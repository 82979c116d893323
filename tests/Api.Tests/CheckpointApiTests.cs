using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using Xunit.Abstractions;

namespace TDeveloper.Api.Tests;

/// <summary>The embedded default with its checkpoints in a temporary directory of their own (local files, as in production).</summary>
public sealed class CheckpointSiloAppFactory : SiloAppFactory
{
    /// <summary>Gets the directory of the checkpoint bodies, deleted with the factory.</summary>
    public string CheckpointDirectory { get; } = Directory.CreateTempSubdirectory("tdev-api-checkpoints-").FullName;

    /// <summary>Gets the file of checkpoint <paramref name="checkpointId"/> of session <paramref name="sessionId"/> of tenant default.</summary>
    public string BodyFile(string sessionId, string checkpointId) => Path.Combine(CheckpointDirectory, GrainKeys.DefaultTenant, sessionId, "checkpoints", checkpointId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Sessions:Checkpoints:Directory", CheckpointDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(CheckpointDirectory)) Directory.Delete(CheckpointDirectory, recursive: true);
    }
}

/// <summary>Checkpoints over HTTP: taken, listed, branched into a new session with its memory and files; corrupt ones refused and skipped; retention deletes bodies with their metadata.</summary>
public sealed class CheckpointApiTests(CheckpointSiloAppFactory factory, ITestOutputHelper output) : IClassFixture<CheckpointSiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_checkpoint_is_taken_listed_and_branched_into_a_new_session_with_the_history_memory_and_files_of_its_source()
    {
        var source = await _api.CreateSessionAsync();
        var request = await _api.SubmitAsync(source.Id, "add a login API with tests");
        Assert.Equal(WorkflowStatus.Completed, (await _api.WaitForWorkflowAsync(source.Id, request.WorkflowId)).Status);
        var sourceMemory = await _api.GetUntilAsync<MemorySearchResult>($"/v1/sessions/{source.Id}/memory?limit=100", memory => memory.Total >= request.Plan.Plan.Steps.Length); // the agents tell it one way

        var taken = await _api.Http.PostAsJsonAsync($"/v1/sessions/{source.Id}/checkpoints", new { label = "login works" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var checkpoint = (await taken.Content.ReadFromJsonAsync<CheckpointInfo>(ApiClient.Json))!;
        Assert.Equal($"/v1/sessions/{source.Id}/checkpoints/{checkpoint.Id}", taken.Headers.Location?.OriginalString);
        Assert.Equal((CheckpointKind.Manual, "login works", source.Id, 64), (checkpoint.Kind, checkpoint.Reason, checkpoint.SessionId, checkpoint.Sha256.Length));
        Assert.StartsWith("local-", checkpoint.KeyId, StringComparison.Ordinal);
        Assert.Equal(checkpoint.SizeBytes, new FileInfo(factory.BodyFile(source.Id, checkpoint.Id)).Length);
        var workflow = await _api.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{request.WorkflowId}", ApiClient.Json);
        output.WriteLine($"bytes per checkpoint of a session with one finished request ({workflow!.Steps.Length} steps): {checkpoint.SizeBytes}");

        var listed = (await _api.Http.GetFromJsonAsync<CheckpointInfo[]>($"/v1/sessions/{source.Id}/checkpoints", ApiClient.Json))!;
        Assert.Equal(checkpoint, listed[0]);
        Assert.Equal(checkpoint, await _api.Http.GetFromJsonAsync<CheckpointInfo>($"/v1/sessions/{source.Id}/checkpoints/{checkpoint.Id}", ApiClient.Json));
        Assert.Equal(checkpoint.TakenAt, (await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{source.Id}", ApiClient.Json))!.LastCheckpointAt);

        var branched = await _api.Http.PostAsJsonAsync($"/v1/sessions/{source.Id}/checkpoints/{checkpoint.Id}/branch", new { title = "login, take two" });

        Assert.Equal(HttpStatusCode.Created, branched.StatusCode);
        var branch = (await branched.Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json))!;
        Assert.Equal($"/v1/sessions/{branch.Id}", branched.Headers.Location?.OriginalString);
        Assert.NotEqual(source.Id, branch.Id);
        Assert.Equal((source.Id, checkpoint.Id, "login, take two", SessionStatus.Active), (branch.BranchedFromSessionId, branch.BranchedFromCheckpointId, branch.Title, branch.Status));
        var inherited = Assert.Single(branch.Requests);
        Assert.Equal((request.WorkflowId, source.Id, WorkflowStatus.Completed), (inherited.WorkflowId, inherited.FromSessionId, inherited.StatusAtCheckpoint));
        var read = (await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{branch.Id}", ApiClient.Json))!;
        Assert.Equal((source.Id, checkpoint.Id, request.WorkflowId), (read.BranchedFromSessionId, read.BranchedFromCheckpointId, read.Requests.Single().WorkflowId));

        var sourceFiles = (await _api.Http.GetFromJsonAsync<WorkspaceFile[]>($"/v1/sessions/{source.Id}/workspace", ApiClient.Json))!;
        var branchFiles = (await _api.Http.GetFromJsonAsync<WorkspaceFile[]>($"/v1/sessions/{branch.Id}/workspace", ApiClient.Json))!;
        Assert.NotEmpty(sourceFiles);
        Assert.Equal(sourceFiles.Select(f => (f.Path, f.Hash)), branchFiles.Select(f => (f.Path, f.Hash)));
        Assert.Equal(await _api.Http.GetStringAsync($"/v1/sessions/{source.Id}/workspace/files/{sourceFiles[0].Path}"), await _api.Http.GetStringAsync($"/v1/sessions/{branch.Id}/workspace/files/{sourceFiles[0].Path}"));

        var sourceAgents = (await _api.Http.GetFromJsonAsync<AgentSnapshot[]>($"/v1/sessions/{source.Id}/agents", ApiClient.Json))!;
        var branchAgents = (await _api.Http.GetFromJsonAsync<AgentSnapshot[]>($"/v1/sessions/{branch.Id}/agents", ApiClient.Json))!;
        Assert.Equal(sourceAgents.Select(a => (a.Name, a.TasksCompleted, a.TotalTokens, a.ConversationTurns)), branchAgents.Select(a => (a.Name, a.TasksCompleted, a.TotalTokens, a.ConversationTurns)));
        Assert.All(branchAgents, a => Assert.True(a.ConversationTurns > 0));
        var branchMemory = (await _api.Http.GetFromJsonAsync<MemorySearchResult>($"/v1/sessions/{branch.Id}/memory?limit=100", ApiClient.Json))!;
        Assert.Equal(sourceMemory.Items.Select(i => (i.Id, i.Text, i.Source)).Order(), branchMemory.Items.Select(i => (i.Id, i.Text, i.Source)).Order()); // the session's shared memory too
        output.WriteLine($"{branchAgents.Length} agents with {branchAgents.Sum(a => a.ConversationTurns)} memory items, {branchFiles.Length} workspace files");

        var events = await _api.ReadEventsAsync(branch.Id, null, e => e.Any(x => x.Kind == SessionEventKind.SessionBranched));
        Assert.Contains(checkpoint.Id, events.Single(e => e.Kind == SessionEventKind.SessionBranched).Message, StringComparison.Ordinal);
        await _api.ReadEventsAsync(source.Id, null, e => e.Any(x => x.Kind == SessionEventKind.SessionBranched && x.Message!.Contains(branch.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_finished_step_is_a_significant_change_that_takes_a_change_checkpoint_while_its_workflow_still_runs()
    {
        var session = await _api.CreateSessionAsync();
        // The release template waits for a person after its first steps: only finished steps can be the change.
        using var submitted = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "ship the exporter", template = "release" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var request = (await submitted.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;

        await _api.ReadEventsAsync(session.Id, null, e => e.Any(x => x.Kind == SessionEventKind.CheckpointTaken && x.Status == nameof(CheckpointKind.Change)));

        var kept = (await _api.Http.GetFromJsonAsync<CheckpointInfo[]>($"/v1/sessions/{session.Id}/checkpoints", ApiClient.Json))!;
        var change = Assert.Single(kept, c => c.Kind == CheckpointKind.Change);
        Assert.Contains(change.Reason, new[] { "a step finished", "memory promoted" });
        Assert.Equal(WorkflowStatus.Running, (await _api.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{request.WorkflowId}", ApiClient.Json))!.Status);
    }

    [Fact]
    public async Task Recovery_skips_a_corrupted_newest_checkpoint_and_restores_the_one_before_and_branching_it_is_refused()
    {
        var session = await _api.CreateSessionAsync();
        var request = await _api.SubmitAsync(session.Id, "design a cache");
        await _api.WaitForWorkflowAsync(session.Id, request.WorkflowId);
        var older = await TakeAsync(session.Id, "older");
        var newest = await TakeAsync(session.Id, "newest");
        var file = factory.BodyFile(session.Id, newest.Id);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var recovery = await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(GrainKeys.Session(GrainKeys.DefaultTenant, session.Id)).RecoverAsync();

        Assert.Equal((RecoveryOutcome.Recovered, older.Id), (recovery.Outcome, recovery.CheckpointId));
        Assert.Equal([newest.Id], recovery.Skipped.ToArray());
        var refused = await _api.Http.PostAsync($"/v1/sessions/{session.Id}/checkpoints/{newest.Id}/branch", null);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("HashMismatch", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _api.ReadEventsAsync(session.Id, null, e => e.Any(x => x.Kind == SessionEventKind.CheckpointSkipped && x.Message!.Contains(newest.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Retention_deletes_bodies_with_their_metadata_and_bad_requests_are_problems()
    {
        var session = await _api.CreateSessionAsync();
        var taken = new List<CheckpointInfo>();
        for (var i = 0; i < 7; i++) taken.Add(await TakeAsync(session.Id, $"n{i}"));

        var kept = (await _api.Http.GetFromJsonAsync<CheckpointInfo[]>($"/v1/sessions/{session.Id}/checkpoints", ApiClient.Json))!;
        var files = Directory.GetFiles(Path.GetDirectoryName(factory.BodyFile(session.Id, "x"))!).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.InRange(kept.Length, 5, 6); // the newest five, and the newest of the previous hour if the test crossed one
        Assert.Equal(taken.AsEnumerable().Reverse().Take(5).Select(c => c.Id), kept.Take(5).Select(c => c.Id));
        Assert.Equal(kept.Select(c => c.Id).Order(StringComparer.Ordinal), files);

        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/sessions/{session.Id}/checkpoints/ck-0000/branch", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-missing/checkpoints"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/checkpoints", new { label = new string('x', CheckpointLimits.MaxLabelLength + 1) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/sessions/{session.Id}/checkpoints/not%20an%20id/branch", null), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.DeleteAsync($"/v1/sessions/{session.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/sessions/{session.Id}/checkpoints", null), HttpStatusCode.Conflict);
    }

    private async Task<CheckpointInfo> TakeAsync(string sessionId, string label)
    {
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{sessionId}/checkpoints", new { label });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckpointInfo>(ApiClient.Json))!;
    }
}
