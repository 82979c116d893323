using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TDeveloper.Aws.Tests;
using TDeveloper.Aws.Tests.Kms;
using TDeveloper.Testing;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>
/// The real hosts in the AWS mode (<c>TDeveloper:Mode=Aws</c>) on dynalite, with session events on kinesalite and data keys
/// from a KMS stub: a silo, and the Gateway finding it in the membership table and reading the events from Kinesis.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class AwsModeTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly string _clusterId = "aws-mode-" + Guid.NewGuid().ToString("N")[..8];
    private AwsModeFactory<TDeveloper.Silo.Program> _silo = null!;
    private AwsModeFactory<TDeveloper.Gateway.Program> _gateway = null!;
    private KmsStub _kms = null!;
    private KinesaliteProcess _kinesis = null!;
    private string _keyArn = "";

    public async Task InitializeAsync()
    {
        _kms = await KmsStub.StartAsync();
        _kinesis = await KinesaliteProcess.StartAsync();
        _keyArn = _kms.CreateKey("alias/tdeveloper");
        var siloPort = FreePort.Next();
        _silo = new AwsModeFactory<TDeveloper.Silo.Program>(dynalite.ServiceUrl, _clusterId, new()
        {
            ["TDeveloper:Silo:SiloPort"] = siloPort.ToString(),
            ["TDeveloper:Silo:GatewayPort"] = FreePort.Next().ToString(),
            ["TDeveloper:Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["TDeveloper:Silo:ClusterId"] = _clusterId,
            ["TDeveloper:Models:Offline:Latency"] = "00:00:00.050",
            ["TDeveloper:Providers:Workspaces"] = "Memory", // the S3 store has its own tests on s3rver
            ["TDeveloper:Security:Kms:KeyId"] = "alias/tdeveloper",
            ["TDeveloper:Security:Kms:ServiceUrl"] = _kms.Endpoint.ToString(),
            ["TDeveloper:Security:Kms:Region"] = KmsStub.Region,
            ["TDeveloper:Security:Kms:AccessKey"] = KmsStub.AccessKey,
            ["TDeveloper:Security:Kms:SecretKey"] = KmsStub.SecretKey,
            ["TDeveloper:Aws:Kinesis:ServiceUrl"] = _kinesis.ServiceUrl,
            ["TDeveloper:Aws:Kinesis:StreamName"] = _clusterId,
            ["TDeveloper:Aws:Kinesis:ShardCount"] = "1",
            ["TDeveloper:Aws:Kinesis:CreateIfNotExists"] = "true",
        });
        _silo.CreateClient(); // starts the silo, which registers itself in the membership table
        _gateway = new AwsModeFactory<TDeveloper.Gateway.Program>(dynalite.ServiceUrl, _clusterId, new()
        {
            ["TDeveloper:Client:ClusterId"] = _clusterId,
            ["TDeveloper:Aws:Kinesis:ServiceUrl"] = _kinesis.ServiceUrl,
            ["TDeveloper:Aws:Kinesis:StreamName"] = _clusterId,
            ["TDeveloper:Aws:Kinesis:ShardCount"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
        await _kinesis.DisposeAsync();
        await _kms.DisposeAsync();
    }

    [Fact]
    public async Task The_gateway_finds_the_silo_in_dynamodb_and_runs_a_request_kept_in_dynamodb()
    {
        var api = new ApiClient(await _gateway.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();

        var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        using var dynamo = dynalite.CreateClient();
        var tables = (await dynamo.ListTablesAsync()).TableNames;
        Assert.Contains("TDeveloperMembership", tables);
        Assert.Contains("TDeveloperGrainState", tables);
        Assert.Contains("TDeveloperReminders", tables);
    }

    [Fact]
    public async Task The_grain_state_items_in_dynamodb_hold_no_prompt_or_output_in_clear()
    {
        const string marker = "okapi-lattice-5150";
        var api = new ApiClient(await _gateway.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();
        var submitted = await api.SubmitAsync(session.Id, $"add a login API for the {marker} team");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Contains(workflow.Steps, s => s.Output?.Contains(marker, StringComparison.Ordinal) == true);
        var read = (await api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!;
        Assert.Contains(marker, Assert.Single(read.Requests).Text, StringComparison.Ordinal);
        Assert.Contains(_kms.Calls, c => c.Operation == "GenerateDataKey" && c.Request["KeyId"]!.GetValue<string>() == "alias/tdeveloper");

        using var dynamo = dynalite.CreateClient();
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = "TDeveloperGrainState", ExclusiveStartKey = start });
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        var ours = items.Where(i => i["PK"].S.Contains(_clusterId, StringComparison.Ordinal)).Select(RawText).ToList();
        Assert.Contains(ours, text => text.Contains(submitted.WorkflowId, StringComparison.Ordinal)); // the items are really read, ids in clear
        // Sealed fields name the KMS key's ARN (a match may run into the next field's bytes, so only those that decode count).
        var keyIds = ours.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"tdseal:1:[A-Za-z0-9+/]+=*").Select(m => m.Value))
            .Select(field => TDeveloper.Grains.Security.Crypto.SealedValueCodec.TryFromText(field, out var sealedData) ? sealedData.KeyId : null)
            .OfType<string>().ToList();
        Assert.NotEmpty(keyIds);
        Assert.All(keyIds, keyId => Assert.Equal(_keyArn, keyId));
        foreach (var secret in new[] { marker, "[offline model]", "Implement this request" })
            Assert.DoesNotContain(ours, text => text.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>An item's keys and attributes as text, its payload decompressed as the store would.</summary>
    private static string RawText(Dictionary<string, AttributeValue> item)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in item)
        {
            text.Append(name).Append('=').Append(value.S ?? value.N ?? "").Append(' ');
            if (value.B is not { } binary) continue;
            var bytes = binary.ToArray();
            if (item.TryGetValue("Compression", out var compression) && name == "Data")
            {
                using var input = new MemoryStream(bytes);
                using Stream decompressor = compression.S == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
                using var output = new MemoryStream();
                decompressor.CopyTo(output);
                bytes = output.ToArray();
            }

            text.Append(Encoding.UTF8.GetString(bytes)).Append(' ');
        }

        return text.ToString();
    }

    private sealed class AwsModeFactory<TEntryPoint>(string serviceUrl, string clusterId, Dictionary<string, string> settings) : WebApplicationFactory<TEntryPoint>
        where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("TDeveloper:Mode", "Aws");
            builder.UseSetting("TDeveloper:Aws:ServiceUrl", serviceUrl);
            builder.UseSetting("TDeveloper:Aws:AccessKey", "test");
            builder.UseSetting("TDeveloper:Aws:SecretKey", "test");
            builder.UseSetting("TDeveloper:Aws:CreateIfNotExists", "true");
            builder.UseSetting("TDeveloper:Silo:ServiceId", clusterId);
            builder.UseSetting("TDeveloper:Client:ServiceId", clusterId);
            TestBootstrap.Configure(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
