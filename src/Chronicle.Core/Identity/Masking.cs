namespace Chronicle.Core.Identity;

/// <summary>
/// How a person the reviewer may not see is shown for comparing (docs/identity.md, "The review queue"): enough to
/// decide whether two records are one person, not enough to find them. An NHS number shows its last three digits,
/// an address only its postcode district.
/// </summary>
public static class Masking
{
    /// <summary>"ending 919" for 943 476 5919.</summary>
    public static string NhsNumber(string digits)
    {
        var d = new string([.. digits.Where(char.IsDigit)]);
        return d.Length < 3 ? "held" : $"ending {d[^3..]}";
    }

    /// <summary>The postcode district ("HD9" for HD9 3AA), or that an address is held without one.</summary>
    public static string Address(string? postcode)
    {
        var p = new string([.. (postcode ?? "").Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        // A full postcode's inward part is its last three characters; what is left is the district.
        return p.Length is >= 5 and <= 7 ? $"in {p[..^3]}" : "held, with no postcode";
    }
}
