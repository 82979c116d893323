using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>The rule of the session list's <c>status</c> filter, shared by the HTTP route and the gRPC method.</summary>
public static class SessionStatusFilter
{
    /// <summary>Parses a status name (case-insensitive, not a number, not <see cref="SessionStatus.None"/>); null text means no filter.</summary>
    /// <returns>Whether <paramref name="text"/> is acceptable; when not, <paramref name="error"/> says which names are.</returns>
    public static bool TryParse(string? text, out SessionStatus? status, out string error)
    {
        status = null;
        error = "";
        if (text is null) return true;
        if (!Enum.TryParse<SessionStatus>(text, ignoreCase: true, out var parsed) || parsed == SessionStatus.None || !Enum.IsDefined(parsed) || char.IsAsciiDigit(text.FirstOrDefault()))
        {
            error = $"'status' must be one of {string.Join(", ", Enum.GetNames<SessionStatus>().Where(n => n != nameof(SessionStatus.None)))}.";
            return false;
        }

        status = parsed;
        return true;
    }
}
