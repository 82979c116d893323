using System.Diagnostics;
using TDeveloper.Bench;
using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Queueing;

// Decision latency of the request queue with --queued items waiting (default 10,000): one decision is an enqueue of a new
// item plus the dequeue of the next one (the depth stays constant), timed one by one. Beside it, in the same run, the
// BCL's PriorityQueue<T, TPriority> doing the same enqueue + dequeue with a (level, sequence) priority: the bare baseline,
// which has no aging, no deadlines and no tenant fairness.
var queued = BenchHelpers.ArgValue(args, "--queued", 10_000);
var ops = BenchHelpers.ArgValue(args, "--ops", 200_000);
var tenants = BenchHelpers.ArgValue(args, "--tenants", 8);
var warmup = Math.Min(ops, 50_000);

var levels = Enum.GetValues<RequestPriority>();
Console.WriteLine($"Routing.Bench: {queued:N0} queued, {ops:N0} timed decisions (after {warmup:N0} warm-up), {tenants} tenants, 10 % with a deadline, clock +10 ms per decision");
Console.WriteLine();

var engine = MeasureEngine();
var bcl = MeasureBcl();

Console.WriteLine("| queue | p50 µs | p99 µs | p99.9 µs | max µs | mean µs | decisions/s |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
Print("PriorityQueueEngine (aging, SLA, tenant round-robin)", engine);
Print("BCL PriorityQueue<T,(level, seq)> (bare)", bcl);
Console.WriteLine();
Console.WriteLine($"engine p99 / BCL p99: {engine.P(0.99) / bcl.P(0.99):0.0}×; goal p99 < 1,000 µs: {(engine.P(0.99) < 1000 ? "met" : "missed")}");

Samples MeasureEngine()
{
    var random = new Random(13);
    var clock = new SteppingClock();
    var queue = new PriorityQueueEngine<int>(clock);
    var next = 0;
    void Add()
    {
        var deadline = random.Next(10) == 0 ? clock.GetUtcNow().AddMinutes(random.Next(1, 30)) : (DateTimeOffset?)null;
        queue.Enqueue($"r{next}", $"t{random.Next(tenants)}", levels[random.Next(levels.Length)], next, deadline);
        next++;
    }

    for (var i = 0; i < queued; i++) Add();
    for (var i = 0; i < warmup; i++)
    {
        Add();
        queue.Dequeue();
        clock.Tick();
    }

    var samples = new long[ops];
    for (var i = 0; i < ops; i++)
    {
        var start = Stopwatch.GetTimestamp();
        Add();
        queue.Dequeue();
        samples[i] = Stopwatch.GetTimestamp() - start;
        clock.Tick();
    }

    if (queue.Count != queued) throw new InvalidOperationException("the depth drifted");
    return new Samples(samples);
}

Samples MeasureBcl()
{
    var random = new Random(13);
    var queue = new PriorityQueue<string, (int Level, long Sequence)>();
    long next = 0;
    void Add()
    {
        _ = random.Next(10);
        _ = random.Next(tenants);
        queue.Enqueue($"r{next}", (-levels[random.Next(levels.Length)].Rank(), next));
        next++;
    }

    for (var i = 0; i < queued; i++) Add();
    for (var i = 0; i < warmup; i++)
    {
        Add();
        queue.Dequeue();
    }

    var samples = new long[ops];
    for (var i = 0; i < ops; i++)
    {
        var start = Stopwatch.GetTimestamp();
        Add();
        queue.Dequeue();
        samples[i] = Stopwatch.GetTimestamp() - start;
    }

    return new Samples(samples);
}

static void Print(string name, Samples s) =>
    Console.WriteLine($"| {name} | {s.P(0.50):0.00} | {s.P(0.99):0.00} | {s.P(0.999):0.00} | {s.Max:0.0} | {s.Mean:0.00} | {1_000_000 / s.Mean:N0} |");

/// <summary>Timings in Stopwatch ticks, read as microseconds.</summary>
internal sealed class Samples
{
    private readonly double[] _micros;

    public Samples(long[] ticks)
    {
        _micros = ticks.Select(t => t * 1_000_000.0 / Stopwatch.Frequency).Order().ToArray();
    }

    public double P(double quantile) => _micros[Math.Min(_micros.Length - 1, (int)(quantile * _micros.Length))];

    public double Max => _micros[^1];

    public double Mean => _micros.Average();
}

/// <summary>A clock the bench moves by 10 ms per decision, so items age and SLA windows open during the run.</summary>
internal sealed class SteppingClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Tick() => _now = _now.AddMilliseconds(10);
}
