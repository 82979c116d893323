using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Api.Tests;

public class AgentRegistryApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static object LicenseAgent(string name) => new
    {
        name,
        description = "Checks the licences of dependencies.",
        capabilities = new[] { "license", "Audit" },
        systemPrompt = "You are PromptMarkerAgent, a licence auditor. List every dependency's licence.",
        tools = new[] { "read_file" },
        models = new[] { OfflineChatClient.ModelId },
        capacity = 2,
        taskTimeout = "00:02:00",
    };

    private static object PlanWith(string agent) => new { steps = new object[] { new { id = "licenses", agent, instruction = "audit the licences of the exporter" } } };

    [Fact]
    public async Task A_custom_type_registered_over_http_runs_in_a_plan_with_its_system_prompt_and_model_chain()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("reg-a"));
        var created = await api.Http.PostAsJsonAsync("/v1/agents", LicenseAgent("LicenseAgent"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/agents/LicenseAgent", created.Headers.Location!.ToString());
        var type = (await created.Content.ReadFromJsonAsync<AgentTypeInfo>(ApiClient.Json))!;
        Assert.Equal<string>(["license", "audit"], type.Capabilities);
        Assert.False(type.BuiltIn);

        var audit = await api.Http.GetFromJsonAsync<AgentTypeInfo[]>("/v1/agents?capability=audit", ApiClient.Json);
        Assert.Equal(["LicenseAgent", "SecurityAgent"], audit!.Select(t => t.Name));
        var all = await api.Http.GetFromJsonAsync<AgentTypeInfo[]>("/v1/agents", ApiClient.Json);
        Assert.Equal(7, all!.Length);

        var session = await api.CreateSessionAsync();
        var submitted = await api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "audit licences", plan = PlanWith("LicenseAgent") });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var workflowId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflowId").GetString()!;
        var done = await api.WaitForWorkflowAsync(session.Id, workflowId);

        Assert.Equal(WorkflowStatus.Completed, done.Status);
        var step = done.Steps.Single();
        Assert.Contains("PromptMarkerAgent", step.Output, StringComparison.Ordinal); // the offline model answers as the custom system prompt says
        Assert.Equal(OfflineChatClient.ModelId, step.Model!.Model);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_every_problem_a_taken_name_409_and_unknown_404()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("reg-b"));
        var invalid = await ProblemAssert.IsProblemAsync(
            await api.Http.PostAsJsonAsync("/v1/agents", new { name = "no spaces", capabilities = Array.Empty<string>(), capacity = 0, tools = new[] { "rm_rf" } }),
            HttpStatusCode.BadRequest);
        var detail = invalid.GetProperty("detail").GetString()!;
        Assert.Contains("name 'no spaces' is invalid", detail, StringComparison.Ordinal);
        Assert.Contains("at least one capability", detail, StringComparison.Ordinal);
        Assert.Contains("capacity is 0", detail, StringComparison.Ordinal);
        Assert.Contains("tool 'rm_rf' is unknown", detail, StringComparison.Ordinal);
        Assert.Contains("system prompt", detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await api.Http.PostAsJsonAsync("/v1/agents", LicenseAgent("AuditBot"))).StatusCode);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsJsonAsync("/v1/agents", LicenseAgent("AuditBot")), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/agents/Ghost"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await api.Http.PutAsJsonAsync("/v1/agents/Ghost", LicenseAgent("Ghost")), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await api.Http.DeleteAsync("/v1/agents/Ghost"), HttpStatusCode.NotFound);
        var builtIn = await ProblemAssert.IsProblemAsync(await api.Http.DeleteAsync("/v1/agents/CodeAgent"), HttpStatusCode.Conflict);
        Assert.Contains("disable it", builtIn.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await api.Http.DeleteAsync("/v1/agents/AuditBot")).StatusCode);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/agents/AuditBot"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_disabled_type_is_refused_in_new_plans_with_a_clear_error()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("reg-c"));
        var disabled = await api.Http.PutAsJsonAsync("/v1/agents/DocsAgent", new { capabilities = new[] { "docs" }, status = "Disabled" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(AgentTypeStatus.Disabled, (await api.Http.GetFromJsonAsync<AgentTypeInfo>("/v1/agents/DocsAgent", ApiClient.Json))!.Status);

        var session = await api.CreateSessionAsync();
        var refused = await ProblemAssert.IsProblemAsync(
            await api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "write docs", plan = PlanWith("DocsAgent") }), HttpStatusCode.BadRequest);
        Assert.Contains("'DocsAgent', which is Disabled", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_b_cannot_see_or_use_tenant_as_custom_type()
    {
        var a = new ApiClient(await factory.CreateAuthenticatedClientAsync("reg-owner"));
        Assert.Equal(HttpStatusCode.Created, (await a.Http.PostAsJsonAsync("/v1/agents", LicenseAgent("SecretAgent"))).StatusCode);

        var b = new ApiClient(await factory.CreateAuthenticatedClientAsync("reg-other"));
        await ProblemAssert.IsProblemAsync(await b.Http.GetAsync("/v1/agents/SecretAgent"), HttpStatusCode.NotFound);
        Assert.DoesNotContain("SecretAgent", (await b.Http.GetFromJsonAsync<AgentTypeInfo[]>("/v1/agents", ApiClient.Json))!.Select(t => t.Name));
        var session = await b.CreateSessionAsync();
        var refused = await ProblemAssert.IsProblemAsync(
            await b.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "audit", plan = PlanWith("SecretAgent") }), HttpStatusCode.BadRequest);
        Assert.Contains("unknown agent 'SecretAgent'", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_developer_reads_the_registry_but_only_an_admin_changes_it()
    {
        var developer = await factory.CreateAuthenticatedClientAsync("reg-d", "developer");
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync("/v1/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await developer.PostAsJsonAsync("/v1/agents", LicenseAgent("Nope"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await developer.DeleteAsync("/v1/agents/CodeAgent")).StatusCode);
    }
}
