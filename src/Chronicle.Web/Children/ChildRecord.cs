using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Children;

public sealed record RelationshipLine(string Person, string Kind, string Of, bool ParentalResponsibility, string Dates, string RecordedBy);

public sealed record MemberLine(string Person, string Dates, bool Current, string ReportedBy);

public sealed record HouseholdLines(string Name, IReadOnlyList<MemberLine> Members);

/// <summary>One agency's current report of where someone lives, with where that report came from.</summary>
public sealed record AddressLine(string Agency, string Address, string? LocalAuthority, string Since, string Source, Guid? EntryId);

/// <summary>Where each agency says a person lives; <see cref="Disagree"/> when their current reports differ.</summary>
public sealed record PersonAddresses(Guid PersonId, string Person, IReadOnlyList<AddressLine> Current, bool Disagree);

public sealed record InvolvementLine(string Professional, string Agency, string Role, string With, bool WithChild, bool Lead, string Dates, bool Active);

/// <summary>The record around one child: the people, their households over time, addresses by agency, and the professionals.</summary>
public sealed record ChildRecord(
    Person Child,
    IReadOnlyList<RelationshipLine> Relationships,
    IReadOnlyList<HouseholdLines> Households,
    IReadOnlyList<PersonAddresses> Addresses,
    IReadOnlyList<InvolvementLine> Professionals)
{
    /// <summary>
    /// The child's record as the reader may see it: someone around the child the reader may not see (<paramref name="maySee"/>:
    /// a half-sibling outside their team, an adult known only through such a sibling) is named only as someone they do
    /// not have access to, and their addresses, households of their own and professionals are left out.
    /// </summary>
    public static async Task<ChildRecord?> LoadAsync(ChronicleDb db, Guid partnershipId, Guid childId, DateOnly today, Func<Guid, Task<bool>> maySee,
        CancellationToken ct = default)
    {
        var child = await db.People.AsNoTracking().Include(p => p.Identifiers)
            .FirstOrDefaultAsync(p => p.Id == childId && p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult, ct);
        if (child is null) return null;
        var circle = await Family.AroundChildAsync(db, childId, ct);
        var householdIds = await db.HouseholdMemberships.Where(m => circle.Contains(m.PersonId)).Select(m => m.HouseholdId).Distinct().ToListAsync(ct);
        var allHouseholds = await db.Households.AsNoTracking().Include(h => h.Members).Where(h => householdIds.Contains(h.Id)).ToListAsync(ct);
        // Everyone the page could name: the circle, and whoever shares a household with someone in it.
        var named = circle.Concat(allHouseholds.SelectMany(h => h.Members).Select(m => m.PersonId)).Distinct().ToList();
        var hidden = new HashSet<Guid>();
        foreach (var id in named)
            if (id != childId && !await maySee(id)) hidden.Add(id);
        var facts = (await db.AddressFacts.AsNoTracking().Where(a => circle.Contains(a.PersonId)).ToListAsync(ct)).Where(a => !hidden.Contains(a.PersonId)).ToList();
        var involved = (await db.Involvements.AsNoTracking().Where(i => circle.Contains(i.PersonId)).ToListAsync(ct)).Where(i => !hidden.Contains(i.PersonId)).ToList();
        var professionals = facts.Select(a => a.ReportedByProfessionalId).Concat(involved.Select(i => i.ProfessionalId)).OfType<Guid>();
        var names = (await ChronologyReader.NamesAsync(db, partnershipId, named, professionals, ct)).Withholding(hidden);
        var people = await db.People.AsNoTracking().Where(p => circle.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // The child first, then the adults, then other children.
        int Order(Guid id) => id == childId ? 0 : people.TryGetValue(id, out var p) && p.Kind == PersonKind.Adult ? 1 : 2;

        var relationships = (await db.Relationships.AsNoTracking().Where(r => circle.Contains(r.PersonId) && circle.Contains(r.RelatedPersonId)).ToListAsync(ct))
            .Where(r => !(hidden.Contains(r.PersonId) && hidden.Contains(r.RelatedPersonId)))
            .OrderBy(r => r.RelatedPersonId == childId ? 0 : 1).ThenBy(r => r.RecordedAt)
            .Select(r => new RelationshipLine(names.Person(r.PersonId), Kind(r), names.Person(r.RelatedPersonId), r.HasParentalResponsibility,
                Display.Range(r.From, r.To), r.RecordedByAgencyId is null ? "Not recorded" : names.Agency(r.RecordedByAgencyId)))
            .ToList();

        var households = allHouseholds
            .Where(h => h.Members.Any(m => m.PersonId == childId || (circle.Contains(m.PersonId) && !hidden.Contains(m.PersonId))))
            .OrderBy(h => h.Members.Any(m => m.PersonId == childId) ? 0 : 1).ThenBy(h => h.CreatedAt)
            .Select(h => new HouseholdLines(h.Name, [.. h.Members.OrderBy(m => m.From ?? DateOnly.MinValue).ThenBy(m => m.RecordedAt)
                .Select(m => new MemberLine(names.Person(m.PersonId), Display.Range(m.From, m.To), m.IsCurrentOn(today),
                    m.ReportedByAgencyId is null ? "Not recorded" : names.Agency(m.ReportedByAgencyId)))]))
            .ToList();

        var addresses = facts.GroupBy(a => a.PersonId).OrderBy(g => Order(g.Key)).ThenBy(g => names.Person(g.Key), StringComparer.CurrentCulture)
            .Select(g =>
            {
                // Each agency's current view: its open fact recorded last.
                var current = g.Where(a => a.To is null || a.To >= today).GroupBy(a => a.ReportedByAgencyId)
                    .Select(byAgency => byAgency.OrderByDescending(a => a.From ?? DateOnly.MinValue).ThenByDescending(a => a.RecordedAt).First())
                    .OrderBy(a => names.Agency(a.ReportedByAgencyId), StringComparer.CurrentCulture).ToList();
                var lines = current.Select(a => new AddressLine(names.Agency(a.ReportedByAgencyId), a.Postcode is null ? a.Address : $"{a.Address}, {a.Postcode}",
                    a.LocalAuthority, a.From is null ? "Not known" : Display.Date(a.From),
                    $"Reported by {(a.ReportedByProfessionalId is null ? names.Agency(a.ReportedByAgencyId) : names.Professional(a.ReportedByProfessionalId))} on {Display.Date(Core.Time.WorkingDayCalendar.UkDate(a.RecordedAt))}{(a.EntryId is null ? "" : " in the chronology")}",
                    a.EntryId)).ToList();
                var disagree = current.Select(a => AddressFact.Normalise(a.Address)).Distinct().Count() > 1;
                return new PersonAddresses(g.Key, names.Person(g.Key), lines, disagree);
            })
            .Where(p => p.Current.Count > 0)
            .ToList();

        var involvements = involved
            .OrderBy(i => i.IsActiveOn(today) ? 0 : 1).ThenBy(i => Order(i.PersonId)).ThenByDescending(i => i.IsLead).ThenBy(i => i.From)
            .Select(i => new InvolvementLine(i.ProfessionalId is null ? "No one named" : names.Professional(i.ProfessionalId), names.Agency(i.AgencyId), i.Role,
                names.Person(i.PersonId), i.PersonId == childId, i.IsLead, Display.Range(i.From, i.To), i.IsActiveOn(today)))
            .ToList();

        return new ChildRecord(child, relationships, households, addresses, involvements);
    }

    private static string Kind(Relationship r) => r.Description is { Length: > 0 } d ? $"{Labels.Of(r.Kind)} ({d})" : Labels.Of(r.Kind);
}
