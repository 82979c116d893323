using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// What one checkpoint holds, before <see cref="CheckpointCodec"/> serialises, compresses and encrypts it: the session's
/// record (without its outbox), every agent it used with all its memory tiers, the session's shared memory, its workflows as they stood, and its
/// workspace manifest (the file bodies are copied beside it, under <see cref="CheckpointBlobKeys.File"/>).
/// </summary>
[GenerateSerializer, Alias("TDeveloper.CheckpointBody")]
public sealed record CheckpointBody
{
    /// <summary>Gets the checkpoint's id.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the session's key (<c>{tenant}/{session}</c>).</summary>
    [Id(1)] public string SessionKey { get; init; } = "";

    /// <summary>Gets when it was taken.</summary>
    [Id(2)] public DateTimeOffset TakenAt { get; init; }

    /// <summary>Gets why it was taken.</summary>
    [Id(3)] public CheckpointKind Kind { get; init; }

    /// <summary>Gets the reason or label given with it.</summary>
    [Id(4)] public string? Reason { get; init; }

    /// <summary>Gets the session's record as it was, its outbox emptied.</summary>
    [Id(5)] public SessionState Session { get; init; } = new();

    /// <summary>Gets the agents the session's workflows used, with their statistics and memory.</summary>
    [Id(6)] public ImmutableArray<AgentCheckpoint> Agents { get; init; } = [];

    /// <summary>Gets the session's workflows as they stood: status, steps, outputs.</summary>
    [Id(7)] public ImmutableArray<WorkflowSnapshot> Workflows { get; init; } = [];

    /// <summary>Gets the workspace manifest: each file's path, size and content hash.</summary>
    [Id(8)] public ImmutableArray<WorkspaceFile> Workspace { get; init; } = [];

    /// <summary>Gets every item of the session's shared memory (<see cref="ISessionMemoryCheckpoints"/>), oldest first.</summary>
    [Id(9)] public ImmutableArray<Agents.Memory.MemoryItem> SessionMemory { get; init; } = [];
}
