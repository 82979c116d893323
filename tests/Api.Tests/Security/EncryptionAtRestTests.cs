using System.Net;
using System.Net.Http.Json;
using System.Text;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// A request with a distinctive prompt runs through the real system on the offline model; the users get plaintext back over
/// HTTP, while the raw bytes of the file grain store and of the workspace body files never show the prompt, the model's
/// output or a file's content. Every log line of the run is free of the secrets the request carried.
/// </summary>
public sealed class EncryptionAtRestTests(EncryptedSiloAppFactory factory) : IClassFixture<EncryptedSiloAppFactory>
{
    private const string Marker = "zebra-quartz-7731";
    private const string Prompt = $"add a login API for the {Marker} team";
    private const string OutputMarker = "[offline model]"; // every offline answer starts with it
    private const string FileMarker = "public sealed class LoginService";

    [Fact]
    public async Task The_stores_hold_ciphertext_while_the_API_returns_plaintext()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();
        var submitted = await api.SubmitAsync(session.Id, Prompt);
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        // What the users see: plaintext.
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        var read = (await api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!;
        Assert.Contains(Marker, Assert.Single(read.Requests).Text, StringComparison.Ordinal);
        Assert.Contains(workflow.Steps, s => s.Output?.Contains(Marker, StringComparison.Ordinal) == true && s.Output.StartsWith(OutputMarker, StringComparison.Ordinal));
        var events = await api.ReadEventsAsync(session.Id, null, e => e.Any(x => x.Kind == TDeveloper.Grains.Interfaces.Events.SessionEventKind.WorkflowCompleted));
        Assert.Contains(events, e => e.Message?.Contains(OutputMarker, StringComparison.Ordinal) == true);
        var code = await api.Http.GetStringAsync($"/v1/sessions/{session.Id}/workspace/files/src/LoginService.cs");
        Assert.Contains(FileMarker, code, StringComparison.Ordinal);

        // What the stores hold: the ids in clear (they are keys), never the prompt, the outputs or the files.
        var grains = EncryptedSiloAppFactory.RawFiles(factory.GrainDirectory);
        var bodies = EncryptedSiloAppFactory.RawFiles(factory.WorkspaceDirectory);
        Assert.NotEmpty(bodies);
        Assert.Contains(grains.Values, bytes => Contains(bytes, submitted.WorkflowId)); // the raw store is really read
        Assert.Contains(grains.Values, bytes => Contains(bytes, "LoginService.cs")); // and paths stay in clear
        foreach (var (path, bytes) in grains.Concat(bodies))
        {
            foreach (var secret in new[] { Marker, OutputMarker, FileMarker, "Implement this request" })
                Assert.False(Contains(bytes, secret), $"'{secret}' is stored in clear in {path}.");
        }
    }

    [Fact]
    public async Task No_log_line_carries_the_secrets_of_a_request()
    {
        const string password = "Sup3r-S3cret-Pw-9911";
        const string cloudKey = "sk-live-abcdef1234567890";
        var apiKey = (await factory.CreateApiKeyAsync()).Key;
        var tokens = await factory.CreateTokenAsync();
        var api = new ApiClient(factory.CreateClient());
        api.Http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var session = await api.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session.Id}/requests")
        {
            Content = JsonContent.Create(new { text = $"add a signup API; the database password is {password} and the OpenAI key is {cloudKey}" }),
        };
        request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        request.Headers.TryAddWithoutValidation("Cookie", "session=" + apiKey);
        var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);

        var lines = factory.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains(GrainKeysOf(session.Id), StringComparison.Ordinal) || l.Contains(submitted.WorkflowId, StringComparison.Ordinal)); // the run was logged
        foreach (var secret in new[] { tokens.AccessToken, tokens.RefreshToken, apiKey, TestCredentials.SecretOf(apiKey), password, cloudKey })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
    }

    private static string GrainKeysOf(string sessionId) => sessionId;

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
