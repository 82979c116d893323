using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TDeveloper.Api.Security;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Security;

/// <summary>The audit log over HTTP: admins of a tenant read its events, filtered and paged; nobody else reads them.</summary>
public sealed class AuditApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_recorded_through_the_audit_trail_are_read_back_in_order_filtered_and_paged()
    {
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await factory.CreateAuthenticatedClientAsync(tenant, BuiltInRoles.Admin);
        var b = (await ReadAsync(admin, "")).GetProperty("lastSequence").GetInt64(); // the admin's own key and login are audited first
        var trail = factory.Services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < 12; i++)
        {
            await trail.RecordAsync(Event(tenant, i % 3 == 0 ? AuditEventKinds.AccessDenied : AuditEventKinds.Login, i % 2 == 0 ? "alice" : "bob", Start.AddMinutes(i), i));
        }

        long[] At(params long[] offsets) => [.. offsets.Select(o => b + o)];
        var all = await ReadAsync(admin, $"?after={b}");
        Assert.Equal(At([.. Enumerable.Range(1, 12).Select(i => (long)i)]), Sequences(all));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString()), all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event").GetProperty("details").GetProperty("n").GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.Equal(b + 12, all.GetProperty("lastSequence").GetInt64());

        Assert.Equal(At(1, 4, 7, 10), Sequences(await ReadAsync(admin, $"?after={b}&kind={AuditEventKinds.AccessDenied}")));
        Assert.Equal(At(2, 4, 6, 8, 10, 12), Sequences(await ReadAsync(admin, $"?after={b}&actor=bob")));
        Assert.Equal(At(4, 10), Sequences(await ReadAsync(admin, $"?after={b}&actor=bob&kind={AuditEventKinds.AccessDenied}")));
        Assert.Equal(At(3, 4, 5), Sequences(await ReadAsync(admin, $"?after={b}&from={Uri.EscapeDataString(Start.AddMinutes(2).ToString("O"))}&to={Uri.EscapeDataString(Start.AddMinutes(5).ToString("O"))}")));

        // Paging: each page's "next" is the "after" of the following one, until "next" is null.
        var paged = new List<long>();
        long? after = b;
        for (var pages = 0; after is { } from; pages++)
        {
            Assert.True(pages < 10, "paging ends");
            var page = await ReadAsync(admin, $"?limit=5&after={from}");
            paged.AddRange(Sequences(page));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        Assert.Equal(At([.. Enumerable.Range(1, 12).Select(i => (long)i)]), paged);
        Assert.Equal(At(11, 12), Sequences(await ReadAsync(admin, $"?after={b + 10}")));
    }

    [Fact]
    public async Task Only_admins_of_the_tenant_read_its_audit_log()
    {
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..8];
        await factory.Services.GetRequiredService<IAuditTrail>().RecordAsync(Event(tenant, AuditEventKinds.Login, "alice", Start, 0));

        await ProblemAssert.IsProblemAsync(await factory.CreateClient().GetAsync("/v1/audit"), HttpStatusCode.Unauthorized);
        foreach (var role in new[] { BuiltInRoles.Developer, BuiltInRoles.Viewer })
        {
            var client = await factory.CreateAuthenticatedClientAsync(tenant, role);
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/v1/audit"), HttpStatusCode.Forbidden);
        }

        static IEnumerable<string?> Actors(JsonElement page) => page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event").GetProperty("actor").GetString());
        var otherAdmin = await factory.CreateAuthenticatedClientAsync("audit-other", BuiltInRoles.Admin);
        Assert.DoesNotContain("alice", Actors(await ReadAsync(otherAdmin, "")));
        var admin = await factory.CreateAuthenticatedClientAsync(tenant, BuiltInRoles.Admin);
        Assert.Single(Actors(await ReadAsync(admin, "")), actor => actor == "alice");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?after=-1")]
    [InlineData("?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")]
    [InlineData("?from=yesterday")]
    public async Task A_bad_query_is_a_400_problem(string query)
    {
        var admin = await factory.CreateAuthenticatedClientAsync("default", BuiltInRoles.Admin);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/v1/audit" + query), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Creating_a_signing_key_is_audited_with_its_actor_and_never_its_secret()
    {
        var tenant = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await factory.CreateAuthenticatedClientAsync(tenant, BuiltInRoles.Admin);
        var key = await SigningKeys.CreateAsync(admin, "deploy bot", BuiltInRoles.Developer);

        var page = await ReadAsync(admin, $"?kind={AuditEventKinds.KeyCreated}");
        var created = Assert.Single(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event")),
            e => e.GetProperty("details").TryGetProperty("keyId", out var id) && id.GetString() == key.KeyId);
        Assert.StartsWith("apikey:", created.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key.Secret, page.GetRawText(), StringComparison.Ordinal);
    }

    private static AuditEvent Event(string tenant, string kind, string actor, DateTimeOffset at, int n) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Actor = actor,
        Outcome = kind == AuditEventKinds.AccessDenied ? "denied" : "success",
        At = at,
        Details = ImmutableDictionary<string, string>.Empty.Add("n", n.ToString()),
    };

    private static async Task<JsonElement> ReadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/v1/audit" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long[] Sequences(JsonElement slice) => [.. slice.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64())];
}
