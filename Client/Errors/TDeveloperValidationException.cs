using System.Collections.Immutable;

namespace TDeveloper.Client;

/// <summary>
/// The command's input is invalid (a blank request, an unknown template, a plan that does not validate, a value out of range);
/// nothing changed. HTTP 400, <see cref="Grains.Interfaces.CommandOutcome.Invalid"/>.
/// </summary>
public class TDeveloperValidationException : TDeveloperException
{
    /// <summary>Creates the exception.</summary>
    public TDeveloperValidationException()
        : this("The input is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TDeveloperValidationException(string message)
        : this(message, ImmutableDictionary<string, ImmutableArray<string>>.Empty)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TDeveloperValidationException(string message, Exception innerException)
        : base(message, 400, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the problems per field.</summary>
    public TDeveloperValidationException(string message, ImmutableDictionary<string, ImmutableArray<string>> errors)
        : base(message, 400)
    {
        Errors = errors ?? ImmutableDictionary<string, ImmutableArray<string>>.Empty;
    }

    /// <summary>Gets the problems per field, as the API's validation problem lists them (<c>errors</c>); empty when the refusal named no field.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Errors { get; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;
}
