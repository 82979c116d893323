using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Testing;

namespace TDeveloper.Api.Tests;

/// <summary>
/// The whole cluster dies at once, the way it happens: two real silo processes killed with SIGKILL mid-work, then two new ones
/// started over the same data. The session comes back live, its crash is noticed and recovered from its checkpoint, the request
/// that was running finishes, heartbeats go on, and a checkpoint taken before the crash still restores as a branch.
/// </summary>
public sealed class ClusterRestartTests
{
    [Fact]
    public async Task A_cluster_killed_with_SIGKILL_comes_back_with_its_sessions_checkpoints_and_running_work()
    {
        var data = Directory.CreateTempSubdirectory("tdev-restart-").FullName;
        var layout = new EmbeddedClusterLayout(data,
        [
            "--TDeveloper:Models:Offline:Latency=00:00:00.500", // long enough to kill the cluster while a step runs
            "--TDeveloper:Sessions:HeartbeatInterval=00:00:01",
            "--TDeveloper:Sessions:Recovery:ScanInterval=00:00:01",
        ]);
        var silos = new List<SiloProcess>();
        try
        {
            silos.AddRange(await StartClusterAsync(layout, data, "before"));
            using var before = new HttpClient { BaseAddress = silos[0].ApiUrl };
            await layout.AuthenticateAsync(before);
            var api = new ApiClient(before);

            var session = await api.CreateSessionAsync("restart");
            var finished = await api.SubmitAsync(session.Id, "add a login API with tests");
            Assert.Equal(WorkflowStatus.Completed, (await api.WaitForWorkflowAsync(session.Id, finished.WorkflowId)).Status);
            using var taken = await before.PostAsJsonAsync($"/v1/sessions/{session.Id}/checkpoints", new { label = "before the crash" });
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
            var checkpoint = (await taken.Content.ReadFromJsonAsync<CheckpointInfo>(ApiClient.Json))!;

            var running = await api.SubmitAsync(session.Id, "then add a logout API");
            await api.ReadEventsAsync(session.Id, null, events => events.Any(e => e.WorkflowId == running.WorkflowId && e.Kind == SessionEventKind.StepStarted));
            foreach (var silo in silos) silo.Kill();
            silos.Clear();

            silos.AddRange(await StartClusterAsync(layout, data, "after"));
            using var after = new HttpClient { BaseAddress = silos[0].ApiUrl };
            after.DefaultRequestHeaders.Authorization = before.DefaultRequestHeaders.Authorization; // signing keys are durable: the token still holds
            var again = new ApiClient(after);

            // Reading the session activates it: it finds it did not shut down cleanly and queues its recovery.
            var revived = (await after.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!;
            Assert.Equal(SessionStatus.Active, revived.Status);
            Assert.Equal([finished.WorkflowId, running.WorkflowId], revived.Requests.Select(r => r.WorkflowId));
            var events = await again.ReadEventsAsync(session.Id, null, seen =>
                seen.Any(e => e.Kind == SessionEventKind.SessionRecovered) &&
                seen.Any(e => e.WorkflowId == running.WorkflowId && e.Kind == SessionEventKind.WorkflowCompleted));
            Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.SessionRecoveryFailed);
            Assert.Equal(nameof(RecoveryOutcome.Recovered), events.Single(e => e.Kind == SessionEventKind.SessionRecovered).Status); // its agents came back from a checkpoint
            Assert.Equal(WorkflowStatus.Completed, (await after.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{running.WorkflowId}", ApiClient.Json))!.Status);

            // The heartbeat runs again on the new cluster.
            await again.GetUntilAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", s => s.LastHeartbeatAt is not null, TimeSpan.FromSeconds(60));

            // The checkpoint taken before the crash is kept and restores as a branch with the first request in its history.
            var kept = (await after.GetFromJsonAsync<CheckpointInfo[]>($"/v1/sessions/{session.Id}/checkpoints", ApiClient.Json))!;
            Assert.Contains(kept, c => c.Id == checkpoint.Id && c.Sha256 == checkpoint.Sha256);
            using var branched = await after.PostAsJsonAsync($"/v1/sessions/{session.Id}/checkpoints/{checkpoint.Id}/branch", new { title = "after the crash" });
            Assert.True(branched.StatusCode == HttpStatusCode.Created, await branched.Content.ReadAsStringAsync());
            var branch = (await branched.Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json))!;
            Assert.Equal(finished.WorkflowId, Assert.Single(branch.Requests).WorkflowId);
        }
        finally
        {
            foreach (var silo in silos) silo.Kill();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still hold a file for a moment; the temp directory is cleaned by the system later.
            }
        }
    }

    private static async Task<SiloProcess[]> StartClusterAsync(EmbeddedClusterLayout layout, string data, string phase)
    {
        var primary = FreePort.Next();
        var first = await SiloProcess.StartAsync(SiloBuild.Assembly(), FreePort.Next(), layout.SiloArguments(primary, primary), new Dictionary<string, string>(), Path.Combine(data, $"silo1-{phase}.log"));
        var second = await SiloProcess.StartAsync(SiloBuild.Assembly(), FreePort.Next(), layout.SiloArguments(primary, FreePort.Next()), new Dictionary<string, string>(), Path.Combine(data, $"silo2-{phase}.log"));
        return [first, second];
    }
}
