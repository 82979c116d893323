using System.Diagnostics.CodeAnalysis;

namespace TDeveloper.Grains.Interfaces;

/// <summary>
/// The result of every command on a grain: how it ended, why it was refused, and the entity after
/// the command.
/// </summary>
/// <typeparam name="T">The entity the command acts on, such as a session or workflow snapshot.</typeparam>
/// <remarks>
/// A command is either carried out (<see cref="CommandOutcome.Ok"/>, with <see cref="Value"/> set) or
/// refused with a reason in <see cref="Error"/>, in which case nothing changed. Each grain method
/// documents the outcomes it can return.
/// </remarks>
[GenerateSerializer, Immutable, Alias("TDeveloper.CommandResult`1")]
public sealed record CommandResult<T>
    where T : class
{
    /// <summary>Gets how the command ended.</summary>
    [Id(0)] public CommandOutcome Outcome { get; init; }

    /// <summary>Gets why the command was refused, for a person to read; <see langword="null"/> when it was carried out.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>
    /// Gets the entity after the command: always set when it was carried out; when it was refused, the
    /// entity as it is, if the command's method documents that, otherwise <see langword="null"/>.
    /// </summary>
    [Id(2)] public T? Value { get; init; }

    /// <summary>Gets whether the command was carried out.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == CommandOutcome.Ok && Value is not null;

    /// <summary>Creates the result of a command that was carried out.</summary>
    /// <param name="value">The entity after the command.</param>
    public static CommandResult<T> Ok(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new() { Outcome = CommandOutcome.Ok, Value = value };
    }

    /// <summary>Creates the result of a refused command.</summary>
    /// <param name="outcome">Why it was refused: any outcome but <see cref="CommandOutcome.Ok"/>.</param>
    /// <param name="error">The reason, for a person to read.</param>
    /// <param name="current">The entity as it is, when the caller should see it.</param>
    public static CommandResult<T> Refused(CommandOutcome outcome, string error, T? current = null)
    {
        if (outcome == CommandOutcome.Ok) throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A refusal needs an outcome other than Ok.");
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new() { Outcome = outcome, Error = error, Value = current };
    }
}
