using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Client;

/// <summary>Turns the facade's refusals and the grains' exceptions into <see cref="TDeveloperException"/>s, in this one place for the embedded transport.</summary>
public static class CommandResultErrors
{
    /// <summary>Gets the entity of a carried-out command, or throws the refusal as its <see cref="TDeveloperException"/>.</summary>
    /// <exception cref="TDeveloperNotFoundException"><see cref="CommandOutcome.NotFound"/>.</exception>
    /// <exception cref="TDeveloperConflictException"><see cref="CommandOutcome.Conflict"/>.</exception>
    /// <exception cref="TDeveloperValidationException"><see cref="CommandOutcome.Invalid"/>.</exception>
    /// <exception cref="TDeveloperLimitReachedException"><see cref="CommandOutcome.LimitReached"/>.</exception>
    public static T ValueOrThrow<T>(this CommandResult<T> result) where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsOk) return result.Value;
        throw ToException(result.Outcome, result.Error ?? $"The command was refused ({result.Outcome}).");
    }

    /// <summary>Creates the exception of a refusal.</summary>
    public static TDeveloperException ToException(CommandOutcome outcome, string message) => outcome switch
    {
        CommandOutcome.NotFound => new TDeveloperNotFoundException(message),
        CommandOutcome.Conflict => new TDeveloperConflictException(message),
        CommandOutcome.Invalid => new TDeveloperValidationException(message),
        CommandOutcome.LimitReached => new TDeveloperLimitReachedException(message),
        _ => new TDeveloperException(message),
    };

    /// <summary>Maps an exception of the facade or of Orleans to a <see cref="TDeveloperException"/>; <see langword="null"/> when it is none of the known ones.</summary>
    public static TDeveloperException? Translate(Exception exception) => exception switch
    {
        TDeveloperException => null,
        AccessDeniedException denied => new TDeveloperAccessDeniedException(denied.Message, denied),
        KeyNotFoundException missing => new TDeveloperNotFoundException(missing.Message, missing),
        ArgumentException invalid => new TDeveloperValidationException(invalid.Message, invalid),
        Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Runtime.GatewayTooBusyException or TimeoutException
            => new TDeveloperUnavailableException("The T-Developer cluster is unavailable; try again shortly.", exception),
        _ => null,
    };
}
