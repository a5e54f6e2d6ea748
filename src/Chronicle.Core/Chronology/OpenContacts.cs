using Chronicle.Core.Casework;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Chronology;

/// <summary>
/// A contact or referral still with the front door, once for each person it is about: waiting for the front door's
/// decision, or decided and taken further in children's social care but waiting for allocation (no one of children's
/// social care holds the case yet: <see cref="Casework.Allocation"/>). A fact kept with every write that changes it
/// (<see cref="OpenContacts.RefreshAsync"/>: a contact, a decision, a case's closure or a correction of any of them; an
/// involvement; a change to the team around the child), so that the front door's work and its access read what is
/// open through an index, not every contact of the partnership.
/// </summary>
public sealed class OpenContact
{
    public Guid ContactEntryId { get; set; }
    public Guid PersonId { get; set; }
    public Guid PartnershipId { get; set; }
    /// <summary>When the contact was made (its entry's <see cref="ChronologyEntry.When"/>): the longest waiting come first.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>
    /// When the front door decided to take the contact further, for a contact waiting for allocation; null while it waits
    /// for the decision.
    /// </summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public bool WaitsForAllocation => DecidedAt is not null;
}

/// <summary>
/// What ends a wait for allocation, besides the decisions themselves: the times children's social care workers held
/// each child's case, the agencies of children's social care (whose closure of a case ends the wait) and the adults on
/// record (only a child's case is allocated: a contact about an adult leaves the front door with its decision).
/// </summary>
public sealed record AllocationFacts(ILookup<Guid, CaseHolding> Holdings, IReadOnlySet<Guid> SocialCareAgencies, IReadOnlySet<Guid> Adults)
{
    public static readonly AllocationFacts None = new(Array.Empty<CaseHolding>().ToLookup(h => h.ChildId), new HashSet<Guid>(), new HashSet<Guid>());

    /// <summary>The facts about these people (everyone on record when none are given), read from the database.</summary>
    public static async Task<AllocationFacts> ReadAsync(ChronicleDb db, IReadOnlyCollection<Guid>? people, CancellationToken ct)
    {
        var holdings = await Allocation.HoldingsAsync(db, people, ct);
        var socialCare = (await db.Agencies.AsNoTracking().Where(a => a.Kind == AgencyKind.ChildrensSocialCare).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var adults = db.People.AsNoTracking().Where(p => p.Kind == PersonKind.Adult);
        if (people is not null) adults = adults.Where(p => people.Contains(p.Id));
        return new AllocationFacts(holdings.ToLookup(h => h.ChildId), socialCare, (await adults.Select(p => p.Id).ToListAsync(ct)).ToHashSet());
    }
}

/// <summary>
/// Which contacts are open: of the current entries about a person (corrections applied: an entry that has been
/// corrected counts no more, whatever its correction became), the contacts with no decision on them, and those whose
/// latest decision takes them further in children's social care while no one there holds the child's case since that
/// decision and the case has not been closed since. A decision names the contact it decides; one that names none, or
/// names an entry that is none of the person's current contacts (the information shared that a decision was asked
/// for), answers every contact about the person made before it or at its time.
/// </summary>
public static class OpenContacts
{
    /// <summary>Whether an entry of this kind can open or close a contact.</summary>
    public static bool Concerns(string kind) =>
        kind == EntryKinds.Contact.Code || kind == EntryKinds.ContactDecision.Code || kind == EntryKinds.CaseClosure.Code;

    /// <summary>
    /// Of one person's current contacts, decisions and closures, the contacts still with the front door: each with the
    /// moment it was decided to take it further, when it waits for allocation, or null when it waits for a decision.
    /// </summary>
    public static IEnumerable<(CaseEntry Contact, DateTimeOffset? DecidedAt)> Among(Guid personId, IReadOnlyList<CaseEntry> aboutPerson, AllocationFacts allocation)
    {
        var decisions = aboutPerson.Where(e => e.Details is ContactDecision).OrderBy(e => e.When).ThenBy(e => e.Id).ToList();
        var contacts = aboutPerson.Where(e => e.Details is ContactReceived).ToList();
        var ids = contacts.Select(c => c.Id).ToHashSet();
        foreach (var contact in contacts)
        {
            // A decision naming what is not one of the person's contacts (the information shared with the front door, which
            // opened a contact of its own at the moment it was shared) answers them as one naming none does.
            var latest = decisions.LastOrDefault(d =>
                d.As<ContactDecision>()!.ContactEntryId is { } decided && ids.Contains(decided) ? decided == contact.Id : d.When >= contact.When);
            if (latest is null) yield return (contact, null);
            else if (WaitsForAllocation(personId, latest, aboutPerson, allocation)) yield return (contact, latest.When);
        }
    }

    /// <summary>
    /// Whether a decision leaves its child waiting for allocation: it takes the contact further, allocates no one, no one
    /// who may hold the case has held it on or after the day of the decision, and no closure of the case by children's
    /// social care has come since.
    /// </summary>
    private static bool WaitsForAllocation(Guid personId, CaseEntry decision, IReadOnlyList<CaseEntry> aboutPerson, AllocationFacts allocation)
    {
        var decided = decision.As<ContactDecision>()!;
        if (!decided.TakesFurther || decided.AllocatedToProfessionalId is not null || allocation.Adults.Contains(personId)) return false;
        var day = WorkingDayCalendar.UkDate(decision.When);
        if (allocation.Holdings[personId].Any(h => h.OnOrAfter(day))) return false;
        return !aboutPerson.Any(e => e.When >= decision.When && e.Details is CaseClosure { Stage: ClosureStage.Closed } closure
            && (closure.AgencyId is not { } agency || allocation.SocialCareAgencies.Contains(agency)));
    }

    /// <summary>
    /// The open contacts among these entries, a row for each person each is about: the entries of whole families (any
    /// kind: the corrections among them are applied first), or every current contact, decision and closure about some people.
    /// A person merged into another (<paramref name="records"/>: each merged person's survivor) has no row of their own:
    /// their contacts are the survivor's, read with the survivor's as one record.
    /// </summary>
    public static List<OpenContact> RowsFor(IEnumerable<CaseEntry> entries, AllocationFacts allocation, IReadOnlyDictionary<Guid, Guid>? records = null)
    {
        var list = entries.ToList();
        var superseded = list.Where(e => e.Entry.SupersedesEntryId is not null).Select(e => e.Entry.SupersedesEntryId!.Value).ToHashSet();
        return [.. list.Where(e => Concerns(e.Entry.Kind) && !superseded.Contains(e.Id))
            .SelectMany(e => e.Entry.Subjects.Select(s => (PersonId: records?.GetValueOrDefault(s.PersonId, s.PersonId) ?? s.PersonId, Entry: e)))
            .GroupBy(x => x.PersonId, x => x.Entry)
            .SelectMany(g => Among(g.Key, [.. g.Distinct()], allocation).Select(c => new OpenContact
            {
                ContactEntryId = c.Contact.Id, PersonId = g.Key, PartnershipId = c.Contact.Entry.PartnershipId, ReceivedAt = c.Contact.When, DecidedAt = c.DecidedAt,
            }))];
    }

    /// <summary>
    /// Works out again the open contacts of these people from their current contacts, decisions and closures and who
    /// holds their cases, and keeps them, in the caller's transaction, after the write that changed them is saved. A
    /// merge joins records: the people merged into one survivor are worked out together, as the survivor's
    /// (<see cref="RecordsAsync"/>), so a merge or an unmerge refreshes both its people. On PostgreSQL the people's rows
    /// are locked first, so that two writes about one person at once keep the second's answer, worked out after the first's.
    /// </summary>
    public static async Task RefreshAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        if (people.Count == 0) return;
        var records = await RecordsAsync(db, people, ct);
        var ids = people.Concat(records.Keys).Concat(records.Values).Distinct().Order().ToArray();
        if (!db.IsSqlite) await db.Database.ExecuteSqlAsync($"SELECT 1 FROM people WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE", ct);
        var entries = await CurrentAsync(db, db.Entries.Where(e => e.Subjects.Any(s => ids.Contains(s.PersonId))), ct);
        var rows = RowsFor(entries, Joined(await AllocationFacts.ReadAsync(db, ids, ct), records), records).Where(r => ids.Contains(r.PersonId)).ToList();
        await db.OpenContacts.Where(o => ids.Contains(o.PersonId)).ExecuteDeleteAsync(ct);
        Forget(db, o => ids.Contains(o.PersonId));
        db.OpenContacts.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The records these people belong to, through the merges still in force: every person merged into any of them, or
    /// into whatever they were merged into, with the survivor that stands for them (the last of a chain of merges).
    /// </summary>
    private static async Task<Dictionary<Guid, Guid>> RecordsAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var survivorOf = new Dictionary<Guid, Guid>();
        var seen = people.ToHashSet();
        var asking = seen.ToList();
        while (asking.Count > 0)
        {
            var merges = await db.Set<Identity.PersonMerge>().AsNoTracking()
                .Where(m => m.UnmergedAt == null && (asking.Contains(m.MergedPersonId) || asking.Contains(m.SurvivorPersonId)))
                .Select(m => new { m.MergedPersonId, m.SurvivorPersonId }).ToListAsync(ct);
            foreach (var m in merges) survivorOf[m.MergedPersonId] = m.SurvivorPersonId;
            asking = [.. merges.SelectMany(m => new[] { m.MergedPersonId, m.SurvivorPersonId }).Where(seen.Add)];
        }
        return survivorOf.Keys.ToDictionary(p => p, p => Last(p, survivorOf));
    }

    private static Guid Last(Guid person, IReadOnlyDictionary<Guid, Guid> survivorOf)
    {
        for (var hops = 0; hops < survivorOf.Count && survivorOf.TryGetValue(person, out var next); hops++) person = next;
        return person;
    }

    /// <summary>Rows an earlier refresh in the same context left tracked, deleted since: the rows written again take their keys.</summary>
    private static void Forget(ChronicleDb db, Func<OpenContact, bool> which)
    {
        foreach (var tracked in db.ChangeTracker.Entries<OpenContact>().Where(e => which(e.Entity)).ToList()) tracked.State = EntityState.Detached;
    }

    /// <summary>The allocation facts with each merged person's holdings the survivor's.</summary>
    private static AllocationFacts Joined(AllocationFacts facts, IReadOnlyDictionary<Guid, Guid> records) =>
        records.Count == 0 ? facts : facts with
        {
            Holdings = facts.Holdings.SelectMany(h => h).Select(h => h with { ChildId = records.GetValueOrDefault(h.ChildId, h.ChildId) }).ToLookup(h => h.ChildId),
            Adults = facts.Adults.Select(a => records.GetValueOrDefault(a, a)).ToHashSet(),
        };

    /// <summary>
    /// Every database's open contacts written again from the record as it stands: when the contacts waiting for
    /// allocation join those waiting for a decision (schema 0023), and when a merged person's contacts became the
    /// survivor's (0025).
    /// </summary>
    public static async Task BackfillAsync(ChronicleDb db, CancellationToken ct = default)
    {
        await db.OpenContacts.ExecuteDeleteAsync(ct);
        Forget(db, _ => true);
        var survivorOf = await db.Set<Identity.PersonMerge>().AsNoTracking().Where(m => m.UnmergedAt == null)
            .ToDictionaryAsync(m => m.MergedPersonId, m => m.SurvivorPersonId, ct);
        var records = survivorOf.Keys.ToDictionary(p => p, p => Last(p, survivorOf));
        db.OpenContacts.AddRange(RowsFor(await CurrentAsync(db, db.Entries, ct), Joined(await AllocationFacts.ReadAsync(db, null, ct), records), records));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The contacts, decisions and closures among these entries that no entry corrects, with their subjects and details.</summary>
    private static async Task<List<CaseEntry>> CurrentAsync(ChronicleDb db, IQueryable<ChronologyEntry> among, CancellationToken ct) =>
        [.. (await among.AsNoTracking().Include(e => e.Subjects)
                .Where(e => (e.Kind == EntryKinds.Contact.Code || e.Kind == EntryKinds.ContactDecision.Code || e.Kind == EntryKinds.CaseClosure.Code)
                            && !db.Entries.Any(x => x.SupersedesEntryId == e.Id))
                .ToListAsync(ct))
            .Select(e => new CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)))];
}
