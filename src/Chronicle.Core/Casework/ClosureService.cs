using System.Globalization;
using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Casework;

public enum LooseEndKind { OpenAction, OpenAlert, PendingResult, OpenPlan, NoSupervision }

/// <summary>
/// Something a case should not close with. <see cref="ManagerMayAccept"/> says whether a manager may accept it
/// with a reason (an alert, a result that never came); otherwise it must be dealt with (an action done or handed
/// on, a plan ended, supervision recorded).
/// </summary>
public sealed record LooseEnd(string Key, LooseEndKind Kind, string Description, bool ManagerMayAccept, Guid? ActionId = null, Guid? AlertId = null, Guid? EntryId = null);

public sealed record ProposeClosureInput(Guid? ChildId, Guid? RecordedByProfessionalId, string? Reason, Guid? AgencyId = null);

/// <summary>A closure, with a manager's reason for each loose end (by its key) the case closes with.</summary>
public sealed record CloseCaseInput
{
    public Guid? ChildId { get; init; }
    public Guid? RecordedByProfessionalId { get; init; }
    public string? Reason { get; init; }
    /// <summary>The agency whose involvement is closing; children's social care when absent.</summary>
    public Guid? AgencyId { get; init; }
    public Guid? ManagerProfessionalId { get; init; }
    public IReadOnlyDictionary<string, string> AcceptedLooseEnds { get; init; } = new Dictionary<string, string>();
}

public sealed record ClosureProposal(ChronologyEntry Entry, IReadOnlyList<LooseEnd> LooseEnds);

/// <summary>
/// Closing a case (SG-21, SG-22; Baby R closed while the medical's actions were outstanding). Closure first lists
/// the loose ends: open actions, unresolved alerts, results still awaited, open plans, and supervision not
/// recorded since the last significant entry. It refuses while any action is open, and closes with an alert or
/// an awaited result only on a manager's recorded reason, which becomes part of the record.
/// </summary>
public sealed class ClosureService(ChronicleDb db, ChronologyService chronology, AlertService alerts, TimeProvider clock)
{
    private static readonly string[] NotWork = [EntryKinds.Supervision.Code, EntryKinds.CaseClosure.Code, EntryKinds.InformationShared.Code, EntryKinds.InformationAcknowledged.Code];

    public async Task<IReadOnlyList<LooseEnd>> LooseEndsAsync(Guid partnershipId, Guid childId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var file = await CaseFileLoader.LoadAsync(db, childId, now, ct);
        if (file is null || file.Child.PartnershipId != partnershipId) return [];
        var loose = new List<LooseEnd>();

        var actions = await new ActionService(db, chronology, clock).ForChildAsync(partnershipId, childId, openOnly: true, ct);
        var continuing = await ContinuingAsync(actions, childId, now, ct);
        foreach (var view in actions.Where(v => !continuing.Contains(v.Action.Id)))
        {
            var a = view.Action;
            loose.Add(new LooseEnd($"action:{a.Id}", LooseEndKind.OpenAction,
                $"Action \"{a.Description}\" from the {view.SourceLabel.ToLowerInvariant()}, owned by {view.OwnerName ?? "no one"}{(a.Due is { } due ? $", due {due:d MMMM yyyy}" : "")}",
                false, ActionId: a.Id, EntryId: a.SourceEntryId));
        }

        var open = await db.Alerts.AsNoTracking()
            .Where(x => x.PartnershipId == partnershipId && x.SubjectPersonId == childId && (x.Status == AlertStatus.Open || x.Status == AlertStatus.Acknowledged)).ToListAsync(ct);
        foreach (var alert in open.OrderBy(x => x.RaisedAt))
            loose.Add(new LooseEnd($"alert:{alert.Id}", LooseEndKind.OpenAlert, $"Alert: {SafeguardCatalogue.Find(alert.SafeguardId)?.Title ?? "a safeguard"} (the alert says what it found)", true, AlertId: alert.Id));

        // Results still awaited, as SG-22 counts them, and tests that gave no result.
        var reports = file.Of<MedicalReportReceived>().Select(e => e.As<MedicalReportReceived>()!.MedicalEntryId).ToList();
        var medicals = file.Of<ChildProtectionMedical>().ToList();
        foreach (var medical in medicals)
        {
            var pending = medical.As<ChildProtectionMedical>()!.Opinion == MedicalOpinion.Pending
                && !medicals.Any(m => m.When > medical.When && m.As<ChildProtectionMedical>()!.Opinion != MedicalOpinion.Pending);
            var unreported = !reports.Exists(r => medical.IsReferencedBy(r));
            if (!pending && !unreported) continue;
            var day = medical.When.Day().ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var what = (pending, unreported) switch
            {
                (true, true) => $"The child protection medical of {day} has no opinion yet, and its report has not been received",
                (true, false) => $"The child protection medical of {day} has no opinion yet",
                _ => $"The report of the child protection medical of {day} has not been received",
            };
            loose.Add(new LooseEnd($"result:{medical.Id}", LooseEndKind.PendingResult, what, true, EntryId: medical.Id));
        }
        var received = file.Of<RecordsReceived>().ToList();
        foreach (var request in file.Of<RecordsRequested>())
        {
            var asked = request.As<RecordsRequested>()!;
            if (received.Any(r => r.As<RecordsReceived>() is { } got
                                  && (request.IsReferencedBy(got.RequestEntryId) || (got.RequestEntryId is null && r.When >= request.When && TimelinessFacts.SameArea(got.FromArea, asked.FromArea)))))
                continue;
            loose.Add(new LooseEnd($"result:{request.Id}", LooseEndKind.PendingResult,
                $"Records requested from {asked.FromAgency}, {asked.FromArea} on {request.When.Day():d MMMM yyyy} have not been received", true, EntryId: request.Id));
        }

        var decided = file.Of<DecisionRecorded>().Select(e => e.As<DecisionRecorded>()!).Where(d => d.Topic == DecisionTopic.RepeatTest && d.AboutEntryId is not null).Select(d => d.AboutEntryId!.Value).ToHashSet();
        var tests = file.Of<TestResult>().ToList();
        var names = await ChronologyReader.NamesAsync(db, partnershipId, tests.SelectMany(t => t.Entry.Subjects.Select(s => s.PersonId)), [], ct);
        foreach (var test in tests.Where(t => t.As<TestResult>()!.Outcome is TestOutcome.Inconclusive or TestOutcome.NotDone or TestOutcome.SampleRejected && !decided.Contains(t.Id)))
        {
            var result = test.As<TestResult>()!;
            var repeated = tests.Any(t => t.When > test.When && t.As<TestResult>()!.Outcome is TestOutcome.Positive or TestOutcome.Negative
                && string.Equals(t.As<TestResult>()!.Test, result.Test, StringComparison.OrdinalIgnoreCase) && t.Entry.Subjects.Any(s => test.Entry.IsAbout(s.PersonId)));
            if (repeated) continue;
            loose.Add(new LooseEnd($"result:{test.Id}", LooseEndKind.PendingResult,
                $"{result.Test} of {test.When.Day():d MMMM yyyy} for {string.Join(", ", test.Entry.Subjects.Select(s => names.Person(s.PersonId)))} has no result ({Labels.Of(result.Outcome)}) and has not been repeated",
                true, EntryId: test.Id));
        }

        foreach (var (entry, plan) in file.ActivePlans(now))
            loose.Add(new LooseEnd($"plan:{entry.Id}", LooseEndKind.OpenPlan, $"The {Labels.Of(plan.Type).ToLowerInvariant()} started on {entry.When.Day():d MMMM yyyy} has not ended", false, EntryId: entry.Id));

        var lastWork = file.AboutChild.LastOrDefault(e => e.Entry.Significance >= Significance.Significant && !NotWork.Contains(e.Entry.Kind));
        if (lastWork is not null && !file.Of<Supervision>().Any(s => s.Entry.IsAbout(childId) && s.When >= lastWork.When))
            loose.Add(new LooseEnd("supervision", LooseEndKind.NoSupervision,
                $"No management supervision has been recorded since the last significant entry ({lastWork.When.Day():d MMMM yyyy})", false));
        return loose;
    }

    /// <summary>
    /// The open actions that go on after this child's case closes: an action about several
    /// children (a family's plan, a meeting about the siblings) or about their parents is still owed to another child
    /// of it whose case stays open (children's social care working with them now, and not closed), so it is that
    /// child's work and does not hold this case open. A child merely named, with no case, holds nothing. An action about this
    /// child alone, or about children whose cases have all closed, is a loose end (Baby R: closed while the medical's
    /// actions were outstanding).
    /// </summary>
    private async Task<HashSet<Guid>> ContinuingAsync(IReadOnlyList<ActionView> actions, Guid childId, DateTimeOffset now, CancellationToken ct)
    {
        // The other children of the actions (TrackedAction.Children), their case files read together, each asked about once.
        var others = actions.SelectMany(v => v.Action.ChildIds).Where(c => c != childId).Distinct().ToList();
        var files = await CaseFileLoader.LoadManyAsync(db, others, now, ct);
        var open = others.Where(c => files.TryGetValue(c, out var file)
                                     && ClosedCase.At(file, now) is null && file.LeadSocialWorker(WorkingDayCalendar.UkDate(now)) is not null).ToHashSet();
        return [.. actions.Where(v => v.Action.ChildIds.Any(open.Contains)).Select(v => v.Action.Id)];
    }

    /// <summary>Records that closure is proposed, and lists what must be dealt with before the case can close.</summary>
    public async Task<Outcome<ClosureProposal>> ProposeAsync(Guid partnershipId, ProposeClosureInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        await CheckBasicsAsync(partnershipId, input.ChildId, input.RecordedByProfessionalId, input.Reason, input.AgencyId, p, ct);
        if (p.Any) return Outcome<ClosureProposal>.Refused(p.Errors);
        var entry = await chronology.RecordAsync(partnershipId, Recording.Input(new CaseClosure { Stage = ClosureStage.Proposed, Reason = input.Reason!.Trim(), AgencyId = input.AgencyId },
            input.RecordedByProfessionalId!.Value, [input.ChildId!.Value], clock.GetUtcNow(), null), ct);
        if (!entry.Succeeded) return Outcome<ClosureProposal>.Refused(entry.Errors);
        return Outcome<ClosureProposal>.Ok(new ClosureProposal(entry.Value!, await LooseEndsAsync(partnershipId, input.ChildId.Value, ct)));
    }

    public async Task<Outcome<ChronologyEntry>> CloseAsync(Guid partnershipId, CloseCaseInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        await CheckBasicsAsync(partnershipId, input.ChildId, input.RecordedByProfessionalId, input.Reason, input.AgencyId, p, ct);
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var loose = await LooseEndsAsync(partnershipId, input.ChildId!.Value, ct);
        var actions = loose.Where(l => l.Kind == LooseEndKind.OpenAction).ToList();
        if (actions.Count > 0)
            p.Add("looseEnds", $"The case cannot close while {(actions.Count == 1 ? "an action is" : $"{actions.Count} actions are")} open. Mark each done or hand it on: {string.Join("; ", actions.Select(a => a.Description))}");
        // Who accepts what is left is decided first, so that a worker who may not is told who may.
        Professional? manager = null;
        string? askManager = null; // whom a closer who may not accept them is to ask
        if (loose.Any(l => l.ManagerMayAccept))
            (manager, askManager) = await AccepterAsync(partnershipId, input, p, ct);
        foreach (var end in loose.Where(l => l.Kind != LooseEndKind.OpenAction))
        {
            if (!end.ManagerMayAccept) p.Add($"looseEnds[{end.Key}]", end.Kind switch
            {
                LooseEndKind.OpenPlan => $"{end.Description}: end the plan before closing the case",
                LooseEndKind.NoSupervision => $"{end.Description}: record supervision before closing the case",
                _ => end.Description,
            });
            else if (!input.AcceptedLooseEnds.TryGetValue(end.Key, out var reason) || string.IsNullOrWhiteSpace(reason))
                p.Add($"looseEnds[{end.Key}]", askManager is null
                    ? $"{end.Description}: resolve it, or give a manager's reason for closing the case without it"
                    : $"{end.Description}: resolve it, or ask {askManager} to accept it: a manager closes a case with loose ends on its closure page, giving a reason for each");
        }
        var accepted = loose.Where(l => l.ManagerMayAccept && input.AcceptedLooseEnds.TryGetValue(l.Key, out var r) && !string.IsNullOrWhiteSpace(r)).ToList();
        if (accepted.Count > 0 && manager is null && askManager is not null)
            p.Add("acceptedLooseEnds", $"Only a manager of the case can accept loose ends: ask {askManager} to close the case on its closure page, giving a reason for each");
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        var child = input.ChildId.Value;
        foreach (var end in accepted)
        {
            var reason = input.AcceptedLooseEnds[end.Key].Trim();
            if (end.AlertId is { } alertId)
            {
                var closed = await alerts.CloseAsync(partnershipId, alertId, manager!.Id, reason, ct);
                if (!closed.Succeeded) return Outcome<ChronologyEntry>.Refused([.. closed.Errors.Select(e => e with { Field = $"looseEnds[{end.Key}]" })]);
            }
            else if (end.EntryId is { } about)
            {
                var source = await db.Entries.AsNoTracking().FirstAsync(e => e.Id == about, ct);
                var decision = new DecisionRecorded
                {
                    Topic = source.Kind == EntryKinds.TestResult.Code ? DecisionTopic.RepeatTest : DecisionTopic.Other,
                    Decision = $"The case closes without it: {end.Description}", Rationale = reason, AboutEntryId = about,
                };
                var written = await chronology.RecordAsync(partnershipId, Recording.Input(decision, manager!.Id, [child], now, null), ct);
                if (!written.Succeeded) return Outcome<ChronologyEntry>.Refused(written.Errors);
            }
        }
        var narrative = accepted.Count == 0 ? null
            : $"Closed with loose ends accepted by {manager!.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, accepted.Select(a => $"- {a.Description}: {input.AcceptedLooseEnds[a.Key].Trim()}"))}";
        return await chronology.RecordAsync(partnershipId, Recording.Input(new CaseClosure { Stage = ClosureStage.Closed, Reason = input.Reason!.Trim(), AgencyId = input.AgencyId },
            input.RecordedByProfessionalId!.Value, [child], now, null, Significance.Significant, SharingLevel.Team, narrative), ct);
    }

    /// <summary>
    /// Who accepts the case's loose ends, or, when no one named may, what the closer is to do instead. A signed-in
    /// closer accepts them only as themselves (<see cref="ChronologyService.AsksTheWriter"/>): a manager's reasons are
    /// the manager's own act, never typed in their name by someone else. A replay of what happened names the manager
    /// who accepted them, who must supervise the closing worker.
    /// </summary>
    private async Task<(Professional? Manager, string? AskManager)> AccepterAsync(Guid partnershipId, CloseCaseInput input, Problems p, CancellationToken ct)
    {
        var closer = await db.Professionals.AsNoTracking().FirstAsync(x => x.Id == input.RecordedByProfessionalId && x.PartnershipId == partnershipId, ct);
        if (input.ManagerProfessionalId is { } named && named != closer.Id)
        {
            var manager = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == named && x.PartnershipId == partnershipId, ct);
            if (chronology.AsksTheWriter)
            {
                p.Add("managerProfessionalId", $"Loose ends are accepted by the manager themselves: ask {manager?.Name ?? "your manager"} to close the case on its closure page, giving a reason for each");
                return (null, null);
            }
            if (manager is null) p.Add("managerProfessionalId", "Select the manager accepting the loose ends");
            else if (!StatutoryWork.Supervises(manager, closer))
                p.Add("managerProfessionalId", $"Only a manager can accept loose ends: {manager.Name} is not the worker's manager, or a team manager or conference chair of their agency and team");
            return (p.Any ? null : manager, null);
        }
        return await AcceptsAsync(partnershipId, input.ChildId!.Value, closer, ct) is { } ask ? (null, ask) : (closer, null);
    }

    /// <summary>
    /// Whom this professional is to ask to accept the child's loose ends ("your manager, Mo Manager,"), when they may not
    /// accept them themselves; null when they may. A manager of the case accepts them: the manager of a worker of their agency working with the child today, or
    /// a team manager or conference chair of that agency and team (<see cref="StatutoryWork.Supervises"/>, as
    /// supervision is given), or, when no one else of their agency works with the child, anyone in a manager's role there.
    /// </summary>
    public async Task<string?> MayNotAcceptAsync(Guid partnershipId, Guid childId, Guid professionalId, CancellationToken ct = default)
    {
        var me = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == professionalId && x.PartnershipId == partnershipId, ct);
        return me is null ? "a manager of the case" : await AcceptsAsync(partnershipId, childId, me, ct);
    }

    private async Task<string?> AcceptsAsync(Guid partnershipId, Guid childId, Professional me, CancellationToken ct)
    {
        var today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        var involved = (await db.Involvements.AsNoTracking().Where(i => i.PersonId == childId && i.AgencyId == me.AgencyId && i.ProfessionalId != null && i.ProfessionalId != me.Id).ToListAsync(ct))
            .Where(i => i.IsActiveOn(today)).Select(i => i.ProfessionalId!.Value).Distinct().ToList();
        var workers = await db.Professionals.AsNoTracking().Where(x => involved.Contains(x.Id) && x.PartnershipId == partnershipId).ToListAsync(ct);
        if (workers.Count == 0 ? AlertService.ManagerRoles.Contains(me.Role) : workers.Exists(w => StatutoryWork.Supervises(me, w))) return null;
        var mine = me.ManagerId is { } m ? await db.Professionals.AsNoTracking().Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return mine is null ? "a manager of the case" : $"your manager, {mine},";
    }

    private async Task CheckBasicsAsync(Guid partnershipId, Guid? childId, Guid? recordedBy, string? reason, Guid? agencyId, Problems p, CancellationToken ct)
    {
        p.Required("childId", childId, "Select the child whose case is closing");
        p.Required("recordedByProfessionalId", recordedBy, "Select who is closing the case");
        p.Required("reason", reason, "Enter why the case is closing");
        if (childId is { } c && !await db.People.AnyAsync(x => x.Id == c && x.PartnershipId == partnershipId && x.Kind != PersonKind.Adult, ct)) p.Add("childId", "No such child in this partnership");
        if (recordedBy is { } r && !await db.Professionals.AnyAsync(x => x.Id == r && x.PartnershipId == partnershipId, ct)) p.Add("recordedByProfessionalId", "No such professional in this partnership");
        // Children's social care closes the case; another agency only its own involvement (StatutoryWork).
        else if (recordedBy is { } by && await db.Professionals.AsNoTracking().Where(x => x.Id == by)
                .Join(db.Agencies, x => x.AgencyId, a => a.Id, (x, a) => new { a.Id, a.Kind }).FirstOrDefaultAsync(ct) is { } agency
            && StatutoryWork.Refusal(new CaseClosure { Stage = ClosureStage.Closed, Reason = reason ?? "", AgencyId = agencyId }, agency.Id, agency.Kind) is { } refused)
            p.Add(refused.Field, refused.Message);
    }
}
