using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// An alert's life after it is raised: acknowledged by someone told of it; resolved when what it asked for is on
/// record; closed by a manager with a recorded reason; escalated when it passes its due time still open, to a manager
/// who may open the child (the owner's, where they may). Every step is kept in alert_events.
/// </summary>
public sealed class AlertService(ChronicleDb db, SafeguardEngine engine, TimeProvider clock)
{
    /// <summary>Roles that may close an alert without the action it asked for.</summary>
    public static readonly IReadOnlySet<ProfessionalRole> ManagerRoles = new HashSet<ProfessionalRole>
    {
        ProfessionalRole.TeamManager, ProfessionalRole.ConferenceChair,
    };

    public async Task<Outcome<Alert>> AcknowledgeAsync(Guid partnershipId, Guid alertId, Guid byProfessionalId, CancellationToken ct = default)
    {
        var (alert, problem) = await OpenAlertAsync(partnershipId, alertId, ct);
        if (problem is not null) return Outcome<Alert>.Refused([problem]);
        if (!await db.Professionals.AnyAsync(p => p.Id == byProfessionalId && p.PartnershipId == partnershipId, ct))
            return Outcome<Alert>.Refused("professionalId", "Select who is acknowledging the alert");
        if (alert!.Status == AlertStatus.Acknowledged) return Outcome<Alert>.Ok(alert);
        var now = clock.GetUtcNow();
        alert.Status = AlertStatus.Acknowledged;
        alert.AcknowledgedAt = now;
        db.AlertEvents.Add(new AlertEvent { Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Acknowledged, At = now, ByProfessionalId = byProfessionalId });
        await db.SaveChangesAsync(ct);
        return Outcome<Alert>.Ok(alert);
    }

    /// <summary>
    /// Resolves an alert if what it asked for is now on record (the child is evaluated afresh); otherwise refuses,
    /// saying what is still asked for.
    /// </summary>
    public async Task<Outcome<Alert>> ResolveAsync(Guid partnershipId, Guid alertId, CancellationToken ct = default)
    {
        var (alert, problem) = await OpenAlertAsync(partnershipId, alertId, ct);
        if (problem is not null) return Outcome<Alert>.Refused([problem]);
        await engine.EvaluateChildAsync(db, alert!.SubjectPersonId, ct);
        var after = await db.Alerts.AsNoTracking().FirstAsync(a => a.Id == alertId, ct);
        return after.Status == AlertStatus.Resolved
            ? Outcome<Alert>.Ok(after)
            : Outcome<Alert>.Refused("alertId", "What this alert asks for is not yet on record: record it (the alert says what), then resolve it");
    }

    /// <summary>A manager closes an alert without the asked-for action, giving the reason; the reason becomes part of the record.</summary>
    public async Task<Outcome<Alert>> CloseAsync(Guid partnershipId, Guid alertId, Guid managerId, string? reason, CancellationToken ct = default)
    {
        var (alert, problem) = await OpenAlertAsync(partnershipId, alertId, ct);
        var p = new Problems();
        if (problem is not null) p.AddRange([problem]);
        p.Required("reason", reason, "Enter why the alert is being closed without the action it asked for");
        var manager = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == managerId && x.PartnershipId == partnershipId, ct);
        if (manager is null) p.Add("professionalId", "Select the manager closing the alert");
        else if (alert is not null && !await IsManagerOfOwnerAsync(manager, alert, ct))
            p.Add("professionalId", "Only a manager can close an alert: the owner's manager, a team manager or a conference chair");
        if (p.Any) return Outcome<Alert>.Refused(p.Errors);
        var now = clock.GetUtcNow();
        alert!.Status = AlertStatus.Closed;
        alert.ClosedAt = now;
        db.AlertEvents.Add(new AlertEvent { Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Closed, At = now, ByProfessionalId = managerId, Reason = reason!.Trim() });
        await db.SaveChangesAsync(ct);
        return Outcome<Alert>.Ok(alert);
    }

    /// <summary>
    /// A manager closes several open alerts at once with one reason (a case closing with its alerts still open), saved
    /// together: either every alert closes or, if any cannot, none does.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<Alert>>> CloseAsync(Guid partnershipId, IReadOnlyList<Guid> alertIds, Guid managerId, string? reason, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("reason", reason, "Enter why the alerts are being closed without the action they asked for");
        var alerts = await db.Alerts.Where(a => a.PartnershipId == partnershipId && alertIds.Contains(a.Id)).ToListAsync(ct);
        if (alerts.Count != alertIds.Distinct().Count()) p.Add("alertIds", "There is no such alert");
        if (alerts.Exists(a => !a.IsOpen)) p.Add("alertIds", "An alert is already closed or resolved");
        var manager = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == managerId && x.PartnershipId == partnershipId, ct);
        if (manager is null) p.Add("professionalId", "Select the manager closing the alerts");
        else if (!ManagerRoles.Contains(manager.Role))
        {
            var owners = alerts.Select(a => a.OwnerProfessionalId).Distinct().ToList();
            var managed = await db.Professionals.AsNoTracking().Where(x => x.ManagerId == manager.Id).Select(x => (Guid?)x.Id).ToListAsync(ct);
            if (owners.Exists(o => o is null || !managed.Contains(o)))
                p.Add("professionalId", "Only a manager can close an alert: the owner's manager, a team manager or a conference chair");
        }
        if (p.Any) return Outcome<IReadOnlyList<Alert>>.Refused(p.Errors);
        var now = clock.GetUtcNow();
        foreach (var alert in alerts)
        {
            alert.Status = AlertStatus.Closed;
            alert.ClosedAt = now;
            db.AlertEvents.Add(new AlertEvent { Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Closed, At = now, ByProfessionalId = managerId, Reason = reason!.Trim() });
        }
        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<Alert>>.Ok(alerts);
    }

    /// <summary>Escalates every open alert past its due time that has not been escalated: to the owner's manager. Returns how many.</summary>
    public async Task<int> EscalateOverdueAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var overdue = await db.Alerts
            .Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged) && a.EscalatedAt == null)
            .ToListAsync(ct);
        overdue = [.. overdue.Where(a => a.DueAt < now)];
        if (overdue.Count == 0) return 0;
        var targets = await EscalationTargetsAsync(partnershipId, overdue, now, ct);
        foreach (var alert in overdue)
        {
            var to = targets.GetValueOrDefault(alert.Id);
            alert.EscalatedAt = now;
            alert.EscalatedToProfessionalId = to;
            db.AlertEvents.Add(new AlertEvent
            {
                Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Escalated, At = now, ToProfessionalId = to,
                Reason = to is null ? "Past its due time; no manager who may open the child's record is on record" : "Past its due time and still open",
            });
        }
        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }

    /// <summary>
    /// Someone who may act on an open alert escalates it to the owner's manager before its due time, giving the
    /// reason; the escalation and the reason are kept in its history, and the alert stays open.
    /// </summary>
    public async Task<Outcome<Alert>> EscalateAsync(Guid partnershipId, Guid alertId, Guid byProfessionalId, string? reason, CancellationToken ct = default)
    {
        var (alert, problem) = await OpenAlertAsync(partnershipId, alertId, ct);
        var p = new Problems();
        if (problem is not null) p.AddRange([problem]);
        p.Required("reason", reason, "Enter why the alert is being escalated to the owner's manager");
        if (!await db.Professionals.AnyAsync(x => x.Id == byProfessionalId && x.PartnershipId == partnershipId, ct))
            p.Add("professionalId", "Select who is escalating the alert");
        Guid? to = null;
        if (alert is not null)
        {
            to = (await EscalationTargetsAsync(partnershipId, [alert], clock.GetUtcNow(), ct)).GetValueOrDefault(alert.Id);
            if (to is null) p.Add("alertId", "No manager who may open the child's record is on record to escalate the alert to: ask a team manager to reassign it");
            else if (to == byProfessionalId || alert.EscalatedToProfessionalId == to)
                p.Add("alertId", "The alert is already with the owner's manager");
        }
        if (p.Any) return Outcome<Alert>.Refused(p.Errors);
        var now = clock.GetUtcNow();
        alert!.EscalatedAt = now;
        alert.EscalatedToProfessionalId = to;
        db.AlertEvents.Add(new AlertEvent
        {
            Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Escalated, At = now,
            ByProfessionalId = byProfessionalId, ToProfessionalId = to, Reason = reason!.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return Outcome<Alert>.Ok(alert);
    }

    /// <summary>
    /// The manager each alert goes to when it is escalated: one who may open its child now, so that it reaches someone
    /// who can act on it. The owner's manager when they may; failing that, a manager of the child's lead, then of
    /// someone in the child's team, then of the front door of the child's area (the owner's, and that of those who
    /// recorded the contacts) while a contact about the child waits for its decision;
    /// never the owner themselves. None when no manager who may open the child is on record.
    /// </summary>
    private async Task<Dictionary<Guid, Guid?>> EscalationTargetsAsync(Guid partnershipId, IReadOnlyList<Alert> alerts, DateTimeOffset now, CancellationToken ct)
    {
        var owners = alerts.Select(a => a.OwnerProfessionalId).OfType<Guid>().Distinct().ToList();
        var managerOf = await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id) && p.ManagerId != null).ToDictionaryAsync(p => p.Id, p => p.ManagerId!.Value, ct);
        var facts = await ChildAccessReader.FactsAsync(db, partnershipId, [.. alerts.Select(a => a.SubjectPersonId).Distinct()], now, ct);
        var atFrontDoor = facts.Values.Where(f => f.OpenContactAtFrontDoor).Select(f => f.ChildId).ToList();
        var frontDoor = atFrontDoor.Count == 0 ? [] : await db.Professionals.AsNoTracking()
            .Where(p => p.PartnershipId == partnershipId && p.Role == ProfessionalRole.FrontDoorWorker && p.ManagerId != null)
            .Join(db.Agencies.AsNoTracking(), p => p.AgencyId, a => a.Id, (p, a) => new { Manager = p.ManagerId!.Value, a.Area }).Distinct().ToListAsync(ct);
        // The front door of the child's area: where the alert's owner and those who recorded the child's waiting
        // contacts work. A partnership may hold several areas' front doors; another area's is never asked.
        var ownerAreas = atFrontDoor.Count == 0 ? [] : await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id))
            .Join(db.Agencies.AsNoTracking(), p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, a.Area }).ToDictionaryAsync(p => p.Id, p => p.Area, ct);
        var contactAreas = atFrontDoor.Count == 0 ? Enumerable.Empty<(Guid, string?)>().ToLookup(x => x.Item1, x => x.Item2) : (await db.OpenContacts.AsNoTracking()
            .Where(o => atFrontDoor.Contains(o.PersonId))
            .Join(db.Entries.AsNoTracking(), o => o.ContactEntryId, e => e.Id, (o, e) => new { o.PersonId, e.RecordedByAgencyId })
            .Join(db.Agencies.AsNoTracking(), x => x.RecordedByAgencyId, a => a.Id, (x, a) => new { x.PersonId, a.Area }).ToListAsync(ct))
            .ToLookup(x => x.PersonId, x => x.Area);
        IEnumerable<Guid> FrontDoorOf(Alert a)
        {
            var areas = contactAreas[a.SubjectPersonId].Append(a.OwnerProfessionalId is { } o ? ownerAreas.GetValueOrDefault(o) : null)
                .Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
            return frontDoor.Where(d => areas.Count == 0 || areas.Exists(x => TimelinessFacts.SameArea(x, d.Area))).Select(d => d.Manager).Distinct().Order();
        }
        IEnumerable<Guid> Candidates(Alert a)
        {
            if (a.OwnerProfessionalId is { } owner && managerOf.TryGetValue(owner, out var manager)) yield return manager;
            if (!facts.TryGetValue(a.SubjectPersonId, out var f)) yield break;
            foreach (var m in f.ManagersOfLead.Order()) yield return m;
            foreach (var m in f.ManagersOfTeam.Order()) yield return m;
            if (f.OpenContactAtFrontDoor)
                foreach (var m in FrontDoorOf(a)) yield return m;
        }
        var viewers = await ChildAccessReader.ViewersAsync(db, [.. alerts.SelectMany(Candidates).Distinct()], ct);
        return alerts.ToDictionary(a => a.Id, a => Candidates(a).Cast<Guid?>().FirstOrDefault(m =>
            m != a.OwnerProfessionalId && viewers.TryGetValue(m!.Value, out var theirs) && facts.TryGetValue(a.SubjectPersonId, out var f)
            && ChildAccessReader.Widest(theirs, f).Basis != AccessBasis.None));
    }

    public async Task<IReadOnlyList<AlertEvent>> HistoryAsync(Guid alertId, CancellationToken ct = default) =>
        await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.At).ToListAsync(ct);

    private async Task<(Alert? Alert, FieldError? Problem)> OpenAlertAsync(Guid partnershipId, Guid alertId, CancellationToken ct)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId && a.PartnershipId == partnershipId, ct);
        if (alert is null) return (null, new FieldError("alertId", "There is no such alert"));
        // Someone else settled it first: what changed is said, and nothing is saved.
        if (!alert.IsOpen) throw new WriteConflictException($"This alert is already {alert.Status.ToString().ToLowerInvariant()}: nothing you sent was saved");
        return (alert, null);
    }

    private async Task<bool> IsManagerOfOwnerAsync(Professional manager, Alert alert, CancellationToken ct)
    {
        if (ManagerRoles.Contains(manager.Role)) return true;
        if (alert.OwnerProfessionalId is not { } owner) return false;
        return await db.Professionals.AnyAsync(p => p.Id == owner && p.ManagerId == manager.Id, ct);
    }
}
