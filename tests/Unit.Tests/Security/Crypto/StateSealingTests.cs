using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Serialization;
using TDeveloper.Grains.Agents;
using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Grains.Sessions;
using TDeveloper.Grains.Workflows;
using TDeveloper.Hosting;
using TDeveloper.Unit.Tests.Storage;

namespace TDeveloper.Unit.Tests.Security.Crypto;

/// <summary>
/// The sensitive fields of every stored type are sealed on the way to storage and opened on the way back: found by
/// reflection over fully populated samples, so a type that gains a sealed field is tested without being listed.
/// </summary>
public sealed class StateSealingTests : IDisposable
{
    /// <summary>The names of the fields that hold prompts, outputs or messages; the samples' values end with the name.</summary>
    private static readonly string[] SensitiveNames = ["Text", "Message", "Output", "Error", "CompensationOutput", "RequestText", "Instruction", "CompensationInstruction"];

    private static readonly JsonSerializerOptions Comparison = new() { Converters = { new JsonStringEnumConverter() }, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _keys = Directory.CreateTempSubdirectory("tdev-sealing-").FullName;
    private readonly ServiceProvider _silo;

    public StateSealingTests() => _silo = Silo(Path.Combine(_keys, "master-keys.json"));

    public static TheoryData<string> SealedTypes => [.. SensitiveFields.Types.Select(t => t.FullName!)];

    private StateSealing Sealing => _silo.GetRequiredService<StateSealing>();

    public void Dispose()
    {
        _silo.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public void The_prompt_output_and_event_holders_are_covered()
    {
        Assert.Superset(new HashSet<Type> { typeof(SessionState), typeof(AgentState), typeof(WorkflowJournalEntry), typeof(EventPage), typeof(EventSegment) }, SensitiveFields.Types.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(SealedTypes))]
    public async Task A_fully_populated_value_is_stored_without_its_sensitive_text_and_reads_back_whole(string typeName)
    {
        var type = SensitiveFields.Types.Single(t => t.FullName == typeName);
        var sample = FullyPopulated.Create(type);
        var expected = JsonSerializer.Serialize(sample, type, Comparison);

        var stored = await Sealing.SealedCopyAsync(sample, "owner/acme/x1");
        var storedJson = JsonSerializer.Serialize(stored, type, Comparison);
        var storedBytes = _silo.GetRequiredService<Serializer>().SerializeToArray<object>(stored);

        Assert.Equal(expected, JsonSerializer.Serialize(sample, type, Comparison)); // the grain's own value is untouched
        Assert.Contains(SealedValueCodec.TextPrefix, storedJson, StringComparison.Ordinal);
        foreach (var name in SensitiveNames)
        {
            Assert.DoesNotContain($".{name}-é✓", storedJson, StringComparison.Ordinal);
            Assert.False(Slices(storedBytes, Encoding.UTF8.GetByteCount($".{name}-é✓")).Any(s => s.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes($".{name}-é✓"))), $"{name} in the stored bytes: {Encoding.UTF8.GetString(storedBytes)}");
        }

        var read = _silo.GetRequiredService<Serializer>().Deserialize<object>(storedBytes)!;
        await Sealing.OpenAsync(read, "owner/acme/x1");
        Assert.Equal(expected, JsonSerializer.Serialize(read, type, Comparison));
    }

    [Theory]
    [MemberData(nameof(SealedTypes))]
    public async Task A_value_stored_before_sealing_reads_as_it_was(string typeName)
    {
        var type = SensitiveFields.Types.Single(t => t.FullName == typeName);
        var old = FullyPopulated.Create(type);
        var expected = JsonSerializer.Serialize(old, type, Comparison);

        await Sealing.OpenAsync(old, "owner/acme/x1");

        Assert.Equal(expected, JsonSerializer.Serialize(old, type, Comparison));
    }

    [Fact]
    public async Task A_sealed_value_does_not_open_for_another_owner()
    {
        var stored = await Sealing.SealedCopyAsync(Session("build the payroll export"), "session/acme/s1");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sealing.OpenAsync(stored, "session/acme/s2").AsTask());
    }

    [Fact]
    public async Task A_sealed_field_moved_to_another_field_does_not_open()
    {
        var stored = await Sealing.SealedCopyAsync(Session("first", "second"), "session/acme/s1");
        (stored.Requests[0].Text, stored.Requests[1].Text) = (stored.Requests[1].Text, stored.Requests[0].Text);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Sealing.OpenAsync(stored, "session/acme/s1").AsTask());
    }

    [Fact]
    public async Task A_write_seals_only_the_fields_that_changed()
    {
        var cache = new SealedFieldCache();
        var state = Session("one", "two");
        var first = await Sealing.SealedCopyAsync(state, "session/acme/s1", cache);

        state.Requests[1].Text = "two, changed";
        var second = await Sealing.SealedCopyAsync(state, "session/acme/s1", cache);

        Assert.Equal(first.Requests[0].Text, second.Requests[0].Text);
        Assert.NotEqual(first.Requests[1].Text, second.Requests[1].Text);
        Assert.Equal(first.Outbox[0].Message, second.Outbox[0].Message);
    }

    [Fact]
    public async Task A_field_opened_at_activation_is_not_sealed_again_by_the_next_write()
    {
        var stored = await Sealing.SealedCopyAsync(Session("kept"), "session/acme/s1");
        var bytes = _silo.GetRequiredService<Serializer>().SerializeToArray(stored);
        var read = _silo.GetRequiredService<Serializer>().Deserialize<SessionState>(bytes)!;
        var cache = new SealedFieldCache();

        await Sealing.OpenAsync(read, "session/acme/s1", cache);
        var written = await Sealing.SealedCopyAsync(read, "session/acme/s1", cache);

        Assert.Equal("kept", read.Requests[0].Text);
        Assert.Equal(stored.Requests[0].Text, written.Requests[0].Text);
    }

    [Fact]
    public async Task An_agent_with_full_long_term_memory_stores_under_10_KB_sealed()
    {
        var options = new TDeveloper.Grains.Options.MemoryOptions();
        var now = DateTimeOffset.UtcNow;
        var memory = new TDeveloper.Grains.Agents.Memory.AgentMemory(options);
        for (var i = 0; i < options.LongTermMaxItems * 2; i++)
        {
            var text = string.Concat(Enumerable.Repeat($"result {i} of a task, ", 100))[..(options.LongTermMaxBytes / options.LongTermMaxItems)]; // both bounds full at once
            var item = memory.Remember("result", text, TDeveloper.Grains.Agents.Memory.MemoryImportance.Normal, now);
            for (var recall = 0; recall < options.LongTermRecalls; recall++) memory.Recall(item.Id, now.AddSeconds(i));
        }

        var state = new AgentState { TasksCompleted = 1_000, TasksFailed = 10, TotalModelTime = TimeSpan.FromHours(3), TotalTokens = 5_000_000, LongTermMemory = [.. memory.LongTerm] };
        var bytes = _silo.GetRequiredService<Serializer>().SerializeToArray(await Sealing.SealedCopyAsync(state, "agent/acme/s1/CodeAgent"));

        Assert.Equal(options.LongTermMaxItems, state.LongTermMemory.Count);
        Assert.Equal(options.LongTermMaxBytes, state.LongTermMemory.Sum(i => Encoding.UTF8.GetByteCount(i.Text)));
        Assert.True(bytes.Length <= 10 * 1024, $"{bytes.Length} bytes");
        Assert.True(bytes.Length > 4 * 1024, $"{bytes.Length} bytes"); // the sealed texts are in it
    }

    [Fact]
    public async Task A_full_session_memory_stores_sealed_well_under_a_DynamoDB_item()
    {
        var options = new TDeveloper.Grains.Sessions.Memory.SessionMemoryOptions();
        var now = DateTimeOffset.UtcNow;
        var memory = new TDeveloper.Grains.Agents.Memory.AgentMemory(options.Tiers, [], TDeveloper.Grains.Sessions.Memory.SessionMemoryGrain.ContextHeader, keepTiers: true);
        for (var i = 0; i < options.Tiers.ContextCapacity; i++)
            memory.Remember("result", string.Concat(Enumerable.Repeat($"step {i} found that ", 100))[..options.Tiers.MaxItemChars], TDeveloper.Grains.Agents.Memory.MemoryImportance.High, now, "CodeAgent");

        var state = new TDeveloper.Grains.Sessions.Memory.SessionMemoryState
        {
            Items = [.. TDeveloper.Grains.Sessions.Memory.MemoryPersistence.Select(memory.Items, options.PersistMaxBytes, now, options.Tiers.RecencyHalfLife)],
        };
        var bytes = _silo.GetRequiredService<Serializer>().SerializeToArray(await Sealing.SealedCopyAsync(state, "session-memory/acme/s1"));

        Assert.InRange(state.Items.Sum(i => Encoding.UTF8.GetByteCount(i.Text) + Encoding.UTF8.GetByteCount(i.Source!)), options.PersistMaxBytes - options.Tiers.MaxItemChars - 9, options.PersistMaxBytes);
        Assert.True(bytes.Length <= 128 * 1024, $"{bytes.Length} bytes"); // about 1.5 × the text (99 KB measured); DynamoDB holds 400 KB an item
        Assert.True(bytes.Length > options.PersistMaxBytes, $"{bytes.Length} bytes");
    }

    [Fact]
    public async Task A_type_without_sensitive_fields_is_stored_as_it_is()
    {
        var index = new WorkflowIndexState { Workflows = ["acme/w1"] };

        Assert.Same(index, await Sealing.SealedCopyAsync(index, "index/0"));
    }

    private static SessionState Session(params string[] texts) => new()
    {
        Owner = "ana",
        Requests = [.. texts.Select((t, i) => new RequestRecord { WorkflowId = "w" + i, Text = t })],
        Outbox = [new SessionEvent { Kind = SessionEventKind.SessionStatusChanged, SessionId = "s1", Status = "Active", Message = "cancelled: ana's reason" }],
    };

    private static IEnumerable<byte[]> Slices(byte[] bytes, int length) =>
        Enumerable.Range(0, Math.Max(0, bytes.Length - length + 1)).Select(i => bytes[i..(i + length)]);

    private static ServiceProvider Silo(string keyFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["TDeveloper:Security:LocalKeys:Path"] = keyFile;
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddTDeveloperRuntime();
            silo.AddMemoryGrainStorage(TDeveloper.Grains.StorageNames.State);
        });
        return (ServiceProvider)builder.Build().Services;
    }
}
