using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Web.Record;

// What the API answers about the record: the entities' public facts, without their partnership or internals.

public sealed record AgencyResponse(Guid Id, string Name, AgencyKind Kind, string? Area)
{
    public static AgencyResponse Of(Agency a) => new(a.Id, a.Name, a.Kind, a.Area);
}

public sealed record TeamResponse(Guid Id, Guid AgencyId, string Name)
{
    public static TeamResponse Of(Team t) => new(t.Id, t.AgencyId, t.Name);
}

public sealed record ProfessionalResponse(Guid Id, string Name, Guid AgencyId, ProfessionalRole Role, Guid? TeamId, string? JobTitle, Guid? ManagerId, string? Email)
{
    public static ProfessionalResponse Of(Professional p) => new(p.Id, p.Name, p.AgencyId, p.Role, p.TeamId, p.JobTitle, p.ManagerId, p.Email);
}

public sealed record IdentifierResponse(IdentifierScheme Scheme, string Value, string Issuer);

public sealed record PersonResponse(
    Guid Id, PersonKind Kind, string DisplayName, string? GivenName, string? FamilyName, string? KnownAs,
    DateOnly? DateOfBirth, DatePrecision DateOfBirthPrecision, DateOnly? ExpectedDateOfDelivery, Sex Sex, IReadOnlyList<IdentifierResponse> Identifiers)
{
    public static PersonResponse Of(Person p) => new(
        p.Id, p.Kind, p.DisplayName, p.GivenName, p.FamilyName, p.KnownAs, p.DateOfBirth, p.DateOfBirthPrecision, p.ExpectedDateOfDelivery, p.Sex,
        [.. p.Identifiers.Select(i => new IdentifierResponse(i.Scheme, i.Value, i.Issuer))]);
}

public sealed record RelationshipResponse(
    Guid Id, Guid PersonId, RelationshipKind Kind, Guid RelatedPersonId, string? Description, bool HasParentalResponsibility,
    DateOnly? From, DateOnly? To, Guid? RecordedByAgencyId)
{
    public static RelationshipResponse Of(Relationship r) =>
        new(r.Id, r.PersonId, r.Kind, r.RelatedPersonId, r.Description, r.HasParentalResponsibility, r.From, r.To, r.RecordedByAgencyId);
}

public sealed record MemberResponse(Guid Id, Guid HouseholdId, Guid PersonId, DateOnly? From, DateOnly? To, Guid? ReportedByAgencyId)
{
    public static MemberResponse Of(HouseholdMembership m) => new(m.Id, m.HouseholdId, m.PersonId, m.From, m.To, m.ReportedByAgencyId);
}

public sealed record HouseholdResponse(Guid Id, string Name, IReadOnlyList<MemberResponse> Members)
{
    public static HouseholdResponse Of(Household h) => new(h.Id, h.Name, [.. h.Members.OrderBy(m => m.From).Select(MemberResponse.Of)]);
}

public sealed record AddressResponse(
    Guid Id, Guid PersonId, string Address, string? Postcode, string? LocalAuthority, DateOnly? From, DateOnly? To,
    Guid ReportedByAgencyId, Guid? ReportedByProfessionalId, DateTimeOffset RecordedAt, Guid? EntryId)
{
    public static AddressResponse Of(AddressFact a) =>
        new(a.Id, a.PersonId, a.Address, a.Postcode, a.LocalAuthority, a.From, a.To, a.ReportedByAgencyId, a.ReportedByProfessionalId, a.RecordedAt, a.EntryId);
}

public sealed record InvolvementResponse(Guid Id, Guid PersonId, Guid AgencyId, Guid? ProfessionalId, string Role, bool IsLead, DateOnly From, DateOnly? To)
{
    public static InvolvementResponse Of(Involvement i) => new(i.Id, i.PersonId, i.AgencyId, i.ProfessionalId, i.Role, i.IsLead, i.From, i.To);
}

/// <summary>The body of a request to end an involvement.</summary>
public sealed record EndInvolvementInput(DateOnly? To);
