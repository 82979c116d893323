using System.Net;
using System.Text.Json;

namespace TDeveloper.Api.Tests.Operations;

/// <summary>Liveness and readiness of the Silo and the Gateway: JSON bodies naming each dependency, and 503 when one fails.</summary>
public sealed class HealthTests : SiloAndGateway
{
    [Fact]
    public async Task TheSilo_reports_each_dependency_in_readiness_and_none_in_liveness()
    {
        var http = Silo.CreateClient();

        var (status, ready) = await ReadAsync(http, "/ready");
        Assert.True(status == HttpStatusCode.OK, ready.ToString());
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var checks = Checks(ready);
        Assert.Equal(["grain-storage", "models", "orleans-cluster", "streams"], checks.Keys.Order());
        foreach (var check in checks.Values)
        {
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(check.GetProperty("description").GetString()));
            Assert.True(check.GetProperty("durationMs").GetDouble() >= 0);
            Assert.Contains("ready", check.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        Assert.Contains("offline", checks["models"].GetProperty("data").GetProperty("healthy").GetString());
        Assert.Equal("1", checks["orleans-cluster"].GetProperty("data").GetProperty("silos").GetString());

        var (aliveStatus, alive) = await ReadAsync(http, "/alive");
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal(["self"], Checks(alive).Keys);

        var (_, health) = await ReadAsync(http, "/health"); // every check: the old path keeps working
        Assert.Equal(["grain-storage", "models", "orleans-cluster", "self", "streams"], Checks(health).Keys.Order());
    }

    [Fact]
    public async Task TheGateway_turns_unready_when_its_cluster_goes_away_but_stays_alive()
    {
        var http = Gateway.CreateClient();
        var (status, ready) = await ReadAsync(http, "/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["orleans-cluster", "streams"], Checks(ready).Keys.Order());

        await Silo.DisposeAsync(); // the only silo stops: the Gateway's client has no cluster

        var (downStatus, down) = await ReadAsync(http, "/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
        Assert.Equal("Unhealthy", down.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Checks(down)["orleans-cluster"].GetProperty("status").GetString());
        Assert.Equal("Healthy", Checks(down)["streams"].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health")).StatusCode);

        var (aliveStatus, alive) = await ReadAsync(http, "/alive");
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal("Healthy", alive.GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Dictionary<string, JsonElement> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
}
