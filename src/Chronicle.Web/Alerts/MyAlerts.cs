using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>
/// A professional's open alerts: those they own and those escalated to them, the most overdue first. Alerts about a
/// child they can no longer see are only counted: nothing of that child is shown.
/// </summary>
public sealed record MyAlerts(IReadOnlyList<AlertView> Visible, int NotVisible)
{
    public static async Task<MyAlerts> LoadAsync(ChronicleDb db, Guid partnershipId, SignedInUser user, ChildAccess access, DateTimeOffset now, CancellationToken ct = default)
    {
        if (user.Professional?.Id is not { } me) return new MyAlerts([], 0);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)
                        && (a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me))
            .ToListAsync(ct);
        var visible = (await access.VisibleAmongAsync([.. alerts.Select(a => a.SubjectPersonId).Distinct()], ct)).Select(v => v.ChildId).ToHashSet();
        var shown = alerts.Where(a => visible.Contains(a.SubjectPersonId)).OrderBy(a => a.DueAt).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id).ToList();
        return new MyAlerts(await AlertReader.SummariesAsync(db, access, shown, partnershipId, now, ct), alerts.Count - shown.Count);
    }
}
