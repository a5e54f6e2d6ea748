using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// Runs the safeguards over a child's record whenever an entry touching the child is written, and over every
/// child on the clock. A newly found cause raises an alert, once ever; an open alert whose cause is no longer
/// found is resolved, because what it asked for has been recorded.
/// </summary>
public sealed class SafeguardEngine(IReadOnlyList<ISafeguard> safeguards, WorkingDayCalendar calendar, TimeProvider clock) : IBatchedObserver
{
    public SafeguardEngine(TimeProvider clock) : this(SafeguardCatalogue.All, WorkingDayCalendar.EnglandAndWales, clock) { }

    public IReadOnlyList<ISafeguard> Safeguards => safeguards;

    /// <summary>
    /// The entries this engine has read for case files, kept for the next: an engine serves one database, as its
    /// cache must.
    /// </summary>
    public CaseEntryCache EntryCache { get; } = new();

    /// <summary>The calendar the engine counts working days with.</summary>
    public WorkingDayCalendar Calendar => calendar;

    public Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct) =>
        OnRecordedAsync(db, [entry], ct);

    /// <summary>
    /// Evaluates each child these entries concern once: a write's entry and the shares its sharing recorded, after
    /// them, are evaluated together, and the evaluation sees them all.
    /// </summary>
    public async Task OnRecordedAsync(ChronicleDb db, IReadOnlyList<ChronologyEntry> entries, CancellationToken ct)
    {
        var children = await Family.ChildrenConcernedAsync(db, [.. entries.SelectMany(e => e.Subjects).Select(s => s.PersonId).Distinct()], ct);
        if (children.Count == 0 || safeguards.Count == 0) return;
        // The partnership's settings are read once for the write, not once for each child it concerns.
        var policy = await PolicyAsync(db, entries[0].PartnershipId, ct);
        await EvaluateChildrenAsync(db, [.. children], policy, ct);
    }

    /// <summary>
    /// Evaluates these children now under the partnership's settings already read (null: read with the first file),
    /// their case files read together (a family's entries once for all its children) and evaluated together (their next
    /// checks, alerts and leavers read once, and saved once); returns how many alerts were raised.
    /// </summary>
    private async Task<int> EvaluateChildrenAsync(ChronicleDb db, IReadOnlyList<Guid> children, PolicySettings? policy, CancellationToken ct)
    {
        if (safeguards.Count == 0 || children.Count == 0) return 0;
        var files = await CaseFileLoader.LoadManyAsync(db, children, clock.GetUtcNow(), EntryCache, ct);
        return await EvaluateAsync(db, [.. children.Where(files.ContainsKey).Select(c => files[c])], policy, retried: false, ct);
    }

    /// <summary>How many children a pass of the clock's sweep evaluated, and how many alerts it raised.</summary>
    public sealed record SweepCounts(int Evaluated, int Raised);

    /// <summary>Children read at a time by the sweep.</summary>
    public const int SweepBatch = 500;

    /// <summary>Children whose case files the sweep reads together, then evaluates one by one.</summary>
    private const int SweepReadTogether = 50;

    /// <summary>
    /// The clock's sweep: evaluates the children of the partnership whose next check has come (or who have none), a
    /// batch at a time in id order, so its work follows the children due rather than the size of the partnership.
    /// </summary>
    public async Task<SweepCounts> SweepAsync(ChronicleDb db, Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        int evaluated = 0, raised = 0;
        Guid? after = null;
        // The partnership's settings as the sweep starts, read once for every child it evaluates.
        PolicySettings? policy = null;
        while (true)
        {
            var batch = await DueAsync(db, partnershipId, now, after, SweepBatch, ct);
            if (batch.Count > 0 && safeguards.Count > 0) policy ??= await PolicyAsync(db, partnershipId, ct);
            foreach (var children in batch.Chunk(SweepReadTogether)) raised += await EvaluateChildrenAsync(db, children, policy, ct);
            evaluated += batch.Count;
            if (batch.Count < SweepBatch) return new SweepCounts(evaluated, raised);
            after = batch[^1];
        }
    }

    /// <summary>
    /// The children of a partnership due an evaluation at <paramref name="now"/>, after <paramref name="after"/> in id
    /// order: those with no next check, and those whose next check has come.
    /// </summary>
    public static Task<List<Guid>> DueAsync(ChronicleDb db, Guid partnershipId, DateTimeOffset now, Guid? after, int limit, CancellationToken ct = default)
    {
        var children = db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult);
        if (after is { } last) children = children.Where(p => p.Id.CompareTo(last) > 0);
        return children
            .Where(p => !db.NextChecks.Any(c => c.ChildId == p.Id && (c.NextAt == null || c.NextAt > now)))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>Evaluates one child now; returns how many alerts were raised.</summary>
    public Task<int> EvaluateChildAsync(ChronicleDb db, Guid childId, CancellationToken ct = default) =>
        EvaluateChildrenAsync(db, [childId], null, ct);

    /// <summary>Evaluates these children now, their case files read together; returns how many alerts were raised.</summary>
    public Task<int> EvaluateChildrenAsync(ChronicleDb db, IReadOnlyList<Guid> children, CancellationToken ct = default) =>
        EvaluateChildrenAsync(db, children, null, ct);

    /// <summary>
    /// Evaluates a case file already in hand, which must hold everything recorded about the child up to now: a
    /// caller that performs every write itself (scenario replay) keeps case files between sweeps.
    /// </summary>
    public Task<int> EvaluateAsync(ChronicleDb db, CaseFile file, PolicySettings? policy, CancellationToken ct = default) =>
        EvaluateAsync(db, [file], policy, retried: false, ct);

    /// <summary>
    /// Evaluates case files in hand together, each under its partnership's settings (<paramref name="policy"/> for all
    /// when given): each child's next check and alerts, read for all of them at once, then what is raised and resolved
    /// saved in one save; returns how many alerts were raised.
    /// </summary>
    private async Task<int> EvaluateAsync(ChronicleDb db, IReadOnlyList<CaseFile> files, PolicySettings? policy, bool retried, CancellationToken ct)
    {
        if (safeguards.Count == 0 || files.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var policies = new Dictionary<Guid, PolicySettings>();
        foreach (var partnershipId in files.Select(f => f.Child.PartnershipId).Distinct())
            policies[partnershipId] = policy ?? await PolicyAsync(db, partnershipId, ct);
        var ids = files.Select(f => f.Child.Id).ToList();
        var checks = await db.NextChecks.Where(c => ids.Contains(c.ChildId)).ToDictionaryAsync(c => c.ChildId, ct);
        var alerts = (await db.Alerts.Where(a => ids.Contains(a.SubjectPersonId)).ToListAsync(ct)).ToLookup(a => a.SubjectPersonId);

        var evaluated = new List<(CaseFile File, IReadOnlyDictionary<(string SafeguardId, string CauseKey), (ISafeguard Safeguard, Finding Finding)> Found, List<Alert> Existing, List<(string SafeguardId, string CauseKey, ISafeguard Safeguard, Finding Finding)> Fresh)>();
        foreach (var file in files)
        {
            var childId = file.Child.Id;
            var context = new SafeguardContext(now, calendar, policies[file.Child.PartnershipId]);
            var found = Find(file, context);
            // At least once a week whatever the safeguards say: a change the next check does not follow (a record two steps
            // from the child, an evaluation that raced another) reaches the child's alerts within a week at the latest.
            var next = NextChange(file, context) is { } at && at < now + RecheckWithin ? at : now + RecheckWithin;
            if (checks.GetValueOrDefault(childId) is { } check) check.NextAt = next;
            else db.NextChecks.Add(new NextCheck { ChildId = childId, PartnershipId = file.Child.PartnershipId, NextAt = next });
            var existing = alerts[childId].ToList();
            var known = existing.Select(a => (a.SafeguardId, a.CauseKey)).ToHashSet();
            evaluated.Add((file, found, existing, [.. found.Where(f => !known.Contains(f.Key)).Select(f => (f.Key.SafeguardId, f.Key.CauseKey, f.Value.Safeguard, f.Value.Finding))]));
        }

        // The leavers among the candidate owners of every new alert, read once for all the children.
        var left = await ChildAccessReader.LeftAsync(db, [.. evaluated.SelectMany(e => Candidates(e.File, [.. e.Fresh.Select(f => f.Finding)], now)).Distinct()], ct);
        var raised = 0;
        foreach (var (file, found, existing, fresh) in evaluated)
        {
            var childId = file.Child.Id;
            var fallback = fresh.Count == 0 ? null : Owner(file, now);
            foreach (var (id, cause, safeguard, finding) in fresh)
            {
                var alert = new Alert
                {
                    Id = Guid.CreateVersion7(now),
                    PartnershipId = file.Child.PartnershipId,
                    SafeguardId = id,
                    SafeguardVersion = safeguard.Version,
                    SubjectPersonId = childId,
                    CauseKey = cause,
                    Severity = safeguard.Severity,
                    Summary = finding.Summary,
                    AskFor = finding.AskFor,
                    OwnerProfessionalId = OwnerOf(finding, fallback, left),
                    RaisedAt = now,
                    DueAt = finding.DueAt,
                    Status = AlertStatus.Open,
                    EvidenceEntryIds = string.Join(',', finding.Evidence),
                };
                db.Alerts.Add(alert);
                db.AlertEvents.Add(new AlertEvent { Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Raised, At = now });
                raised++;
            }
            foreach (var alert in existing.Where(a => a.IsOpen && found.ContainsKey((a.SafeguardId, a.CauseKey))))
                BringUpToDate(alert, found[(alert.SafeguardId, alert.CauseKey)].Finding, now, db);
            foreach (var alert in existing.Where(a => a.IsOpen && !found.ContainsKey((a.SafeguardId, a.CauseKey))))
            {
                alert.Status = AlertStatus.Resolved;
                alert.ClosedAt = now;
                db.AlertEvents.Add(new AlertEvent { Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Resolved, At = now, Reason = "What the alert asked for is now on record" });
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!retried)
        {
            // Another evaluation of one of these children (the clock's sweep, or a write at the same moment) raised the
            // same alert first, and the unique index on safeguard, child and cause refused this one. Nothing of this pass
            // was written: evaluate again against what is on record now, so the alert still exists exactly once.
            db.ChangeTracker.Clear();
            return await EvaluateAsync(db, files, policy, retried: true, ct);
        }
        db.ChangeTracker.Clear();
        return raised;
    }

    /// <summary>
    /// An open alert whose cause is still found, but whose finding now cites other entries (a later concern about the
    /// same other child, an entry corrected): its summary, what it asks and its evidence are the finding's now, and its
    /// history says so. Its owner and due time stay as promised. The evidence is compared as a set, so that a finding
    /// only re-read with time, citing what it cited, changes nothing.
    /// </summary>
    private static void BringUpToDate(Alert alert, Finding finding, DateTimeOffset now, ChronicleDb db)
    {
        var was = alert.Evidence.ToHashSet();
        if (was.SetEquals(finding.Evidence)) return;
        var added = finding.Evidence.Distinct().Count(e => !was.Contains(e));
        var gone = was.Count(e => !finding.Evidence.Contains(e));
        alert.Summary = finding.Summary;
        alert.AskFor = finding.AskFor;
        alert.EvidenceEntryIds = string.Join(',', finding.Evidence);
        db.AlertEvents.Add(new AlertEvent
        {
            Id = Guid.CreateVersion7(now), AlertId = alert.Id, Type = AlertEventType.Updated, At = now,
            Reason = string.Join("; ", new[]
            {
                added > 0 ? $"{Entries(added)} more on record about the same cause" : null,
                gone > 0 ? $"{Entries(gone)} it cited no longer part of what it found" : null,
            }.OfType<string>()),
        });
    }

    private static string Entries(int n) => n == 1 ? "1 entry" : $"{n} entries";

    /// <summary>
    /// What every safeguard finds in a case file at the context's moment that is an alert, the first finding for each
    /// safeguard and cause; reminders (steps under way within their time) are left out. Pure: nothing is read or
    /// written, so a sweep over case files in memory can run it on every core.
    /// </summary>
    public IReadOnlyDictionary<(string SafeguardId, string CauseKey), (ISafeguard Safeguard, Finding Finding)> Find(CaseFile file, SafeguardContext context)
    {
        Dictionary<(string, string), (ISafeguard Safeguard, Finding Finding)>? found = null;
        foreach (var safeguard in safeguards)
            foreach (var finding in safeguard.Evaluate(file, context))
                if (!finding.Reminder) (found ??= []).TryAdd((safeguard.Id, finding.CauseKey), (safeguard, finding));
        return found ?? NothingFound;
    }

    /// <summary>The longest a child goes without an evaluation, whatever their safeguards' next change.</summary>
    public static readonly TimeSpan RecheckWithin = TimeSpan.FromDays(7);

    /// <summary>
    /// The earliest moment after the context's that any safeguard's findings in the file could change with nothing new
    /// recorded, or null if time alone never changes them: when the clock must evaluate the child again.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        DateTimeOffset? next = null;
        foreach (var safeguard in safeguards)
            if (safeguard.NextChange(file, context) is { } at && (next is null || at < next)) next = at;
        return next;
    }

    /// <summary>Whose leaving decides the owners of these new alerts: the professionals their safeguards name, and <see cref="Owner"/>.</summary>
    private static IEnumerable<Guid> Candidates(CaseFile file, IReadOnlyList<Finding> raised, DateTimeOffset now) =>
        raised.Count == 0 ? [] : raised.Select(f => f.OwnerProfessionalId).Append(Owner(file, now)).OfType<Guid>();

    /// <summary>
    /// The owner of a new alert: the professional its safeguard names, else <see cref="Owner"/>'s (<paramref name="fallback"/>),
    /// whichever has not left (someone whose every account is disabled is given no work); none when both have, so the
    /// alert is in the trays of the managers and the front door who may see the child.
    /// </summary>
    private static Guid? OwnerOf(Finding finding, Guid? fallback, IReadOnlySet<Guid> left) =>
        new[] { finding.OwnerProfessionalId, fallback }.OfType<Guid>().Where(id => !left.Contains(id)).Cast<Guid?>().FirstOrDefault();

    /// <summary>
    /// Who owns an alert whose safeguard names no one: the child's lead professional, else the allocated social
    /// worker, else the front door worker who holds the child's case (<see cref="TimelinessFacts.FrontDoorWorker"/>:
    /// they may open the child while its contact waits, and their manager, who may too, is whom it escalates to), else
    /// the manager of the front door of the child's area (<see cref="TimelinessFacts.FrontDoorManager"/>).
    /// </summary>
    public static Guid? Owner(CaseFile file, DateTimeOffset now) =>
        (file.LeadProfessional(WorkingDayCalendar.UkDate(now)) ?? file.FrontDoorWorker() ?? file.FrontDoorManager())?.Id;

    /// <summary>The reminders in a case file at the context's moment: steps under way and due, for their owners' work, not alerts.</summary>
    public IReadOnlyList<(ISafeguard Safeguard, Finding Finding)> Reminders(CaseFile file, SafeguardContext context)
    {
        var reminders = new List<(ISafeguard, Finding)>();
        foreach (var safeguard in safeguards)
            foreach (var finding in safeguard.Evaluate(file, context))
                if (finding.Reminder) reminders.Add((safeguard, finding));
        return reminders;
    }

    private static readonly IReadOnlyDictionary<(string SafeguardId, string CauseKey), (ISafeguard Safeguard, Finding Finding)> NothingFound =
        new Dictionary<(string, string), (ISafeguard, Finding)>();

    public static async Task<PolicySettings> PolicyAsync(ChronicleDb db, Guid partnershipId, CancellationToken ct = default)
    {
        var changes = await db.PolicyChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct);
        return new PolicySettings(changes.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.OrderBy(c => c.ChangedAt).Last().NewValue));
    }
}
