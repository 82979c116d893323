namespace TDeveloper.Grains.Input;

/// <summary>The Luhn (mod 10) check that payment card numbers pass, so a random run of digits is not taken for a card.</summary>
public static class Luhn
{
    /// <summary>Gets whether the digits of <paramref name="number"/> (other characters ignored) pass the Luhn check; false without digits.</summary>
    public static bool IsValid(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var sum = 0;
        var digits = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i])) continue;
            var digit = number[i] - '0';
            if (digits % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }

            sum += digit;
            digits++;
        }

        return digits > 0 && sum % 10 == 0;
    }
}
