// Written by hand: no served package keeps Orleans reminders in local files. The contract is Orleans'
// IReminderTable, as its in-memory and ADO.NET tables and our DynamoDB table (Aws/Reminders) implement it.
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TDeveloper.Hosting.Storage;

namespace TDeveloper.Hosting.Reminders;

/// <summary>
/// An Orleans reminder table in the local data directory, so that in the embedded mode a running workflow's
/// resume reminder survives a full restart. One JSON file per service id holds every row; a change takes a
/// lock file (which also holds across processes, so silos on one machine can share the directory), reads the
/// file, and replaces it atomically with a temporary file. Reads take no lock: they see the old or the new file.
/// </summary>
public sealed partial class FileReminderTable : IReminderTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SemaphoreSlim _inProcess = new(1, 1);
    private readonly FileReminderTableOptions _options;
    private readonly string _path;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FileReminderTable"/> class.</summary>
    /// <param name="options">Where the files are.</param>
    /// <param name="clusterOptions">The cluster options; their <see cref="ClusterOptions.ServiceId"/> names this service's file.</param>
    /// <param name="logger">The logger.</param>
    public FileReminderTable(IOptions<FileReminderTableOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<FileReminderTable> logger)
        : this(options.Value, clusterOptions.Value.ServiceId, logger)
    {
    }

    /// <summary>Initializes a new instance for <paramref name="serviceId"/> (tests).</summary>
    public FileReminderTable(FileReminderTableOptions options, string serviceId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        _options = options;
        _logger = logger;
        var safeName = new string([.. serviceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        _path = Path.Combine(options.Directory, safeName + ".reminders.json");
    }

    /// <summary>Creates the directory when missing.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_options.Directory);
        LogStarted(_path);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new((await ReadAsync()).Where(r => r.GrainId == grainId.ToString()).Select(r => r.ToEntry()));

    /// <summary>Reads the reminders whose grain hash is in the ring range (<paramref name="begin"/>, <paramref name="end"/>], which wraps past <see cref="uint.MaxValue"/> when begin ≥ end.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        new((await ReadAsync()).Where(r => InRange(r.Hash, begin, end)).Select(r => r.ToEntry()));

    /// <inheritdoc/>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var grain = grainId.ToString();
        return (await ReadAsync()).FirstOrDefault(r => r.GrainId == grain && r.Name == reminderName)?.ToEntry();
    }

    /// <summary>Writes a reminder, replacing any row of the same grain and name, under a fresh ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var eTag = Guid.NewGuid().ToString("N");
        var row = Row.From(entry, eTag);
        await ChangeAsync(rows =>
        {
            rows.RemoveAll(r => r.GrainId == row.GrainId && r.Name == row.Name);
            rows.Add(row);
            return true;
        });
        return eTag;
    }

    /// <summary>Deletes a reminder if its ETag is still <paramref name="eTag"/>.</summary>
    /// <returns><see langword="true"/> if the row was deleted; <see langword="false"/> if it is gone or its ETag differs (the row then stays).</returns>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        var grain = grainId.ToString();
        return ChangeAsync(rows => rows.RemoveAll(r => r.GrainId == grain && r.Name == reminderName && r.ETag == eTag) > 0);
    }

    /// <summary>Deletes every reminder of this service. For tests.</summary>
    public Task TestOnlyClearTable() => ChangeAsync(rows =>
    {
        rows.Clear();
        return true;
    });

    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<List<Row>> ReadAsync()
    {
        try
        {
            await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return await JsonSerializer.DeserializeAsync<List<Row>>(file, Json) ?? [];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Applies <paramref name="change"/> under the lock; writes the file only when it reports a change.</summary>
    private async Task<bool> ChangeAsync(Func<List<Row>, bool> change)
    {
        await _inProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(_options.Directory);
            await using var crossProcess = await CrossProcessFileLock.AcquireAsync(_path + ".lock", _options.LockTimeout);
            var rows = await ReadAsync();
            if (!change(rows)) return false;
            var temporary = $"{_path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(rows, Json));
            File.Move(temporary, _path, overwrite: true);
            return true;
        }
        finally
        {
            _inProcess.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File reminder table at {Path}")]
    private partial void LogStarted(string path);

    /// <summary>One stored reminder; the grain hash is kept so range reads need not parse ids.</summary>
    private sealed record Row(string GrainId, string Name, DateTime StartAt, TimeSpan Period, string ETag, uint Hash)
    {
        public static Row From(ReminderEntry entry, string eTag) =>
            new(entry.GrainId.ToString(), entry.ReminderName, entry.StartAt, entry.Period, eTag, entry.GrainId.GetUniformHashCode());

        public ReminderEntry ToEntry() => new()
        {
            GrainId = Orleans.Runtime.GrainId.Parse(GrainId),
            ReminderName = Name,
            StartAt = StartAt,
            Period = Period,
            ETag = ETag,
        };
    }
}
