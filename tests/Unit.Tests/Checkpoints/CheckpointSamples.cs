using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Unit.Tests.Checkpoints;

/// <summary>A realistic checkpoint body and the serializer a silo has.</summary>
internal static class CheckpointSamples
{
    public const string SessionKey = "acme/s-1";

    public static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static Serializer NewSerializer() => new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static MemoryItem Item(string id, MemoryTier tier, int accesses = 0, MemoryImportance importance = MemoryImportance.Normal) => new()
    {
        Id = id, Kind = "result", Text = $"text of {id}: implemented the parser and its tests", Importance = importance, Tier = tier,
        CreatedAt = At.AddMinutes(-30), LastAccessedAt = At.AddMinutes(-accesses), AccessCount = accesses,
        ExpiresAt = tier == MemoryTier.ShortTerm ? At.AddHours(1) : null,
    };

    public static CheckpointBody Body(string id = "ck-1") => new()
    {
        Id = id,
        SessionKey = SessionKey,
        TakenAt = At,
        Kind = CheckpointKind.Manual,
        Reason = "before the refactor",
        Session = new SessionState
        {
            Status = TDeveloper.Grains.Interfaces.Sessions.SessionStatus.Active, Owner = "ana", Title = "parser", CreatedAt = At.AddHours(-1), ExpiresAt = At.AddHours(7),
            LastActivityAt = At.AddMinutes(-1), CheckpointCount = 3,
            Requests = [new RequestRecord { WorkflowId = "w-1", Text = "implement a parser", SubmittedAt = At.AddMinutes(-50), Status = WorkflowStatus.Completed }],
        },
        Agents =
        [
            new AgentCheckpoint
            {
                Name = "CodeAgent", TasksCompleted = 2, TasksFailed = 1, TotalModelTime = TimeSpan.FromSeconds(12), TotalTokens = 3400,
                Memory = [Item("a", MemoryTier.Working), Item("b", MemoryTier.ShortTerm, 1, MemoryImportance.Critical), Item("c", MemoryTier.LongTerm, 4, MemoryImportance.High)],
            },
        ],
        Workflows =
        [
            new WorkflowSnapshot
            {
                Id = "w-1", SessionId = "s-1", RequestText = "implement a parser", Status = WorkflowStatus.Completed, CreatedAt = At.AddMinutes(-50),
                Steps = [new StepSnapshot { Id = "code", Agent = "CodeAgent", Kind = StepKind.Agent, Status = StepStatus.Completed, Attempts = 1, Output = "done" }],
            },
        ],
        Workspace = [new WorkspaceFile { Path = "src/Parser.cs", Size = 120, Hash = new string('a', 64), Modified = At, Writer = "w-1/code#1" }],
    };
}
