using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>
/// A professional's open alerts, the most overdue first: only ever about children they may see now (<see cref="TheirsAsync"/>).
/// An alert they own about a child they may not see is neither shown nor counted for them: it is with the team
/// managers and the front door who may see the child, as an alert no one owns is.
/// </summary>
public sealed record MyAlerts(IReadOnlyList<AlertView> Visible)
{
    public static async Task<MyAlerts> LoadAsync(ChronicleDb db, Guid partnershipId, SignedInUser user, ChildAccess access, DateTimeOffset now, CancellationToken ct = default) =>
        new(await AlertReader.WithTextsAsync(access, (await ListedAsync(db, partnershipId, user, access, now, ct)).Visible, ct));

    /// <summary>
    /// The same alerts without their texts (<see cref="AlertView.Summary"/> empty): a list that shows a few of them reads
    /// the texts of those alone (<see cref="AlertReader.WithTextsAsync(ChildAccess, IReadOnlyList{AlertGroup}, CancellationToken)"/>).
    /// </summary>
    public static async Task<MyAlerts> ListedAsync(ChronicleDb db, Guid partnershipId, SignedInUser user, ChildAccess access, DateTimeOffset now, CancellationToken ct = default)
    {
        if (user.Professional?.Id is not { } me) return new MyAlerts([]);
        var open = db.Alerts.AsNoTracking().Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged));
        var shown = (await TheirsAsync(db, access, open, me, TakesUnowned(user), ct)).OrderBy(a => a.DueAt).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id).ToList();
        return new MyAlerts(await AlertReader.ListedAsync(db, shown, partnershipId, now, ct));
    }

    /// <summary>Whether the user's tray also holds the alerts no one who may see the child owns (about children they may see): a team manager's and the front door's.</summary>
    public static bool TakesUnowned(SignedInUser user) => user.Viewer.Has(Role.TeamManager) || user.Viewer.Has(Role.FrontDoor);

    /// <summary>
    /// Of these alerts, the ones that are this professional's to act on, always about a child the user may see now:
    /// those they own or that were escalated to them, and with <paramref name="unowned"/> those no one who may see the
    /// child owns (no owner, an owner who has left, or one who may not, or not yet, open the child's record), so that
    /// every alert reaches someone who can act on it; without it, those about a child of the user's team no manager
    /// or front door may open (<see cref="TeamAloneAsync"/>). An owner's access is asked afresh at each read: it changes over
    /// a case (a contact opens, someone joins the team), and the alert follows it.
    /// </summary>
    public static async Task<List<Alert>> TheirsAsync(ChronicleDb db, ChildAccess access, IQueryable<Alert> alerts, Guid me, bool unowned, CancellationToken ct)
    {
        List<Alert> found;
        if (unowned)
        {
            var children = (await access.VisibleChildrenAsync(ct)).Select(v => v.ChildId).ToList();
            found = await alerts.Where(a => a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me || a.OwnerProfessionalId == null || children.Contains(a.SubjectPersonId)).ToListAsync(ct);
        }
        else
        {
            // A child no team manager or front door may open has only its team: an alert about them no one who may see
            // them owns is with each of the team, as it would be with a manager.
            var alone = await TeamAloneAsync(db, (await access.TeamChildrenAsync(ct)).ToDictionary(v => v.ChildId, v => v.Facts), ct);
            found = await alerts.Where(a => a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me || alone.Contains(a.SubjectPersonId)).ToListAsync(ct);
        }
        var visible = (await access.VisibleAmongAsync([.. found.Select(a => a.SubjectPersonId).Distinct()], ct)).ToDictionary(v => v.ChildId, v => v.Facts);
        found = [.. found.Where(a => visible.ContainsKey(a.SubjectPersonId))];
        var ownersSee = await OwnerMaySeeAsync(db, visible, [.. found.Where(a => a.OwnerProfessionalId is { } o && o != me && a.EscalatedToProfessionalId != me)], ct);
        return [.. found.Where(a => a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me || !ownersSee.Contains(a.Id))];
    }

    /// <summary>
    /// Of these children (with their access facts), those no team manager may open as a manager of their team and no
    /// front door may open for an open contact: an alert about them no one who may see them owns reaches only their team.
    /// </summary>
    public static async Task<List<Guid>> TeamAloneAsync(ChronicleDb db, IReadOnlyDictionary<Guid, ChildAccessFacts> facts, CancellationToken ct)
    {
        if (facts.Count == 0) return [];
        var managers = await ChildAccessReader.ViewersAsync(db, [.. facts.Values.SelectMany(f => f.ManagersOfTeam).Distinct()], ct);
        var partnerships = await db.People.AsNoTracking().Where(p => facts.Keys.Contains(p.Id)).Select(p => p.PartnershipId).Distinct().ToListAsync(ct);
        // Asked of the database, not by reading every account: no other role's name holds "FrontDoor".
        var frontDoor = facts.Values.Any(f => f.OpenContactAtFrontDoor)
                        && await db.UserAccounts.AsNoTracking().AnyAsync(a => partnerships.Contains(a.PartnershipId) && a.ProfessionalId != null && a.DisabledAt == null && a.Roles.Contains(nameof(Role.FrontDoor)), ct);
        bool Reached(ChildAccessFacts f) =>
            (f.OpenContactAtFrontDoor && frontDoor)
            || f.ManagersOfTeam.Any(m => managers.TryGetValue(m, out var viewers) && ChildAccessReader.Widest(viewers, f with { BreakGlassActive = false }).Basis != AccessBasis.None);
        return [.. facts.Where(f => !Reached(f.Value)).Select(f => f.Key)];
    }

    /// <summary>
    /// Those of these alerts whose owner may see the child now, by the child's access facts (as read for the user: the
    /// user's break glass is theirs alone, and never counts for an owner); an owner who has left sees nothing.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> OwnerMaySeeAsync(ChronicleDb db, IReadOnlyDictionary<Guid, ChildAccessFacts> facts, IReadOnlyCollection<Alert> alerts, CancellationToken ct)
    {
        var viewers = await ChildAccessReader.ViewersAsync(db, [.. alerts.Select(a => a.OwnerProfessionalId).OfType<Guid>().Distinct()], ct);
        return alerts.Where(a => a.OwnerProfessionalId is { } owner && viewers.TryGetValue(owner, out var theirs) && facts.TryGetValue(a.SubjectPersonId, out var f)
                                 && ChildAccessReader.Widest(theirs, f with { BreakGlassActive = false }).Basis != AccessBasis.None)
            .Select(a => a.Id).ToHashSet();
    }
}
