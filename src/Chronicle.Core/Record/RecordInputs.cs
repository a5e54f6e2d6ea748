using Chronicle.Core.Time;

namespace Chronicle.Core.Record;

// The API's request bodies for the record. Every field a caller may leave out is nullable, so that a missing
// value is reported by name rather than silently defaulted.

public sealed record AgencyInput(string? Name, AgencyKind? Kind, string? Area);

public sealed record TeamInput(Guid? AgencyId, string? Name);

public sealed record ProfessionalInput(
    string? Name, Guid? AgencyId, ProfessionalRole? Role, Guid? TeamId = null, string? JobTitle = null, Guid? ManagerId = null, string? Email = null);

public sealed record IdentifierInput(IdentifierScheme? Scheme, string? Value, string? Issuer);

public sealed record PersonInput
{
    public PersonKind? Kind { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? KnownAs { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public DatePrecision? DateOfBirthPrecision { get; init; }
    public DateOnly? ExpectedDateOfDelivery { get; init; }
    public Sex? Sex { get; init; }
    public IReadOnlyList<IdentifierInput> Identifiers { get; init; } = [];
    public Guid? CreatedByProfessionalId { get; init; }
}

public sealed record RelationshipInput(
    Guid? PersonId, RelationshipKind? Kind, Guid? RelatedPersonId, string? Description = null,
    bool HasParentalResponsibility = false, DateOnly? From = null, DateOnly? To = null, Guid? RecordedByAgencyId = null);

public sealed record MemberInput(Guid? PersonId, DateOnly? From = null, DateOnly? To = null, Guid? ReportedByAgencyId = null);

public sealed record HouseholdInput(string? Name, IReadOnlyList<MemberInput>? Members);

public sealed record AddressInput(
    Guid? PersonId, string? Address, Guid? ReportedByAgencyId, string? Postcode = null, string? LocalAuthority = null,
    DateOnly? From = null, DateOnly? To = null, Guid? ReportedByProfessionalId = null);

public sealed record InvolvementInput(
    Guid? PersonId, Guid? AgencyId, string? Role, DateOnly? From, Guid? ProfessionalId = null, bool IsLead = false, DateOnly? To = null);
