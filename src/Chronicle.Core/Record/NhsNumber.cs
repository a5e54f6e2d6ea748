using Chronicle.Core.Validation;

namespace Chronicle.Core.Record;

/// <summary>NHS number rules: ten digits whose last is a modulus 11 check digit (NHS Data Dictionary).</summary>
public static class NhsNumber
{
    /// <summary>Normalises "943 476 5919" or "943-476-5919" to ten digits, or explains why it is not an NHS number.</summary>
    public static Outcome<string> Parse(string? input, string field = "nhsNumber")
    {
        if (string.IsNullOrWhiteSpace(input)) return Outcome<string>.Refused(field, "Enter an NHS number");
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
            return Outcome<string>.Refused(field, "Enter an NHS number in the correct format, like 485 777 3456 (10 digits)");
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (digits[i] - '0') * (10 - i);
        var check = 11 - (sum % 11);
        if (check == 11) check = 0;
        if (check == 10 || check != digits[9] - '0')
            return Outcome<string>.Refused(field, "The NHS number is not valid: its check digit is wrong. Check it has been copied correctly");
        return Outcome<string>.Ok(digits);
    }

    public static string Format(string digits) => digits.Length == 10 ? $"{digits[..3]} {digits[3..6]} {digits[6..]}" : digits;
}
