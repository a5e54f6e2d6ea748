using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Scenarios;

public sealed record ReplayAlert(string Safeguard, string SubjectKey, Guid SubjectId, DateTimeOffset RaisedAt, AlertStatus Status, string Summary, DateTimeOffset DueAt);

public sealed record ExpectationResult(ScenarioExpectation Expectation, bool Passed, string Explanation);

public sealed record ReplayResult(
    string Name,
    string File,
    Guid PartnershipId,
    IReadOnlyDictionary<string, Guid> Ids,
    IReadOnlyList<ReplayAlert> Alerts,
    IReadOnlyList<ExpectationResult> Expectations)
{
    public int Passed => Expectations.Count(e => e.Passed);
    public int Failed => Expectations.Count(e => !e.Passed);
}

/// <summary>A scenario that cannot be played: the step and what is wrong with it.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>
/// Plays a scenario through the same services the API uses, on a simulated clock. Between steps the clock moves
/// a day at a time, and just after each UK midnight the safeguards sweep the scenario's children, so that alerts
/// due on the clock are raised on the day they fall due.
/// </summary>
public sealed class ReplayRunner(Func<ChronicleDb> openDb)
{
    private static readonly TimeOnly DefaultTime = new(9, 0);

    /// <summary>
    /// Plays a scenario. With <paramref name="intoPartnership"/>, its agencies and people join that partnership (the
    /// demo). Without <paramref name="sweep"/>, the clock jumps from step to step and only the alerts that entries
    /// raise as they are written are raised; without <paramref name="safeguards"/> as well, none is: enough to learn
    /// whether every step can be played, since no step's outcome depends on an alert. A live story (dates
    /// relative to today) runs up to <paramref name="playedAt"/>, the moment it is played, and every entry is shared
    /// and its actions tracked as the running app does. With <paramref name="closeAtEnd"/>, a story told in dates is
    /// closed as history at its end by the story's manager with that reason: its plans still active end, and every
    /// alert still open is closed, so that it stands in the record as it stood at the end and is not overdue work today.
    /// </summary>
    public async Task<ReplayResult> RunAsync(Scenario scenario, string file, Guid? intoPartnership = null, bool sweep = true, DateTimeOffset? playedAt = null,
        string? closeAtEnd = null, bool safeguards = true, CancellationToken ct = default)
    {
        var steps = scenario.Timeline
            .Select((s, i) => (Step: s, Index: i, At: ParseAt(s.At, $"timeline[{i}].at"), Recorded: s.RecordedAt is null ? (DateTimeOffset?)null : ParseAt(s.RecordedAt, $"timeline[{i}].recordedAt").Instant))
            .Select(x => (x.Step, x.Index, Occurred: x.At.Instant, Precision: x.Step.Precision ?? x.At.Precision, Recorded: x.Recorded ?? x.At.Instant))
            .OrderBy(x => x.Recorded).ThenBy(x => x.Index)
            .ToList();
        if (scenario.IsLive && playedAt is null) throw new ScenarioException("A story with dates relative to today is played up to a moment: none was given");
        if (scenario.IsLive && steps.FirstOrDefault(s => s.Recorded > playedAt) is { Step: not null } late)
            throw new ScenarioException($"timeline[{late.Index}]: recorded after the moment the story is played to ({playedAt:yyyy-MM-dd HH:mm} UTC)");
        var first = steps.Count > 0 ? steps[0].Recorded : playedAt ?? throw new ScenarioException("A scenario without a timeline is played up to a moment: none was given");
        var clock = new SimulatedClock(WorkingDayCalendar.StartOfUkDay(WorkingDayCalendar.UkDate(first).AddDays(-1)));
        var engine = safeguards ? new SafeguardEngine(clock) : new SafeguardEngine([], WorkingDayCalendar.EnglandAndWales, clock);
        // A live story is played as the running app works: the sharing and action observers after the safeguards, each
        // share written through a chronology that runs them all (as the web app registers them).
        var observers = new List<IChronologyObserver> { engine };
        if (scenario.IsLive)
        {
            observers.Add(new SharingObserver(db => new ChronologyService(db, clock, observers), clock));
            observers.Add(new ActionTracker(clock));
        }
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var children = new List<Guid>();

        Guid partnershipId;
        await using (var db = openDb())
        {
            partnershipId = await SetUpAsync(db, scenario, clock, ids, children, intoPartnership, ct);
        }

        var nextSweep = NextSweepAfter(clock.GetUtcNow());
        foreach (var (step, index, occurred, precision, recorded) in steps)
        {
            if (sweep) nextSweep = await SweepUntilAsync(recorded, nextSweep, clock, engine, children, ct);
            clock.Set(recorded);
            await using var db = openDb();
            await PlayAsync(db, scenario, step, index, occurred, precision, clock, engine, observers, ids, children, partnershipId, ct);
        }
        var end = playedAt is { } played && scenario.IsLive ? played
            : scenario.End is { } e ? WorkingDayCalendar.EndOfUkDay(e) : (steps.Count > 0 ? steps[^1].Recorded : clock.GetUtcNow()).AddDays(30);
        if (sweep) await SweepUntilAsync(end, nextSweep, clock, engine, children, ct);
        if (end > clock.GetUtcNow()) clock.Set(end);
        foreach (var (grant, i) in scenario.BreakGlass.Select((g, i) => (g, i)))
        {
            Id(ids, grant.By, $"breakGlass[{i}].by");
            Id(ids, grant.Child, $"breakGlass[{i}].child");
            if (ParseAt(grant.At, $"breakGlass[{i}].at").Instant > clock.GetUtcNow()) throw new ScenarioException($"breakGlass[{i}].at: after the end of the story");
        }
        if (scenario.Incidents.Count > 0)
            await using (var db = openDb()) await PlayIncidentsAsync(db, scenario, clock, ids, partnershipId, ct);
        if (closeAtEnd is not null && !scenario.IsLive)
        {
            await using (var db = openDb()) await CloseAsHistoryAsync(db, scenario, clock, engine, ids, children, partnershipId, closeAtEnd, ct);
            // What closing leaves to come due (a closure's supervision, say) comes due in the story's time, and is closed
            // with the rest, not raised by the first sweep years later.
            await SweepUntilAsync(clock.GetUtcNow().AddDays(30), NextSweepAfter(clock.GetUtcNow()), clock, engine, children, ct);
            await using (var db = openDb()) await CloseAlertsAsHistoryAsync(db, scenario, clock, engine, ids, children, partnershipId, closeAtEnd, ct);
        }

        await using var read = openDb();
        var keyOf = ids.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.First().Key);
        var people = scenario.People.Select(p => ids[p.Key]).ToList();
        var alerts = (await read.Alerts.AsNoTracking().Where(a => people.Contains(a.SubjectPersonId)).ToListAsync(ct))
            .Select(a => new ReplayAlert(a.SafeguardId, keyOf.GetValueOrDefault(a.SubjectPersonId, "?"), a.SubjectPersonId, a.RaisedAt, a.Status, a.Summary, a.DueAt))
            .OrderBy(a => a.RaisedAt).ThenBy(a => a.Safeguard, StringComparer.Ordinal).ThenBy(a => a.SubjectKey, StringComparer.Ordinal)
            .ToList();
        var results = scenario.Expectations.Select((x, i) => Check(x, i, alerts, ids)).ToList();
        return new ReplayResult(scenario.Name, file, partnershipId, ids, alerts, results);
    }

    /// <summary>
    /// Closes the story as history at its end, as a manager (the first team manager, or else conference chair, it
    /// declares) would with the reason given: every involvement with the story's children still open ends that day, so
    /// nobody works with them now; each plan still active ends (once), so no clock of a plan (a review conference due,
    /// an adult not seen while it lasts) runs on into the years after; the case is closed, one closure about the
    /// story's children whose case is not closed already; then every alert still open on them is closed, its history keeping how it stood.
    /// </summary>
    private static async Task CloseAsHistoryAsync(ChronicleDb db, Scenario s, SimulatedClock clock, SafeguardEngine engine, Dictionary<string, Guid> ids, List<Guid> children,
        Guid partnershipId, string reason, CancellationToken ct)
    {
        var manager = s.Partnership.Professionals.FirstOrDefault(p => p.Role == ProfessionalRole.TeamManager)
            ?? s.Partnership.Professionals.FirstOrDefault(p => p.Role == ProfessionalRole.ConferenceChair);
        var now = clock.GetUtcNow();
        var day = WorkingDayCalendar.UkDate(now);
        var record = new RecordService(db, clock);
        var open = await db.Involvements.AsNoTracking().Where(i => children.Contains(i.PersonId) && (i.To == null || i.To > day)).Select(i => new { i.Id, i.From }).ToListAsync(ct);
        foreach (var involvement in open)
            Must(await record.EndInvolvementAsync(partnershipId, involvement.Id, involvement.From > day ? involvement.From : day, ct), "ending the involvements with the story's children");
        // What ending them changes is found now, at the story's end, and closed with the rest below; not by the first sweep years later.
        if (open.Count > 0) await EvaluateAsync(db, engine, children, ct);
        var chronology = new ChronologyService(db, clock, [engine]);
        var ended = new HashSet<Guid>();
        var stillOpen = new List<Guid>();
        foreach (var child in children)
        {
            if (await CaseFileLoader.LoadAsync(db, child, now, engine.EntryCache, ct) is not { } file) continue;
            if (Casework.ClosedCase.At(file, now) is null) stillOpen.Add(child);
            foreach (var (plan, _) in file.ActivePlans(now))
            {
                if (!ended.Add(plan.Id)) continue;
                var by = manager is null ? throw new ScenarioException("partnership.professionals: closing the story as history needs a team manager or conference chair to end its plans") : ids[manager.Key];
                // Each plan ends once, saying whose it was: a family's plans side by side in a chronology are told apart.
                var subjects = plan.Entry.Subjects.Select(x => x.PersonId).ToList();
                var whose = (await db.People.AsNoTracking().Where(p => subjects.Contains(p.Id) && p.Kind != PersonKind.Adult).ToListAsync(ct))
                    .OrderBy(p => p.DisplayName, StringComparer.Ordinal).Select(p => p.DisplayName).ToList();
                Must(await chronology.RecordAsync(partnershipId, TeamAroundChild.Recording.Input(new Chronology.Details.PlanEnded
                {
                    PlanEntryId = plan.Id, Reason = whose.Count == 0 ? "Case closed, so the plan ends" : $"Case closed, so the plan for {FindingWords.List(whose)} ends",
                }, by, subjects, now, null), ct), "ending the story's plans as history");
            }
        }
        if (stillOpen.Count > 0)
        {
            var by = manager is null ? throw new ScenarioException("partnership.professionals: closing the story as history needs a team manager or conference chair to close the case") : ids[manager.Key];
            Must(await chronology.RecordAsync(partnershipId, TeamAroundChild.Recording.Input(new Chronology.Details.CaseClosure { Stage = Chronology.Details.ClosureStage.Closed, Reason = reason }, by,
                stillOpen, now, null, Significance.Significant), ct), "closing the story's case");
        }
    }

    /// <summary>Every alert still open on the story's children is closed by its manager with the reason given, its history keeping how it stood.</summary>
    private static async Task CloseAlertsAsHistoryAsync(ChronicleDb db, Scenario s, SimulatedClock clock, SafeguardEngine engine, Dictionary<string, Guid> ids, List<Guid> children,
        Guid partnershipId, string reason, CancellationToken ct)
    {
        var manager = s.Partnership.Professionals.FirstOrDefault(p => p.Role == ProfessionalRole.TeamManager)
            ?? s.Partnership.Professionals.FirstOrDefault(p => p.Role == ProfessionalRole.ConferenceChair);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => children.Contains(a.SubjectPersonId) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .OrderBy(a => a.RaisedAt).Select(a => a.Id).ToListAsync(ct);
        if (alerts.Count == 0) return;
        if (manager is null) throw new ScenarioException("partnership.professionals: closing the story as history needs a team manager or conference chair to close its open alerts");
        Must(await new AlertService(db, engine, clock).CloseAsync(partnershipId, alerts, ids[manager.Key], reason, ct), "closing the story's open alerts");
    }

    /// <summary>
    /// Sweeps each midnight up to <paramref name="until"/>. Nothing is written between steps, so each child's case
    /// file, and which alerts the child has (and which are open), are read once after a step and kept for the sweeps
    /// that follow it; a child is evaluated through the engine (which reads and writes its alerts) only on a day its
    /// findings differ from its alerts: a cause not yet raised, or an open alert's cause gone. Most days neither happens,
    /// and the database is not asked.
    /// </summary>
    private async Task<DateTimeOffset> SweepUntilAsync(DateTimeOffset until, DateTimeOffset nextSweep, SimulatedClock clock, SafeguardEngine engine, List<Guid> children, CancellationToken ct)
    {
        if (nextSweep > until) return nextSweep;
        await using var db = openDb();
        var files = new Dictionary<Guid, CaseFile>();
        var alerts = new Dictionary<Guid, (HashSet<(string, string)> Known, HashSet<(string, string)> Open)>();
        PolicySettings? policy = null;
        while (nextSweep <= until)
        {
            clock.Set(nextSweep);
            // The files not yet read (after a step, every one) are read together: a family's entries once for its children.
            var unread = children.Where(c => !files.ContainsKey(c)).ToList();
            if (unread.Count > 0)
                foreach (var (id, read) in await CaseFileLoader.LoadManyAsync(db, unread, nextSweep, engine.EntryCache, ct)) files[id] = read;
            foreach (var child in children)
            {
                if (!files.TryGetValue(child, out var file)) continue;
                policy ??= await SafeguardEngine.PolicyAsync(db, file.Child.PartnershipId, ct);
                if (!alerts.TryGetValue(child, out var had)) alerts[child] = had = await AlertKeysAsync(db, child, ct);
                var found = engine.Find(file, new SafeguardContext(nextSweep, engine.Calendar, policy));
                if (found.Keys.All(had.Known.Contains) && had.Open.All(found.ContainsKey)) continue;
                await engine.EvaluateAsync(db, file, policy, ct);
                alerts[child] = await AlertKeysAsync(db, child, ct);
            }
            nextSweep = NextSweepAfter(nextSweep);
        }
        return nextSweep;
    }

    private static async Task<(HashSet<(string, string)> Known, HashSet<(string, string)> Open)> AlertKeysAsync(ChronicleDb db, Guid child, CancellationToken ct)
    {
        var rows = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == child).Select(a => new { a.SafeguardId, a.CauseKey, a.Status }).ToListAsync(ct);
        return ([.. rows.Select(a => (a.SafeguardId, a.CauseKey))],
            [.. rows.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged).Select(a => (a.SafeguardId, a.CauseKey))]);
    }

    /// <summary>One minute past the next UK midnight: the moment yesterday's deadlines have passed.</summary>
    private static DateTimeOffset NextSweepAfter(DateTimeOffset t) =>
        WorkingDayCalendar.StartOfUkDay(WorkingDayCalendar.UkDate(t).AddDays(1)).AddMinutes(1);

    private static async Task<Guid> SetUpAsync(ChronicleDb db, Scenario s, SimulatedClock clock, Dictionary<string, Guid> ids, List<Guid> children, Guid? into, CancellationToken ct)
    {
        var record = new RecordService(db, clock);
        Guid partnershipId;
        if (into is { } existing) partnershipId = existing;
        else partnershipId = Must(await record.CreatePartnershipAsync(s.Partnership.Name, s.Partnership.Code, ct), "partnership").Id;

        foreach (var (a, i) in s.Partnership.Agencies.Select((a, i) => (a, i)))
            Remember(ids, a.Key, Must(await record.CreateAgencyAsync(partnershipId, new AgencyInput(a.Name, a.Kind, a.Area), ct), $"partnership.agencies[{i}]").Id, $"partnership.agencies[{i}].key");
        foreach (var (p, i) in s.Partnership.Professionals.Select((p, i) => (p, i)))
            Remember(ids, p.Key, Must(await record.CreateProfessionalAsync(partnershipId, new ProfessionalInput(p.Name, Id(ids, p.Agency, $"partnership.professionals[{i}].agency"), p.Role, JobTitle: p.JobTitle), ct), $"partnership.professionals[{i}]").Id, $"partnership.professionals[{i}].key");
        foreach (var (p, i) in s.Partnership.Professionals.Select((p, i) => (p, i)).Where(x => x.p.Manager is not null))
        {
            var professional = await db.Professionals.FirstAsync(x => x.Id == ids[p.Key], ct);
            professional.ManagerId = Id(ids, p.Manager!, $"partnership.professionals[{i}].manager");
        }
        await db.SaveChangesAsync(ct);
        foreach (var (key, value) in s.Partnership.Policy)
            db.PolicyChanges.Add(new PolicyChange
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), PartnershipId = partnershipId, Key = key, NewValue = value,
                ChangedByProfessionalId = s.Partnership.Professionals.Count > 0 ? ids[s.Partnership.Professionals[0].Key] : throw new ScenarioException("A scenario with policy settings needs a professional to have changed them."),
                ChangedAt = clock.GetUtcNow(), Reason = $"Scenario '{s.Name}'",
            });
        await db.SaveChangesAsync(ct);

        foreach (var (p, i) in s.People.Select((p, i) => (p, i)))
        {
            var person = Must(await record.CreatePersonAsync(partnershipId, new PersonInput
            {
                Kind = p.Kind, GivenName = p.GivenName, FamilyName = p.FamilyName, KnownAs = p.KnownAs, DateOfBirth = p.DateOfBirth,
                DateOfBirthPrecision = p.DateOfBirthPrecision, ExpectedDateOfDelivery = p.ExpectedDateOfDelivery, Sex = p.Sex, Identifiers = p.Identifiers,
            }, ct), $"people[{i}]");
            Remember(ids, p.Key, person.Id, $"people[{i}].key");
            if (person.IsChild) children.Add(person.Id);
        }
        foreach (var (r, i) in s.Relationships.Select((r, i) => (r, i)))
            await AddRelationshipAsync(record, partnershipId, r, ids, $"relationships[{i}]", ct);
        foreach (var (h, i) in s.Households.Select((h, i) => (h, i)))
        {
            var household = Must(await record.CreateHouseholdAsync(partnershipId, new HouseholdInput(h.Name,
                [.. h.Members.Select((m, j) => new MemberInput(Id(ids, m.Person, $"households[{i}].members[{j}].person"), m.From, m.To, m.Agency is null ? null : Id(ids, m.Agency, $"households[{i}].members[{j}].agency")))]), ct), $"households[{i}]");
            Remember(ids, h.Key, household.Id, $"households[{i}].key");
        }
        foreach (var (a, i) in s.Addresses.Select((a, i) => (a, i)))
            await AddAddressAsync(record, partnershipId, a, ids, $"addresses[{i}]", ct);
        foreach (var (v, i) in s.Involvements.Select((v, i) => (v, i)))
            await AddInvolvementAsync(record, partnershipId, v, null, ids, $"involvements[{i}]", ct);
        return partnershipId;
    }

    private static async Task PlayAsync(ChronicleDb db, Scenario s, ScenarioStep step, int index, DateTimeOffset occurred, DatePrecision precision, SimulatedClock clock,
        SafeguardEngine engine, IReadOnlyList<IChronologyObserver> observers, Dictionary<string, Guid> ids, List<Guid> children, Guid partnershipId, CancellationToken ct)
    {
        var where = $"timeline[{index}]";
        var record = new RecordService(db, clock);
        var day = WorkingDayCalendar.UkDate(occurred);
        if (step.Meeting is { } meeting) { await ArrangeMeetingAsync(db, meeting, clock, observers, ids, partnershipId, $"{where}.meeting", ct); return; }
        if (step.Acknowledge is { } acknowledge) { await AcknowledgeAsync(db, acknowledge, clock, observers, ids, partnershipId, $"{where}.acknowledge", ct); return; }
        if (step.Involvement is { } involvement) { await AddInvolvementAsync(record, partnershipId, involvement, day, ids, $"{where}.involvement", ct); await EvaluateAsync(db, engine, children, ct); return; }
        if (step.Relationship is { } relationship) { await AddRelationshipAsync(record, partnershipId, relationship, ids, $"{where}.relationship", ct); return; }
        if (step.Address is { } address) { await AddAddressAsync(record, partnershipId, address with { From = address.From ?? day }, ids, $"{where}.address", ct); await EvaluateAsync(db, engine, children, ct); return; }
        if (step.Member is { } member)
        {
            Must(await record.AddHouseholdMemberAsync(partnershipId, Id(ids, member.Household, $"{where}.member.household"), new MemberInput(Id(ids, member.Person, $"{where}.member.person"), day), ct), $"{where}.member");
            await EvaluateAsync(db, engine, children, ct);
            return;
        }
        if (step.EndInvolvement is { } end)
        {
            Must(await record.EndInvolvementAsync(partnershipId, Id(ids, end, $"{where}.endInvolvement"), day, ct), $"{where}.endInvolvement");
            await EvaluateAsync(db, engine, children, ct);
            return;
        }

        var details = step.Details is { } json ? Substitute(json, ids, $"{where}.details") : default;
        var input = new EntryInput
        {
            Kind = step.Kind,
            Details = details,
            Narrative = step.Narrative,
            OccurredAt = occurred,
            OccurredPrecision = precision,
            RecordedByProfessionalId = step.By is null ? null : Id(ids, step.By, $"{where}.by"),
            Subjects = [.. step.About.Select((a, i) => Id(ids, a, $"{where}.about[{i}]"))],
            Source = step.Source ?? Source.SeenByRecorder,
            SourceName = step.SourceName,
            Significance = step.Significance ?? Significance.Routine,
            SharingLevel = step.Sharing ?? SharingLevel.Team,
        };
        var chronology = new ChronologyService(db, clock, observers);
        var outcome = step.Corrects is { } corrects
            ? await chronology.CorrectAsync(partnershipId, Id(ids, corrects, $"{where}.corrects"), new CorrectionInput { Entry = input, Reason = step.Reason }, ct)
            : await chronology.RecordAsync(partnershipId, input, ct);
        var entry = Must(outcome, where);
        if (step.Key is not null) Remember(ids, step.Key, entry.Id, $"{where}.key");
    }

    /// <summary>A meeting arranged through the meeting service, as a user arranges one: its invitations, and the entry that records it.</summary>
    private static async Task ArrangeMeetingAsync(ChronicleDb db, ScenarioMeeting m, SimulatedClock clock, IReadOnlyList<IChronologyObserver> observers,
        Dictionary<string, Guid> ids, Guid partnershipId, string where, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).Select(a => a.Id).ToListAsync(ct);
        var input = new ScheduleMeetingInput
        {
            ChildId = Id(ids, m.Child, $"{where}.child"),
            Type = m.Type,
            ScheduledFor = ParseAt(m.ScheduledFor, $"{where}.scheduledFor").Instant,
            OrganiserProfessionalId = Id(ids, m.Organiser, $"{where}.organiser"),
            ChairProfessionalId = m.Chair is null ? null : Id(ids, m.Chair, $"{where}.chair"),
            Invitees = [.. m.Invitees.Select((key, i) => Id(ids, key, $"{where}.invitees[{i}]") is var id && agencies.Contains(id) ? new InviteeInput(AgencyId: id) : new InviteeInput(ProfessionalId: id))],
        };
        var meeting = Must(await new MeetingService(db, new ChronologyService(db, clock, observers), clock).ScheduleAsync(partnershipId, input, ct), where);
        if (m.Key is not null) Remember(ids, m.Key, meeting.Id, $"{where}.key");
    }

    /// <summary>
    /// Each professional acknowledges what was shared with them of the entry, through the sharing service as in their
    /// inbox; without <see cref="ScenarioAcknowledgement.By"/>, every recipient asked to acknowledge it who has not yet.
    /// </summary>
    private static async Task AcknowledgeAsync(ChronicleDb db, ScenarioAcknowledgement a, SimulatedClock clock, IReadOnlyList<IChronologyObserver> observers,
        Dictionary<string, Guid> ids, Guid partnershipId, string where, CancellationToken ct)
    {
        var entryId = Id(ids, a.Entry, $"{where}.entry");
        var sharing = new SharingService(db, new ChronologyService(db, clock, observers), clock, WorkingDayCalendar.EnglandAndWales);
        if (a.By.Count == 0)
        {
            var shares = await db.Notifications.AsNoTracking().Where(n => n.EntryId == entryId && n.Kind == NotificationKind.EntryShared)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => new { n.Id, n.RecipientProfessionalId, Awaits = n.NeedsAcknowledgement && n.AcknowledgedAt == null }).ToListAsync(ct);
            if (shares.Count == 0) throw new ScenarioException($"{where}.entry: nothing of '{a.Entry}' was shared");
            foreach (var n in shares.Where(n => n.Awaits)) Must(await sharing.AcknowledgeAsync(partnershipId, n.Id, n.RecipientProfessionalId, ct), where);
            return;
        }
        foreach (var (key, i) in a.By.Select((k, i) => (k, i)))
        {
            var professional = Id(ids, key, $"{where}.by[{i}]");
            var shared = await db.Notifications.AsNoTracking()
                .Where(n => n.EntryId == entryId && n.RecipientProfessionalId == professional && n.Kind == NotificationKind.EntryShared).Select(n => n.Id).ToListAsync(ct);
            if (shared.Count == 0) throw new ScenarioException($"{where}.by[{i}]: nothing of '{a.Entry}' was shared with '{key}'");
            foreach (var id in shared) Must(await sharing.AcknowledgeAsync(partnershipId, id, professional, ct), $"{where}.by[{i}]");
        }
    }

    /// <summary>A change to the record that is not an entry still changes what safeguards see.</summary>
    private static Task EvaluateAsync(ChronicleDb db, SafeguardEngine engine, List<Guid> children, CancellationToken ct) =>
        engine.EvaluateChildrenAsync(db, children, ct);

    private static async Task AddRelationshipAsync(RecordService record, Guid partnershipId, ScenarioRelationship r, Dictionary<string, Guid> ids, string where, CancellationToken ct) =>
        Must(await record.AddRelationshipAsync(partnershipId, new RelationshipInput(Id(ids, r.Person, $"{where}.person"), r.Kind, Id(ids, r.Of, $"{where}.of"), r.Description, r.ParentalResponsibility), ct), where);

    private static async Task AddAddressAsync(RecordService record, Guid partnershipId, ScenarioAddress a, Dictionary<string, Guid> ids, string where, CancellationToken ct) =>
        Must(await record.ReportAddressAsync(partnershipId, new AddressInput(Id(ids, a.Person, $"{where}.person"), a.Address, Id(ids, a.Agency, $"{where}.agency"), a.Postcode, a.LocalAuthority, a.From, a.To), ct), where);

    private static async Task AddInvolvementAsync(RecordService record, Guid partnershipId, ScenarioInvolvement v, DateOnly? defaultFrom, Dictionary<string, Guid> ids, string where, CancellationToken ct)
    {
        var from = v.From ?? defaultFrom ?? throw new ScenarioException($"{where}.from: an involvement set up before the timeline needs a start date");
        var involvement = Must(await record.AddInvolvementAsync(partnershipId, new InvolvementInput(
            Id(ids, v.Person, $"{where}.person"), Id(ids, v.Agency, $"{where}.agency"), v.Role, from,
            v.Professional is null ? null : Id(ids, v.Professional, $"{where}.professional"), v.Lead, v.To), ct), where);
        if (v.Key is not null) Remember(ids, v.Key, involvement.Id, $"{where}.key");
    }

    private static ExpectationResult Check(ScenarioExpectation x, int index, IReadOnlyList<ReplayAlert> alerts, Dictionary<string, Guid> ids)
    {
        Guid? subject = x.Subject is null ? null : Id(ids, x.Subject, $"expectations[{index}].subject");
        var matching = alerts.Where(a => (x.Safeguard == "*" || a.Safeguard == x.Safeguard) && (subject is null || a.SubjectId == subject)).ToList();
        var who = x.Subject is null ? "" : $" for {x.Subject}";
        if (x.NotRaised)
            return matching.Count == 0
                ? new(x, true, $"{x.Safeguard} not raised{who}, as expected")
                : new(x, false, $"{x.Safeguard} raised{who} but must not be: {string.Join("; ", matching.Select(a => $"{a.Safeguard} on {Day(a.RaisedAt)}: {a.Summary}"))}");
        if (matching.Count == 0) return new(x, false, $"{x.Safeguard} was never raised{who}");
        var days = matching.Select(a => WorkingDayCalendar.UkDate(a.RaisedAt)).ToList();
        if (x.On is { } on)
            return days.Contains(on)
                ? new(x, true, $"{x.Safeguard} raised{who} on {on:yyyy-MM-dd}")
                : new(x, false, $"{x.Safeguard} expected{who} on {on:yyyy-MM-dd} but raised on {string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
        if (x.By is { } by)
            return days.Exists(d => d <= by)
                ? new(x, true, $"{x.Safeguard} raised{who} on {days.Min():yyyy-MM-dd}, by {by:yyyy-MM-dd}")
                : new(x, false, $"{x.Safeguard} expected{who} by {by:yyyy-MM-dd} but first raised on {days.Min():yyyy-MM-dd}");
        return new(x, true, $"{x.Safeguard} raised{who} on {days.Min():yyyy-MM-dd}");
    }

    private static string Day(DateTimeOffset t) => WorkingDayCalendar.UkDate(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Replaces every "@key" string in the details with the id the key names.</summary>
    private static JsonElement Substitute(JsonElement json, Dictionary<string, Guid> ids, string where)
    {
        var node = JsonNode.Parse(json.GetRawText());
        if (Replacement(node, ids, where) is { } whole) return JsonSerializer.SerializeToElement(whole);
        Walk(node, ids, where);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Walk(JsonNode? node, Dictionary<string, Guid> ids, string path)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                if (Replacement(obj[name], ids, $"{path}.{name}") is { } id) obj[name] = id;
                else Walk(obj[name], ids, $"{path}.{name}");
            }
        }
        else if (node is JsonArray arr)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                if (Replacement(arr[i], ids, $"{path}[{i}]") is { } id) arr[i] = id;
                else Walk(arr[i], ids, $"{path}[{i}]");
            }
        }
    }

    private static JsonValue? Replacement(JsonNode? node, Dictionary<string, Guid> ids, string path) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && s.StartsWith('@') ? JsonValue.Create(Id(ids, s[1..], path).ToString()) : null;

    /// <summary>The moment a scenario's time names: a day (09:00 UK time), a UK local time, or a time with an offset.</summary>
    public static DateTimeOffset MomentOf(string at, string where) => ParseAt(at, where).Instant;

    private static (DateTimeOffset Instant, DatePrecision Precision) ParseAt(string at, string where)
    {
        if (DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (Uk(day.ToDateTime(DefaultTime)), DatePrecision.Day);
        if (DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return (Uk(local), DatePrecision.Exact);
        if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && at.Contains('T'))
            return (instant, DatePrecision.Exact);
        throw new ScenarioException($"{where}: '{at}' is not a date (2015-01-16) or a UK time (2015-01-16T14:30)");
    }

    private static DateTimeOffset Uk(DateTime local) => new(local, WorkingDayCalendar.UkTime.GetUtcOffset(local));

    private static Guid Id(Dictionary<string, Guid> ids, string key, string where) =>
        ids.TryGetValue(key.TrimStart('@'), out var id) ? id : throw new ScenarioException($"{where}: '{key}' names nothing declared before it");

    private static void Remember(Dictionary<string, Guid> ids, string key, Guid id, string where)
    {
        if (!ids.TryAdd(key, id)) throw new ScenarioException($"{where}: the key '{key}' is used twice");
    }

    /// <summary>The story's serious incidents, their rapid reviews and the review that followed, through the learning cycle's service at the story's end.</summary>
    private static async Task PlayIncidentsAsync(ChronicleDb db, Scenario s, SimulatedClock clock, Dictionary<string, Guid> ids, Guid partnershipId, CancellationToken ct)
    {
        var learning = new Learning.LearningService(db, clock);
        foreach (var (incident, i) in s.Incidents.Select((x, i) => (x, i)))
        {
            var where = $"incidents[{i}]";
            var children = incident.Children.Select((c, j) => Id(ids, c, $"{where}.children[{j}]")).ToList();
            var recorded = Must(await learning.RecordIncidentAsync(partnershipId, new Learning.IncidentInput(incident.Title, incident.Summary, incident.AwareOn, children), ct), where);
            if (incident.NotifiedOn is { } notified) Must(await learning.RecordNotificationAsync(partnershipId, recorded.Id, notified, ct), $"{where}.notifiedOn");
            if (incident.RapidReview is { } rapid)
                Must(await learning.RecordRapidReviewAsync(partnershipId, recorded.Id, new Learning.RapidReviewInput(rapid.CompletedOn, rapid.Decision, rapid.Rationale, rapid.DecidedOn), ct), $"{where}.rapidReview");
            if (incident.Review is not { } r) continue;
            var review = Must(await learning.CreateReviewAsync(partnershipId, new Learning.ReviewInput
            {
                IncidentId = recorded.Id, Title = r.Title, Type = r.Type, LeadReviewer = r.LeadReviewer, AgenciesScrutinised = r.AgenciesScrutinised,
                Summary = incident.Summary, Focus = r.Focus, DecidedOn = r.DecidedOn ?? recorded.DecidedOn,
            }, ct), $"{where}.review");
            foreach (var (lesson, j) in r.Lessons.Select((x, j) => (x, j)))
            {
                var item = Must(await learning.AddItemAsync(partnershipId, review.Id, new Learning.ItemInput(Learning.ReviewItemType.Lesson, lesson.Text, lesson.Number), ct), $"{where}.review.lessons[{j}]");
                if (lesson.Safeguards.Count > 0) Must(await learning.LinkSafeguardsAsync(partnershipId, item.Id, lesson.Safeguards, ct), $"{where}.review.lessons[{j}].safeguards");
            }
            foreach (var (action, j) in r.Actions.Select((x, j) => (x, j)))
            {
                var at = $"{where}.review.actions[{j}]";
                var added = Must(await learning.AddActionAsync(partnershipId, review.Id,
                    new Learning.ActionInput(action.Description, null, action.Owner, action.Deadline, action.ExpectedImpact, action.HowWeWillKnow), ct), at);
                foreach (var (evidence, k) in action.Evidence.Select((x, k) => (x, k)))
                    Must(await learning.AddEvidenceAsync(partnershipId, added.Id, new Learning.EvidenceInput(evidence.Kind, evidence.Summary, evidence.RecordedOn), ct), $"{at}.evidence[{k}]");
                if (action.Status != Learning.ActionStatus.NotStarted) Must(await learning.SetActionStatusAsync(partnershipId, added.Id, action.Status, action.DoneOn, ct), $"{at}.status");
            }
        }
    }

    private static T Must<T>(Validation.Outcome<T> outcome, string where) =>
        outcome.Succeeded ? outcome.Value! : throw new ScenarioException($"{where}: {string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
}
