using Chronicle.Core.Time;

namespace Chronicle.Core.Record;

public enum PersonKind
{
    Child,
    UnbornChild,
    Adult,
}

public enum Sex
{
    Female,
    Male,
    Indeterminate,
    NotKnown,
}

/// <summary>A child (born or unborn) or an adult in the child's life.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public PersonKind Kind { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    /// <summary>What the person is called in practice, or a review's pseudonym ("Baby R").</summary>
    public string? KnownAs { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public DatePrecision DateOfBirthPrecision { get; set; } = DatePrecision.Unknown;
    public DateOnly? ExpectedDateOfDelivery { get; set; }
    public Sex Sex { get; set; } = Sex.NotKnown;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByProfessionalId { get; set; }
    public List<PersonIdentifier> Identifiers { get; set; } = [];

    public FuzzyDate BirthDate => new(DateOfBirth, DateOfBirthPrecision);

    public bool IsChild => Kind is PersonKind.Child or PersonKind.UnbornChild;

    /// <summary>What <see cref="DisplayName"/> says of someone with no name on record.</summary>
    public const string NameNotKnown = "Name not known";

    public string DisplayName
    {
        get
        {
            var full = string.Join(' ', new[] { GivenName, FamilyName }.Where(p => !string.IsNullOrWhiteSpace(p)));
            if (!string.IsNullOrWhiteSpace(KnownAs)) return full.Length == 0 || full == KnownAs ? KnownAs : $"{KnownAs} ({full})";
            return full.Length == 0 ? NameNotKnown : full;
        }
    }

    /// <summary>Age in whole days on a date; null when the date of birth is not known to the day.</summary>
    public int? AgeInDaysOn(DateOnly day) =>
        DateOfBirth is { } dob && DateOfBirthPrecision is DatePrecision.Day or DatePrecision.Exact && day >= dob
            ? day.DayNumber - dob.DayNumber
            : null;
}

public enum IdentifierScheme
{
    NhsNumber,
    UniquePupilNumber,
    LocalAuthorityId,
    PoliceNationalComputer,
    Other,
}

/// <summary>An identifier for a person, with who issued it.</summary>
public sealed class PersonIdentifier
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public IdentifierScheme Scheme { get; set; }
    public required string Value { get; set; }
    /// <summary>Who issued it: "NHS England" for an NHS number; the system or agency otherwise.</summary>
    public required string Issuer { get; set; }
}
