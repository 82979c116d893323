using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Api;

/// <summary>Turns facade results into HTTP results: a refused <see cref="CommandResult{T}"/> becomes an RFC 7807 problem whose status depends on its <see cref="CommandOutcome"/>, in this one place.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem($"{what} '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound);

    public static Results<Ok<T>, ProblemHttpResult> OkOrNotFound<T>(T? value, string what, string id) where T : class =>
        value is null ? NotFound(what, id) : TypedResults.Ok(value);

    /// <summary>The refusal as a problem: 404 for <see cref="CommandOutcome.NotFound"/>, 409 for <see cref="CommandOutcome.Conflict"/>, 400 for <see cref="CommandOutcome.Invalid"/>, 429 for <see cref="CommandOutcome.LimitReached"/>.</summary>
    public static ProblemHttpResult ToProblem<T>(this CommandResult<T> result) where T : class => TypedResults.Problem(
        result.Error ?? (result.Outcome == CommandOutcome.Ok ? "The cluster answered without a result." : $"The command was refused ({result.Outcome})."),
        statusCode: result.Outcome switch
        {
            CommandOutcome.NotFound => StatusCodes.Status404NotFound,
            CommandOutcome.Conflict => StatusCodes.Status409Conflict,
            CommandOutcome.Invalid => StatusCodes.Status400BadRequest,
            CommandOutcome.LimitReached => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status500InternalServerError,
        });

    /// <summary>The entity after the command (200), or the refusal as a problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToHttpResult<T>(this CommandResult<T> result) where T : class =>
        result.IsOk ? TypedResults.Ok(result.Value) : result.ToProblem();
}
