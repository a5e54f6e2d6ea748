using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Identity;

/// <summary>A name as matching sees it: folded, with each part's phonetic key and the given name's nickname group.</summary>
public sealed class MatchName
{
    public string Given { get; }
    public string GivenPhonetic { get; }
    public string GivenGroup { get; }
    /// <summary>The phonetic key of the given name's nickname group, as blocking uses it.</summary>
    public string GivenGroupPhonetic { get; }
    public string Family { get; }
    public string[] FamilyParts { get; }
    public string[] FamilyPhonetics { get; }

    public MatchName(string? given, string? family)
    {
        var givenParts = Names.Parts(given);
        Given = givenParts.Length > 0 ? givenParts[0] : "";
        GivenPhonetic = Names.Phonetic(Given);
        GivenGroup = Names.NicknameGroup(Given);
        GivenGroupPhonetic = Names.Phonetic(GivenGroup);
        FamilyParts = Names.Parts(family);
        Family = string.Concat(FamilyParts);
        FamilyPhonetics = [.. FamilyParts.Select(Names.Phonetic)];
    }

    public bool HasGiven => Given.Length > 0;
    public bool HasFamily => Family.Length > 0;
}

/// <summary>
/// Everything matching compares about a person, or about a person someone is about to create: every name, NHS
/// number, postcode and address any agency reported, the date of birth with its precision, sex, and the mother.
/// </summary>
public sealed class MatchRecord
{
    public Guid? PersonId { get; init; }
    public IReadOnlyList<MatchName> Names { get; init; } = [];
    public DateOnly? DateOfBirth { get; init; }
    public DatePrecision DateOfBirthPrecision { get; init; } = DatePrecision.Unknown;
    public Sex Sex { get; init; } = Sex.NotKnown;
    /// <summary>Valid NHS numbers only (ten digits, right check digit): a number that fails its check says nothing.</summary>
    public IReadOnlyList<string> NhsNumbers { get; init; } = [];
    /// <summary>Postcodes without spaces, in capitals.</summary>
    public IReadOnlyList<string> Postcodes { get; init; } = [];
    /// <summary>Addresses as <see cref="AddressFact.Normalise"/> leaves them.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
    public Guid? MotherId { get; init; }

    public bool HasDateOfBirth => DateOfBirth is not null && DateOfBirthPrecision != DatePrecision.Unknown;

    /// <summary>Builds a record from raw values, keeping only what is usable (an NHS number that fails its check is dropped).</summary>
    public static MatchRecord From(
        Guid? personId, IEnumerable<(string? Given, string? Family)> names, DateOnly? dateOfBirth, DatePrecision? precision, Sex? sex,
        IEnumerable<string?> nhsNumbers, IEnumerable<string?> postcodes, IEnumerable<string?> addresses, Guid? motherId = null)
    {
        // Plain loops, not queries: linking a list reads a million of these.
        var matchNames = new List<MatchName>(1);
        foreach (var (given, family) in names)
        {
            var name = new MatchName(given, family);
            if ((name.HasGiven || name.HasFamily) && !matchNames.Exists(n => n.Given == name.Given && n.Family == name.Family)) matchNames.Add(name);
        }
        var nhs = new List<string>(1);
        foreach (var n in nhsNumbers)
            if (!string.IsNullOrWhiteSpace(n) && NhsNumber.Parse(n) is { Succeeded: true } valid && !nhs.Contains(valid.Value!)) nhs.Add(valid.Value!);
        var codes = new List<string>(1);
        foreach (var p in postcodes)
            if (NormalisePostcode(p) is { Length: > 0 } code && !codes.Contains(code)) codes.Add(code);
        var normalised = new List<string>(1);
        foreach (var a in addresses)
            if (!string.IsNullOrWhiteSpace(a) && AddressFact.Normalise(a) is { Length: > 0 } address && !normalised.Contains(address)) normalised.Add(address);
        return new()
        {
            PersonId = personId,
            Names = matchNames,
            DateOfBirth = dateOfBirth,
            DateOfBirthPrecision = dateOfBirth is null ? DatePrecision.Unknown : precision ?? DatePrecision.Day,
            Sex = sex ?? Sex.NotKnown,
            NhsNumbers = nhs,
            Postcodes = codes,
            Addresses = normalised,
            MotherId = motherId,
        };
    }

    public static string NormalisePostcode(string? postcode) =>
        postcode is null ? "" : new string([.. postcode.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>The outward code of a normalised postcode (all but its last three characters): the district.</summary>
    public static string District(string postcode) => postcode.Length > 3 ? postcode[..^3] : postcode;
}
