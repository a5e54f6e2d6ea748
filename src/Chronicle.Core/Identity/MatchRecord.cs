using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Identity;

/// <summary>A name as matching sees it: folded, with each part's phonetic key and the given name's nickname group.</summary>
public sealed class MatchName
{
    public string Given { get; }
    public string GivenPhonetic { get; }
    public string GivenGroup { get; }
    public string Family { get; }
    public string[] FamilyParts { get; }
    public string[] FamilyPhonetics { get; }

    public MatchName(string? given, string? family)
    {
        var givenParts = Names.Parts(given);
        Given = givenParts.Length > 0 ? givenParts[0] : "";
        GivenPhonetic = Names.Phonetic(Given);
        GivenGroup = Names.NicknameGroup(Given);
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
        IEnumerable<string?> nhsNumbers, IEnumerable<string?> postcodes, IEnumerable<string?> addresses, Guid? motherId = null) => new()
        {
            PersonId = personId,
            Names = [.. names.Select(n => new MatchName(n.Given, n.Family)).Where(n => n.HasGiven || n.HasFamily)
                .DistinctBy(n => (n.Given, n.Family))],
            DateOfBirth = dateOfBirth,
            DateOfBirthPrecision = dateOfBirth is null ? DatePrecision.Unknown : precision ?? DatePrecision.Day,
            Sex = sex ?? Sex.NotKnown,
            NhsNumbers = [.. nhsNumbers.Select(n => NhsNumber.Parse(n)).Where(o => o.Succeeded).Select(o => o.Value!).Distinct()],
            Postcodes = [.. postcodes.Select(NormalisePostcode).Where(p => p.Length > 0).Distinct()],
            Addresses = [.. addresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => AddressFact.Normalise(a!)).Where(a => a.Length > 0).Distinct()],
            MotherId = motherId,
        };

    public static string NormalisePostcode(string? postcode) =>
        postcode is null ? "" : new string([.. postcode.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>The outward code of a normalised postcode (all but its last three characters): the district.</summary>
    public static string District(string postcode) => postcode.Length > 3 ? postcode[..^3] : postcode;
}
