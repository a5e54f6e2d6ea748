using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Children;

/// <summary>A child as the partnership's list shows them.</summary>
public sealed record ChildSummary(Guid Id, string Name, PersonKind Kind, string Age, DateOnly? DateOfBirth, DateOnly? ExpectedDateOfDelivery, string? LeadProfessional, int Entries);

/// <summary>
/// The children (born and unborn) the signed-in user may see, each with their age, lead professional and the number
/// of entries in their chronology that the user may see.
/// </summary>
public static class ChildList
{
    public static async Task<IReadOnlyList<ChildSummary>> ForPartnershipAsync(ChronicleDb db, ChildAccess access, Guid partnershipId, DateOnly today, CancellationToken ct = default)
    {
        var visible = (await access.VisibleChildrenAsync(ct)).ToDictionary(v => v.ChildId);
        if (visible.Count == 0) return [];
        var ids = visible.Keys.ToList();
        var children = await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult && ids.Contains(p.Id)).ToListAsync(ct);
        var professionals = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId).ToDictionaryAsync(p => p.Id, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var list = new List<ChildSummary>(children.Count);
        foreach (var child in children.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture))
        {
            var leads = await db.Involvements.AsNoTracking().Where(i => i.PersonId == child.Id && i.IsLead).ToListAsync(ct);
            var lead = leads.Where(i => i.IsActiveOn(today)).OrderByDescending(i => i.From).FirstOrDefault()
                ?? leads.OrderByDescending(i => i.To ?? DateOnly.MaxValue).ThenByDescending(i => i.From).FirstOrDefault();
            var circle = await Family.AroundChildAsync(db, child.Id, ct);
            var levels = await db.Entries.AsNoTracking().Where(e => e.PartnershipId == partnershipId && db.EntrySubjects.Any(s => s.EntryId == e.Id && circle.Contains(s.PersonId)))
                .Select(e => new { e.SharingLevel, e.RecordedByAgencyId }).ToListAsync(ct);
            var entries = 0;
            foreach (var e in levels)
                if (await access.MaySeeAsync(visible[child.Id], new ChronologyEntry { Kind = "", Details = "", SharingLevel = e.SharingLevel, RecordedByAgencyId = e.RecordedByAgencyId }, ct)) entries++;
            list.Add(new ChildSummary(child.Id, child.DisplayName, child.Kind, Display.Age(child, today), child.DateOfBirth, child.ExpectedDateOfDelivery,
                lead is null ? null : LeadName(lead, professionals, agencies, today), entries));
        }
        return list;
    }

    private static string LeadName(Involvement lead, IReadOnlyDictionary<Guid, Professional> professionals, IReadOnlyDictionary<Guid, string> agencies, DateOnly today)
    {
        var agency = agencies.GetValueOrDefault(lead.AgencyId, "an agency not on record");
        var who = lead.ProfessionalId is { } id && professionals.TryGetValue(id, out var p) ? $"{p.Name}, {agency}" : $"{agency} ({lead.Role})";
        return lead.IsActiveOn(today) ? who : $"{who} (until {Display.Date(lead.To)})";
    }
}
