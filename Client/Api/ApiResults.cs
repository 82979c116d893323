using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>Turns facade results into HTTP results: <see cref="CommandOutcome"/> values become RFC 7807 problems.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem($"{what} '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound);

    public static Results<Ok<T>, ProblemHttpResult> OkOrNotFound<T>(T? value, string what, string id) where T : class =>
        value is null ? NotFound(what, id) : TypedResults.Ok(value);

    public static ProblemHttpResult Refused(CommandOutcome outcome, string? error) => TypedResults.Problem(
        error ?? (outcome == CommandOutcome.Ok ? "The cluster answered without a result." : $"The command was refused ({outcome})."),
        statusCode: outcome switch
        {
            CommandOutcome.NotFound => StatusCodes.Status404NotFound,
            CommandOutcome.Conflict => StatusCodes.Status409Conflict,
            CommandOutcome.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        });

    public static Results<Ok<WorkflowSnapshot>, ProblemHttpResult> ToHttpResult(this WorkflowCommandResult result) =>
        result is { Outcome: CommandOutcome.Ok, Workflow: { } workflow } ? TypedResults.Ok(workflow) : Refused(result.Outcome, result.Error);

    public static Results<Ok<SessionSnapshot>, ProblemHttpResult> ToHttpResult(this SessionCommandResult result) =>
        result is { Outcome: CommandOutcome.Ok, Session: { } session } ? TypedResults.Ok(session) : Refused(result.Outcome, result.Error);
}
