using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Chronicle.Web.Alerts;
using Chronicle.Web.Children;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.WorkTray;

/// <summary>A list as the work tray shows it: the first few, and how many there are in all.</summary>
public sealed record Few<T>(IReadOnlyList<T> Shown, int Total, int Overdue);

/// <summary>A child the professional works with: how old, what is open about them, and what is due next.</summary>
public sealed record TrayChild(Guid Id, string Name, string Age, int OpenAlerts, int OverdueAlerts, string? NextStep, DateTimeOffset? NextDue, bool NextOverdue);

/// <summary>
/// A child with a contact or referral waiting at the front door, for its decision or for allocation: since when (the
/// longest waiting: since the contact came, or since the decision), and how many wait.
/// </summary>
public sealed record WaitingChild(Guid Id, string Name, string Age, DateTimeOffset Since, int Contacts)
{
    /// <summary>How long it has waited, in days: "Since today", "1 day", "12 days".</summary>
    public string Waited(DateOnly today) => (today.DayNumber - WorkingDayCalendar.UkDate(Since).DayNumber) switch
    {
        <= 0 => "Since today",
        1 => "1 day",
        var days => $"{days} days",
    };
}

/// <summary>One page of a list: what it shows, how many there are in all, which page it is and how many pages there are.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Shown, int Total, int Number, int Pages);

/// <summary>
/// A meeting the professional is invited to, organises or chairs, soon; for the chair, how many of those invited
/// (the chair aside) have not replied and have sent no report, as the chair's view counts them.
/// </summary>
public sealed record TrayMeeting(Guid MeetingId, Guid ChildId, string Child, string What, DateTimeOffset When, bool Chairing = false, int NoReply = 0, int NoReport = 0)
{
    /// <summary>"7 replies and 7 reports outstanding", or that none is.</summary>
    public string Outstanding => (NoReply, NoReport) switch
    {
        (0, 0) => "every reply and report is in",
        _ => $"{Count(NoReply, "reply", "replies")} and {Count(NoReport, "report", "reports")} outstanding",
    };

    private static string Count(int n, string one, string many) => n == 0 ? $"no {many}" : $"{n} {(n == 1 ? one : many)}";
}

/// <summary>
/// One member of a manager's team: how many children they work with (those the manager may open, by name), and what
/// of theirs is overdue.
/// </summary>
public sealed record TeamMemberLoad(Guid ProfessionalId, string Name, int Children, int OpenAlerts, int OverdueAlerts, int OverdueActions)
{
    /// <summary>The children of the caseload the manager may open, by name: each a link to the child.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Caseload { get; init; } = [];
}

/// <summary>
/// The home page of someone who works with children: what needs them today (their alerts by due time, shared
/// information to acknowledge, actions due, meetings coming), the children they work with and each one's next due
/// step; for a team manager, the team's caseload, what is overdue and what has been escalated to them. Every list is
/// a query with a limit: the tray shows the first few and the count, and links to the whole list.
/// </summary>
public sealed record Tray(
    Few<AlertGroup> Alerts,
    Few<InboxItem> ToAcknowledge,
    Few<SeenAction> Actions,
    IReadOnlyList<TrayMeeting> Meetings,
    Few<TrayChild> Children,
    IReadOnlyList<TeamMemberLoad> Team,
    Few<InboxItem> Escalations,
    PageOf<WaitingChild>? Waiting = null,
    PageOf<WaitingChild>? WaitingForAllocation = null)
{
    public const int Limit = 5;
    public const int ChildLimit = 25;
    /// <summary>How far ahead "meetings coming" looks.</summary>
    public const int MeetingDays = 28;

    /// <summary>Adults (18 or over) are not children anyone works with, though the record still holds them as a family's child.</summary>
    public static bool IsAdult(Person person, DateOnly today) =>
        person.Kind == PersonKind.Child && person.DateOfBirth is { } dob && person.DateOfBirthPrecision != DatePrecision.Unknown && dob.AddYears(18) <= today;

    public static async Task<Tray> LoadAsync(ChronicleDb db, Guid partnershipId, SignedInUser user, ChildAccess access, SharingService sharing, ActionService actions,
        DateTimeOffset now, int waitingPage = 1, int allocationPage = 1, CancellationToken ct = default)
    {
        var me = user.Professional!.Id;
        var today = WorkingDayCalendar.UkDate(now);

        var mine = await MyAlerts.ListedAsync(db, partnershipId, user, access, now, ct);
        // One row per family event (a safeguard's alerts on siblings from the same entries), as the child page and the lists
        // show them; only the events shown have their texts read.
        var events = AlertGroup.Of(mine.Visible, now).OrderBy(g => g.DueAt).ThenBy(g => g.RaisedAt).ToList();
        var alerts = new Few<AlertGroup>(await AlertReader.WithTextsAsync(access, [.. events.Take(Limit)], ct), events.Count, events.Count(g => g.Overdue));

        // Of the inbox, only what waits for the professional's acknowledgement, newest first as the inbox lists it; only
        // the few shown are read as the inbox shows them.
        var waiting = (await db.Notifications.AsNoTracking()
                .Where(n => n.PartnershipId == partnershipId && n.RecipientProfessionalId == me && n.NeedsAcknowledgement && n.AcknowledgedAt == null)
                .ToListAsync(ct))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToList();
        var toAcknowledge = waiting.Where(n => n.AwaitsAcknowledgement && !n.IsEscalation)
            .OrderByDescending(n => n.IsOverdue(now)).ThenBy(n => n.DueAt).ToList();
        // Escalations until they are handled (by the manager, or by another the same matter went to), read or not, or
        // their cause is dealt with (EscalationCauses).
        var escalationKinds = Notification.EscalationKinds.ToList();
        var escalations = (await db.Notifications.AsNoTracking()
                .Where(n => n.PartnershipId == partnershipId && n.RecipientProfessionalId == me && escalationKinds.Contains(n.Kind) && n.HandledAt == null && n.CauseSettledAt == null)
                .ToListAsync(ct))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToList();

        var owned = await actions.MyActionsAsync(partnershipId, me, ct);

        var until = now.AddDays(MeetingDays);
        var invited = await db.Meetings.AsNoTracking().Include(m => m.Invitees)
            .Where(m => m.PartnershipId == partnershipId && m.Status == MeetingStatus.Scheduled
                        && (m.OrganiserProfessionalId == me || m.ChairProfessionalId == me || m.Invitees.Any(i => i.ProfessionalId == me && i.Invited)))
            .ToListAsync(ct);
        // Only meetings about children the user may see: access is asked about those children alone.
        var visibleIds = (await access.VisibleAmongAsync([.. invited.Select(m => m.ChildPersonId).Distinct()], ct)).Select(v => v.ChildId).ToHashSet();
        var meetings = invited.Where(m => visibleIds.Contains(m.ChildPersonId)).ToList();
        var soon = meetings.Where(m => m.ScheduledFor >= now && m.ScheduledFor <= until).OrderBy(m => m.ScheduledFor).Take(Limit).ToList();
        var meetingChildren = soon.Select(m => m.ChildPersonId).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && meetingChildren.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var coming = new List<TrayMeeting>();
        foreach (var m in soon)
        {
            // Counted as the chair's view counts them: only invitees who may open the child are outstanding.
            var (noReply, noReport) = m.ChairProfessionalId == me
                ? await MeetingService.OutstandingAsync(db, m, now, ct)
                : (0, 0);
            coming.Add(new TrayMeeting(m.Id, m.ChildPersonId, names.GetValueOrDefault(m.ChildPersonId, "someone not on record"), Labels.Of(m.Type), m.ScheduledFor,
                m.ChairProfessionalId == me, noReply, noReport));
        }

        // The children the professional works with: those whose team they are in, children (not adults) only.
        var teamChildren = (await access.TeamChildrenAsync(ct)).ToDictionary(v => v.ChildId);
        var teamIds = teamChildren.Keys.ToList();
        var people = (await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && teamIds.Contains(p.Id) && p.Kind != PersonKind.Adult).ToListAsync(ct))
            .Where(p => !IsAdult(p, today)).ToList();
        var childIds = people.Select(p => p.Id).ToList();
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && childIds.Contains(a.SubjectPersonId) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .Select(a => new { a.SubjectPersonId, a.SafeguardId, a.DueAt }).ToListAsync(ct);
        // Every open action about each child: one about a family is each of its children's next step.
        var actionRows = await db.ActionChildren.AsNoTracking().Where(c => childIds.Contains(c.ChildPersonId))
            .Join(db.Actions.AsNoTracking().Where(a => a.PartnershipId == partnershipId && a.Status == ActionStatus.Open), c => c.ActionId, a => a.Id,
                (c, a) => new { ChildId = c.ChildPersonId, a.Description, a.Due, a.SourceEntryId, a.SourceKind })
            .Join(db.Entries.AsNoTracking(), a => a.SourceEntryId, e => e.Id, (a, e) => new { a.ChildId, a.Description, a.Due, a.SourceKind, e.SharingLevel, e.RecordedByAgencyId })
            .ToListAsync(ct);
        // What an action asks is shown only to someone who may read the entry it comes from.
        var childActions = new List<(Guid ChildId, string Description, DateOnly? Due)>();
        foreach (var a in actionRows)
        {
            var readable = a.SharingLevel == SharingLevel.Team
                || await access.MayReadAnyAsync([teamChildren[a.ChildId]], new EntryReach(a.SharingLevel, a.RecordedByAgencyId), ct);
            childActions.Add((a.ChildId, readable ? a.Description : ActionView.WithheldText(EntryKinds.Find(a.SourceKind)?.Label ?? "entry"), a.Due));
        }
        var catalogue = SafeguardCatalogue.All.ToDictionary(s => s.Id, s => s.Title);
        var children = people.Select(p =>
        {
            var alertsOf = open.Where(a => a.SubjectPersonId == p.Id).ToList();
            var steps = alertsOf.Select(a => (What: catalogue.GetValueOrDefault(a.SafeguardId, "A safeguard alert"), Due: (DateTimeOffset?)a.DueAt))
                .Concat(childActions.Where(a => a.ChildId == p.Id).Select(a => (What: a.Description, Due: a.Due is { } d ? (DateTimeOffset?)WorkingDayCalendar.EndOfUkDay(d) : null)))
                .OrderBy(s => s.Due ?? DateTimeOffset.MaxValue).FirstOrDefault();
            return new TrayChild(p.Id, p.DisplayName, Display.Age(p, today), alertsOf.Count, alertsOf.Count(a => a.DueAt < now),
                steps.What, steps.Due, steps.Due < now);
        }).OrderBy(c => c.NextDue ?? DateTimeOffset.MaxValue).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();

        var team = new List<TeamMemberLoad>();
        if (user.Viewer.Has(Role.TeamManager))
        {
            var staff = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.ManagerId == me).OrderBy(p => p.Name).ToListAsync(ct);
            var staffIds = staff.Select(s => s.Id).ToList();
            var involvements = (await db.Involvements.AsNoTracking().Where(i => i.ProfessionalId != null && staffIds.Contains(i.ProfessionalId.Value)).ToListAsync(ct))
                .Where(i => i.IsActiveOn(today)).ToList();
            var childrenOfStaff = involvements.Select(i => i.PersonId).Distinct().ToList();
            var kinds = await db.People.AsNoTracking().Where(p => childrenOfStaff.Contains(p.Id)).ToListAsync(ct);
            var realChildren = kinds.Where(p => p.Kind != PersonKind.Adult && !IsAdult(p, today)).Select(p => p.Id).ToHashSet();
            // Each child of the caseload the manager may open is named, a link to them; the others are only counted.
            var mayOpen = (await access.VisibleAmongAsync([.. realChildren], ct)).Select(v => v.ChildId).ToHashSet();
            var childNames = kinds.Where(p => mayOpen.Contains(p.Id)).ToDictionary(p => p.Id, p => p.DisplayName);
            // A family event is one alert to its owner (as their own tray shows it), not one per child it concerns; only
            // alerts about children the manager may see, and that the owner may see now (the others are in the trays of
            // those who may: MyAlerts.TheirsAsync).
            var ownedByStaff = await db.Alerts.AsNoTracking()
                .Where(a => a.PartnershipId == partnershipId && a.OwnerProfessionalId != null && staffIds.Contains(a.OwnerProfessionalId.Value)
                            && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
                .ToListAsync(ct);
            var seen = (await access.VisibleAmongAsync([.. ownedByStaff.Select(a => a.SubjectPersonId).Distinct()], ct)).ToDictionary(v => v.ChildId, v => v.Facts);
            var ownersSee = await MyAlerts.OwnerMaySeeAsync(db, seen, ownedByStaff, ct);
            var staffAlerts = ownedByStaff.Where(a => ownersSee.Contains(a.Id))
                .GroupBy(a => (Owner: a.OwnerProfessionalId!.Value, Event: AlertGroup.Key(a)))
                .Select(g => new { g.Key.Owner, DueAt = g.Min(a => a.DueAt) }).ToList();
            var staffActions = await db.Actions.AsNoTracking()
                .Where(a => a.PartnershipId == partnershipId && a.OwnerProfessionalId != null && staffIds.Contains(a.OwnerProfessionalId.Value) && a.Status == ActionStatus.Open && a.Due != null)
                .Select(a => new { Owner = a.OwnerProfessionalId!.Value, a.Due }).ToListAsync(ct);
            team.AddRange(staff.Select(s =>
            {
                var caseload = involvements.Where(i => i.ProfessionalId == s.Id && realChildren.Contains(i.PersonId)).Select(i => i.PersonId).Distinct().ToList();
                return new TeamMemberLoad(s.Id, s.Name, caseload.Count,
                    staffAlerts.Count(a => a.Owner == s.Id), staffAlerts.Count(a => a.Owner == s.Id && a.DueAt < now),
                    staffActions.Count(a => a.Owner == s.Id && a.Due < today))
                {
                    Caseload = [.. caseload.Where(childNames.ContainsKey).Select(c => (c, childNames[c])).OrderBy(c => c.Item2, StringComparer.CurrentCulture)],
                };
            }));
        }

        return new Tray(alerts,
            new Few<InboxItem>(await sharing.ItemsAsync(partnershipId, [.. toAcknowledge.Take(Limit)], now, entries => access.HiddenPeopleInAsync(entries, ct), ct: ct), toAcknowledge.Count, toAcknowledge.Count(n => n.IsOverdue(now))),
            new Few<SeenAction>(await ActionChildren.SeenAsync(access, [.. owned.Take(Limit)], ct), owned.Count, owned.Count(a => a.IsOverdue)),
            coming,
            new Few<TrayChild>([.. children.Take(ChildLimit)], children.Count, children.Count(c => c.NextOverdue)),
            team,
            new Few<InboxItem>(await sharing.ItemsAsync(partnershipId, [.. escalations.Take(Limit)], now, entries => access.HiddenPeopleInAsync(entries, ct), ct: ct), escalations.Count, escalations.Count),
            user.Viewer.Has(Role.FrontDoor) ? Page(await WaitingAsync(db, partnershipId, access, today, allocation: false, ct), waitingPage) : null,
            user.Viewer.Has(Role.FrontDoor) ? Page(await WaitingAsync(db, partnershipId, access, today, allocation: true, ct), allocationPage) : null);
    }

    /// <summary>A page of <see cref="ChildLimit"/> children; a page past the last shows the last.</summary>
    private static PageOf<WaitingChild> Page(List<WaitingChild> waiting, int page)
    {
        var pages = Math.Max(1, (waiting.Count + ChildLimit - 1) / ChildLimit);
        var number = Math.Clamp(page, 1, pages);
        return new PageOf<WaitingChild>([.. waiting.Skip((number - 1) * ChildLimit).Take(ChildLimit)], waiting.Count, number, pages);
    }

    /// <summary>
    /// The front door's children with a contact or referral waiting for its decision, or (<paramref name="allocation"/>)
    /// decided and taken further but waiting for someone of children's social care to hold the case, the longest waiting
    /// first: read through the index of what is open (<see cref="OpenContact"/>), so the work follows the contacts still
    /// open, never every contact of the partnership.
    /// </summary>
    private static async Task<List<WaitingChild>> WaitingAsync(ChronicleDb db, Guid partnershipId, ChildAccess access, DateOnly today, bool allocation, CancellationToken ct)
    {
        var open = (await db.OpenContacts.AsNoTracking().Where(o => o.PartnershipId == partnershipId && (o.DecidedAt != null) == allocation)
                .Select(o => new { o.PersonId, o.ReceivedAt, o.DecidedAt }).ToListAsync(ct))
            .ToLookup(o => o.PersonId, o => o.DecidedAt ?? o.ReceivedAt);
        var ids = open.Select(o => o.Key).ToList();
        var children = (await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && ids.Contains(p.Id) && p.Kind != PersonKind.Adult).ToListAsync(ct))
            .Where(p => !IsAdult(p, today)).ToList();
        // Only the children the user may see, as the policy decides for each.
        var visible = (await access.VisibleAmongAsync([.. children.Select(c => c.Id)], ct)).Select(v => v.ChildId).ToHashSet();
        return [.. children.Where(c => visible.Contains(c.Id))
            .Select(c => new WaitingChild(c.Id, c.DisplayName, Display.Age(c, today), open[c.Id].Min(), open[c.Id].Count()))
            .OrderBy(c => c.Since).ThenBy(c => c.Id)];
    }
}
