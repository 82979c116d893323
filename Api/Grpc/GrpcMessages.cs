using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using V1 = TDeveloper.Api.Grpc.V1;

namespace TDeveloper.Api.Grpc;

/// <summary>Turns the facade's records into the <c>tdeveloper.v1</c> messages; absent values become proto3 defaults.</summary>
internal static class GrpcMessages
{
    public static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static V1.Session ToMessage(this SessionSnapshot session)
    {
        var message = new V1.Session
        {
            Id = session.Id,
            Tenant = session.Tenant,
            Owner = session.Owner,
            Title = session.Title ?? "",
            Status = session.Status.ToString(),
            CreatedAt = Time(session.CreatedAt),
            ExpiresAt = Time(session.ExpiresAt),
            LastActivityAt = Time(session.LastActivityAt),
            EndReason = session.EndReason ?? "",
        };
        message.Requests.Add(session.Requests.Select(r => new V1.RequestSummary { WorkflowId = r.WorkflowId, Text = r.Text, Status = r.Status.ToString(), SubmittedAt = Time(r.SubmittedAt) }));
        return message;
    }

    public static V1.ListSessionsResponse ToMessage(this SessionPage page)
    {
        var message = new V1.ListSessionsResponse { NextCursor = page.Next ?? "" };
        message.Items.Add(page.Items.Select(s => new V1.SessionSummary { Id = s.Id, Owner = s.Owner, Status = s.Status.ToString(), CreatedAt = Time(s.CreatedAt), UpdatedAt = Time(s.UpdatedAt) }));
        return message;
    }

    public static V1.SubmittedRequest ToMessage(this SubmittedRequest submitted)
    {
        var message = new V1.SubmittedRequest
        {
            WorkflowId = submitted.WorkflowId,
            Status = submitted.Status.ToString(),
            QueuePosition = submitted.QueuePosition ?? 0,
            ClarificationId = submitted.Clarification?.Id ?? "",
            ClarificationQuestion = submitted.Clarification?.Question ?? "",
        };
        foreach (var step in submitted.Plan.Plan.Steps)
        {
            var planned = new V1.PlannedStep { Id = step.Id, Agent = step.Agent };
            planned.DependsOn.Add(step.DependsOn);
            message.Plan.Add(planned);
        }

        return message;
    }

    public static V1.SessionEvent ToMessage(this SessionEvent e) => new()
    {
        Sequence = e.Sequence,
        Kind = e.Kind.ToString(),
        SessionId = e.SessionId,
        WorkflowId = e.WorkflowId ?? "",
        StepId = e.StepId ?? "",
        Agent = e.Agent ?? "",
        Status = e.Status,
        Message = e.Message ?? "",
        At = Time(e.At),
        Attempt = e.Attempt ?? 0,
    };

    public static V1.Workflow ToMessage(this WorkflowSnapshot workflow)
    {
        var message = new V1.Workflow
        {
            Id = workflow.Id,
            SessionId = workflow.SessionId,
            RequestText = workflow.RequestText,
            Status = workflow.Status.ToString(),
            CreatedAt = Time(workflow.CreatedAt),
            FinishedAt = Time(workflow.FinishedAt),
            Error = workflow.Error ?? "",
        };
        foreach (var step in workflow.Steps)
        {
            var s = new V1.Step { Id = step.Id, Agent = step.Agent, Kind = step.Kind.ToString(), Status = step.Status.ToString(), Attempts = step.Attempts, Output = step.Output ?? "", Error = step.Error ?? "" };
            s.DependsOn.Add(step.DependsOn);
            message.Steps.Add(s);
        }

        return message;
    }

    public static V1.WorkspaceFile ToMessage(this WorkspaceFile file) => new()
    {
        Path = file.Path,
        Size = file.Size,
        Sha256 = file.Hash,
        Modified = Time(file.Modified),
        Writer = file.Writer,
    };

    public static V1.FileContent ToMessage(this WorkspaceFileContent file) => new() { File = file.File.ToMessage(), Content = ByteString.CopyFrom(file.Content) };
}
