using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>A child the signed-in user may see, why, and the facts that decided it.</summary>
public sealed record VisibleChild(Guid ChildId, AccessBasis Basis, ChildAccessFacts Facts);

/// <summary>
/// Who may see which child, person and entry, for the signed-in user: the one place that reads
/// <see cref="ChildAccessFacts"/> from the record and asks Core's <see cref="AccessPolicy"/>. Pages, endpoints and
/// authorisation handlers all come here, so a list, a search and a record answer the same question the same way.
/// The team is Core's team around the child (<see cref="ChildTeam"/>: involvements with the child, the adults the
/// child lives with and the parents, the lead, plus recorded additions less removals), read once per child per request,
/// and only for the children a question concerns: a child's page reads that child's facts, not the partnership's.
/// </summary>
public sealed class ChildAccess(ChronicleDb db, CurrentUser currentUser, TimeProvider clock)
{
    private readonly Dictionary<Guid, ChildAccessFacts?> _facts = [];
    private readonly HashSet<Guid> _writtenAbout = [];
    private readonly HashSet<Guid> _writtenFor = [];
    private readonly Dictionary<Guid, WithheldNames> _namesAround = [];

    /// <summary>The children this request's writes concerned, for the audit.</summary>
    public IReadOnlyCollection<Guid> WrittenAbout => _writtenAbout;

    /// <summary>
    /// The children this request's writes were about (their subjects: the children among them, or the children of
    /// the adults when they name no child), not every child they concerned: a replay is answered only while the
    /// caller still sees each of them.
    /// </summary>
    public IReadOnlyCollection<Guid> WrittenFor => _writtenFor;

    /// <summary>
    /// Every child the user may see, with the basis; nobody sees children without a role that works with them. Only
    /// the children the user could see are asked about (<see cref="CandidatesAsync"/>), each as its own page would ask.
    /// </summary>
    public async Task<IReadOnlyList<VisibleChild>> VisibleChildrenAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return [];
        return await VisibleAmongAsync(await CandidatesAsync(user, ownTeamsOnly: false, ct), ct);
    }

    /// <summary>
    /// The children whose team the user is in (<see cref="AccessBasis.Team"/>): those they work with, the lists of a
    /// work tray. Only the children the user's own involvements, team changes and records could put them in the team
    /// of are asked about, not those of the staff they manage or of the front door.
    /// </summary>
    public async Task<IReadOnlyList<VisibleChild>> TeamChildrenAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return [];
        return [.. (await VisibleAmongAsync(await CandidatesAsync(user, ownTeamsOnly: true, ct), ct)).Where(v => v.Basis == AccessBasis.Team)];
    }

    /// <summary>
    /// The children whose facts could give the user access (<see cref="AccessPolicy.ToChild"/>), read through indexes
    /// from the user's side: every child someone the user answers for (themselves, and for a team manager the
    /// professionals they manage) could be in the team of (a child they work with, a child of or living with an adult
    /// they work with, a child they were added to the team of, a child they put on record); for the front door and its manager, the
    /// children with a contact still to decide; and the children of the user's break-glass grants. More children than
    /// the user may see, never fewer: the policy then decides for each. With <paramref name="ownTeamsOnly"/>, only the
    /// children whose team the user themselves could be in.
    /// </summary>
    private async Task<IReadOnlyCollection<Guid>> CandidatesAsync(SignedInUser user, bool ownTeamsOnly, CancellationToken ct)
    {
        var partnershipId = user.Account.PartnershipId;
        var now = clock.GetUtcNow();
        var people = new HashSet<Guid>();
        if (user.Viewer.ProfessionalId is { } me)
        {
            List<Guid> professionals = [me];
            if (user.Viewer.Has(Role.TeamManager) && !ownTeamsOnly)
                professionals.AddRange(await db.Professionals.AsNoTracking().Where(p => p.ManagerId == me && p.PartnershipId == partnershipId).Select(p => p.Id).ToListAsync(ct));
            var workedWith = await db.Involvements.AsNoTracking()
                .Where(i => i.ProfessionalId != null && professionals.Contains(i.ProfessionalId.Value)).Select(i => i.PersonId).Distinct().ToListAsync(ct);
            people.UnionWith(workedWith);
            people.UnionWith(await db.Relationships.AsNoTracking().Where(r => workedWith.Contains(r.PersonId)).Select(r => r.RelatedPersonId).Distinct().ToListAsync(ct));
            people.UnionWith(await db.HouseholdMemberships.AsNoTracking()
                .Where(m => db.HouseholdMemberships.Any(o => o.HouseholdId == m.HouseholdId && workedWith.Contains(o.PersonId))).Select(m => m.PersonId).Distinct().ToListAsync(ct));
            people.UnionWith(await db.TeamChanges.AsNoTracking()
                .Where(c => c.ProfessionalId != null && professionals.Contains(c.ProfessionalId.Value)).Select(c => c.ChildPersonId).Distinct().ToListAsync(ct));
            people.UnionWith(await db.People.AsNoTracking()
                .Where(p => p.CreatedByProfessionalId != null && professionals.Contains(p.CreatedByProfessionalId.Value)).Select(p => p.Id).ToListAsync(ct));
            // The front door's and its manager's: the people with a contact still open, read through the index of what is open.
            if (user.Viewer.SeesOpenContacts && !ownTeamsOnly)
                people.UnionWith(await db.OpenContacts.AsNoTracking().Where(o => o.PartnershipId == partnershipId).Select(o => o.PersonId).Distinct().ToListAsync(ct));
        }
        if (!ownTeamsOnly)
            people.UnionWith((await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.Account.Id && g.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(g => g.IsActiveAt(now)).Select(g => g.ChildPersonId));
        return people;
    }

    /// <summary>The child, if it is a child in the user's partnership that the user may see; null otherwise (and then nothing may say whether it exists).</summary>
    public async Task<VisibleChild?> ChildAsync(Guid childId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return null;
        if (await FactsOfAsync(user, childId, ct) is not { } f) return null;
        var basis = AccessPolicy.ToChild(user.Viewer, f);
        return basis == AccessBasis.None ? null : new VisibleChild(childId, basis, f);
    }

    /// <summary>The facts about a child whatever the user's access (for the viewing history's own rule); null if no such child in the partnership.</summary>
    public async Task<ChildAccessFacts?> FactsAsync(Guid childId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null) return null;
        return await FactsOfAsync(user, childId, ct);
    }

    /// <summary>
    /// A visible child through whom the user may see this person: a child only through itself (a sibling the user may
    /// see opens nothing of another); an adult through a visible child related to or living with them. Null when there is none.
    /// </summary>
    public async Task<VisibleChild?> ThroughChildAsync(Guid personId, CancellationToken ct = default) =>
        await ThroughChildrenAsync(personId, ct) is [var first, ..] ? first : null;

    /// <summary>Every visible child through whom the user may see this person (the records a read or write of the person touches), by id.</summary>
    public async Task<IReadOnlyList<VisibleChild>> ThroughChildrenAsync(Guid personId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return [];
        var kind = await db.People.AsNoTracking().Where(p => p.Id == personId && p.PartnershipId == user.Account.PartnershipId)
            .Select(p => (PersonKind?)p.Kind).FirstOrDefaultAsync(ct);
        if (kind is null) return [];
        if (kind != PersonKind.Adult) return await ChildAsync(personId, ct) is { } itself ? [itself] : [];
        return [.. (await VisibleAmongAsync(await Family.ChildrenConcernedAsync(db, [personId], ct), ct)).OrderBy(v => v.ChildId)];
    }

    /// <summary>Whether the user may see a person: a child through itself; an adult through a child they may see, or because they recorded the adult.</summary>
    public async Task<bool> MaySeePersonAsync(Guid personId, CancellationToken ct = default) => (await MaySeePeopleAsync([personId], ct))[0];

    /// <summary>
    /// Whether the user may see each of these people (<see cref="MaySeePersonAsync"/>), by position, asked together;
    /// for an id that is nobody of the partnership, the same work as for someone hidden, so that the time taken does
    /// not tell them apart.
    /// </summary>
    private async Task<IReadOnlyList<bool>> MaySeePeopleAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return [.. ids.Select(_ => false)];
        var people = await db.People.AsNoTracking().Where(p => p.PartnershipId == user.Account.PartnershipId && ids.Contains(p.Id))
            .Select(p => new Person { Id = p.Id, Kind = p.Kind, CreatedByProfessionalId = p.CreatedByProfessionalId }).ToListAsync(ct);
        foreach (var nobody in ids.Where(id => !people.Exists(p => p.Id == id)).Distinct())
            await DecoyAsync(RecordKind.Person, nobody, ct);
        var seen = await MaySeeAsync(user, people, ct);
        return [.. ids.Select(seen.Contains)];
    }

    /// <summary>
    /// The people these entries name (as subjects or anywhere in their details) whom the user may not see: a reader
    /// of an entry is shown them only as "someone you do not have access to" (<see cref="Withholding"/>).
    /// </summary>
    public async Task<IReadOnlySet<Guid>> HiddenPeopleInAsync(IEnumerable<ChronologyEntry> entries, CancellationToken ct = default)
    {
        var named = entries.SelectMany(Withholding.IdsIn).ToHashSet();
        return await HiddenAmongAsync(named, ct);
    }

    /// <summary>Those of these ids that are people of the user's partnership whom the user may not see (ids of anything else are left out).</summary>
    public async Task<IReadOnlySet<Guid>> HiddenAmongAsync(IReadOnlyCollection<Guid> named, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || named.Count == 0) return Withholding.Nobody;
        var people = await db.People.AsNoTracking().Where(p => p.PartnershipId == user.Account.PartnershipId && named.Contains(p.Id))
            .Select(p => new Person { Id = p.Id, Kind = p.Kind, CreatedByProfessionalId = p.CreatedByProfessionalId }).ToListAsync(ct);
        var seen = await MaySeeAsync(user, people, ct);
        return people.Select(p => p.Id).Where(p => !seen.Contains(p)).ToHashSet();
    }

    /// <summary>
    /// Those of these people of the user's partnership whom the user may see, each as <see cref="MaySeePersonAsync"/>
    /// answers for them alone, asked together: a child through itself; an adult because the user recorded them, or
    /// through the children they concern (<see cref="Family.ChildrenConcernedByEachAsync"/>) that the user may see. A
    /// few queries for them all, whatever their number.
    /// </summary>
    private async Task<IReadOnlySet<Guid>> MaySeeAsync(SignedInUser user, IReadOnlyCollection<Person> people, CancellationToken ct)
    {
        if (!user.WorksWithChildren || people.Count == 0) return new HashSet<Guid>();
        // Each person is decided once a request (a page asks about the family around the child, then the people its entries name).
        var ask = people.Where(p => !_maySee.ContainsKey(p.Id)).ToList();
        var seen = await DecideAsync(user, ask, ct);
        foreach (var person in ask) _maySee[person.Id] = seen.Contains(person.Id);
        return people.Select(p => p.Id).Where(id => _maySee[id]).ToHashSet();
    }

    private readonly Dictionary<Guid, bool> _maySee = [];

    private async Task<IReadOnlySet<Guid>> DecideAsync(SignedInUser user, IReadOnlyCollection<Person> people, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        if (people.Count == 0) return seen;
        var adults = people.Where(p => p.Kind == PersonKind.Adult).ToList();
        seen.UnionWith(adults.Where(a => a.CreatedByProfessionalId is { } by && by == user.Viewer.ProfessionalId).Select(a => a.Id));
        var others = adults.Select(a => a.Id).Where(a => !seen.Contains(a)).Distinct().ToList();
        var concerned = others.Count == 0 ? [] : await Family.ChildrenConcernedByEachAsync(db, others, ct);
        var children = people.Where(p => p.Kind != PersonKind.Adult).Select(p => p.Id).ToList();
        var visible = (await VisibleAmongAsync([.. children.Concat(concerned.Values.SelectMany(c => c)).Distinct()], ct)).Select(v => v.ChildId).ToHashSet();
        seen.UnionWith(children.Where(visible.Contains));
        seen.UnionWith(others.Where(a => concerned[a].Any(visible.Contains)));
        return seen;
    }

    /// <summary>Whether the user may see the household: one of its members is visible to them. Null members and a missing household alike are not.</summary>
    public async Task<bool> MaySeeHouseholdAsync(Guid householdId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return false;
        var members = await db.HouseholdMemberships.AsNoTracking()
            .Where(m => m.HouseholdId == householdId && db.Households.Any(h => h.Id == householdId && h.PartnershipId == user.Account.PartnershipId))
            .Select(m => m.PersonId).Distinct().ToListAsync(ct);
        if (members.Count == 0 && !await db.Households.AnyAsync(h => h.Id == householdId && h.PartnershipId == user.Account.PartnershipId, ct))
        {
            await DecoyAsync(RecordKind.Household, householdId, ct);
            return false;
        }
        foreach (var member in members)
            if (await MaySeePersonAsync(member, ct)) return true;
        return false;
    }

    /// <summary>The entry, if it is in the user's partnership and visible to them (through a child they may see, its sharing level allowing); null otherwise.</summary>
    public async Task<ChronologyEntry?> VisibleEntryAsync(Guid entryId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null) return null;
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == entryId && e.PartnershipId == user.Account.PartnershipId, ct);
        if (entry is null)
        {
            await DecoyAsync(RecordKind.Entry, entryId, ct);
            return null;
        }
        return await EntryAsync(entry, ct) is not null ? entry : null;
    }

    /// <summary>The child, if visible; for an id that is no child of the partnership, the same work as for a hidden child first.</summary>
    public async Task<VisibleChild?> ChildOrDecoyAsync(Guid childId, CancellationToken ct = default)
    {
        if (await ChildAsync(childId, ct) is { } child) return child;
        if (_facts.GetValueOrDefault(childId) is null) await DecoyAsync(RecordKind.Child, childId, ct);
        return null;
    }

    /// <summary>
    /// The work a refusal of a hidden record costs, done for an id that names nothing: the record of the same kind
    /// next to it by id is looked at (and the answer thrown away), so that a missing id and a hidden one take, within
    /// noise, the same time. Nothing of the decoy is kept but the facts this request has read anyway.
    /// </summary>
    private async Task DecoyAsync(RecordKind kind, Guid id, CancellationToken ct)
    {
        if (_inDecoy) return;
        var user = await currentUser.GetAsync(ct);
        if (user is null) return;
        _inDecoy = true;
        try
        {
            var partnershipId = user.Account.PartnershipId;
            switch (kind)
            {
                case RecordKind.Person:
                    var person = await NextAsync(db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId).Select(p => p.Id), id, ct);
                    if (person is { } p) await ThroughChildrenAsync(p, ct);
                    break;
                case RecordKind.Child:
                    var child = await NextAsync(db.People.AsNoTracking().Where(c => c.PartnershipId == partnershipId && c.Kind != PersonKind.Adult).Select(c => c.Id), id, ct);
                    if (child is { } c) await DecoyFactsAsync(user, c, ct);
                    break;
                case RecordKind.Entry:
                    var entryId = await NextAsync(db.Entries.AsNoTracking().Where(e => e.PartnershipId == partnershipId).Select(e => e.Id), id, ct);
                    var entry = entryId is { } e ? await db.Entries.AsNoTracking().Include(x => x.Subjects).FirstOrDefaultAsync(x => x.Id == e, ct) : null;
                    if (entry is not null) await EntryAsync(entry, ct);
                    break;
                case RecordKind.Household:
                    var household = await NextAsync(db.Households.AsNoTracking().Where(h => h.PartnershipId == partnershipId).Select(h => h.Id), id, ct);
                    if (household is { } h)
                        foreach (var member in await db.HouseholdMemberships.AsNoTracking().Where(m => m.HouseholdId == h).Select(m => m.PersonId).Distinct().ToListAsync(ct))
                            await ThroughChildrenAsync(member, ct);
                    break;
            }
        }
        finally
        {
            _inDecoy = false;
        }
    }

    private bool _inDecoy;

    /// <summary>The facts of a child worked out again (not from this request's memory), as a hidden child's would be.</summary>
    private async Task DecoyFactsAsync(SignedInUser user, Guid childId, CancellationToken ct)
    {
        var kept = _facts.GetValueOrDefault(childId);
        var known = _facts.ContainsKey(childId);
        _facts.Remove(childId);
        await LoadAsync(user, [childId], ct);
        if (known) _facts[childId] = kept; else _facts.Remove(childId);
    }

    /// <summary>The first id after this one (or the first of all), an ordinary record of its kind picked without a pattern.</summary>
    private static async Task<Guid?> NextAsync(IQueryable<Guid> ids, Guid after, CancellationToken ct) =>
        await ids.Where(i => i.CompareTo(after) > 0).OrderBy(i => i).Select(i => (Guid?)i).FirstOrDefaultAsync(ct)
            ?? await ids.OrderBy(i => i).Select(i => (Guid?)i).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A visible child through whom the user may see this entry, its sharing level allowing; null if none. An entry
    /// about children none of whom the user may see is theirs, not their siblings' (a sibling's home visit), so it is
    /// not reached through a sibling the user may see, as <see cref="Chronology.VisibleChronology"/> leaves it out of
    /// that sibling's chronology; an entry about adults only is reached through their children.
    /// </summary>
    public async Task<VisibleChild?> EntryAsync(ChronologyEntry entry, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || entry.PartnershipId != user.Account.PartnershipId) return null;
        var subjects = entry.Subjects.Select(s => s.PersonId).ToList();
        var concerned = await Family.ChildrenConcernedAsync(db, subjects, ct);
        var visible = await VisibleAmongAsync(concerned, ct);
        var about = concerned.Where(subjects.Contains).ToHashSet();
        if (about.Count > 0)
        {
            // A child since merged is the survivor's record: the entry is reached through the survivor.
            about.UnionWith(await Core.Identity.Merges.SurvivorsOfAsync(db, about, ct));
            visible = [.. visible.Where(v => about.Contains(v.ChildId))];
        }
        var later = await LaterVersionsAsync(entry, ct);
        return visible.OrderBy(v => v.ChildId).FirstOrDefault(v => AccessPolicy.ToEntry(user.Viewer, v.Basis, entry, later, v.Facts));
    }

    /// <summary>Whether the user may read an entry of this reach through any of these children they may see.</summary>
    public async Task<bool> MayReadAnyAsync(IEnumerable<VisibleChild> children, EntryReach reach, CancellationToken ct = default) =>
        await currentUser.GetAsync(ct) is { } user && children.Any(c => AccessPolicy.ToEntry(user.Viewer, c.Basis, reach, c.Facts));

    /// <summary>Whether the user may see this entry of a child's chronology they may see (and each later version of it: <see cref="AccessPolicy"/>).</summary>
    public async Task<bool> MaySeeAsync(VisibleChild child, ChronologyEntry entry, CancellationToken ct = default) =>
        await currentUser.GetAsync(ct) is { } user && AccessPolicy.ToEntry(user.Viewer, child.Basis, entry, await LaterVersionsAsync(entry, ct), child.Facts);

    /// <summary>Reads, once a request, the corrections of these entries, so that asking about each of them costs nothing more.</summary>
    public async Task KnowCorrectionsAsync(IReadOnlyCollection<ChronologyEntry> entries, CancellationToken ct = default)
    {
        var ask = entries.Select(e => e.Id).Where(id => !_laterVersions.ContainsKey(id)).Distinct().ToList();
        if (ask.Count == 0) return;
        var found = await Corrections.LaterVersionsAsync(db, ask, ct);
        foreach (var id in ask) _laterVersions[id] = found.TryGetValue(id, out var later) ? later : Array.Empty<ChronologyEntry>();
    }

    /// <summary>
    /// Takes these entries' later versions as already read (<see cref="ChildChronology.LaterVersions"/>: every corrected
    /// one among them is in it), so that asking about each of them costs no query.
    /// </summary>
    public void KnowCorrections(IReadOnlyCollection<ChronologyEntry> entries, IReadOnlyDictionary<Guid, IReadOnlyList<ChronologyEntry>> laterVersions)
    {
        foreach (var entry in entries)
            _laterVersions.TryAdd(entry.Id, laterVersions.TryGetValue(entry.Id, out var later) ? later : Array.Empty<ChronologyEntry>());
    }

    private async Task<IReadOnlyList<ChronologyEntry>> LaterVersionsAsync(ChronologyEntry entry, CancellationToken ct)
    {
        await KnowCorrectionsAsync([entry], ct);
        return _laterVersions[entry.Id];
    }

    private readonly Dictionary<Guid, IReadOnlyList<ChronologyEntry>> _laterVersions = [];

    /// <summary>
    /// Whether the user may write about each of these people (every one visible to them), by position; the children
    /// they concern are kept for the audit.
    /// </summary>
    public Task<IReadOnlyList<bool>> MayWriteAboutAsync(IReadOnlyList<Guid> people, CancellationToken ct = default) => MayWriteAboutAsync(people, noteWrite: true, ct);

    /// <summary>
    /// Whether the user may write about each of these people, by position; the children they concern are kept for the
    /// audit unless <paramref name="noteWrite"/> is false: a chronology write's gate (<see cref="RecordGate"/>) keeps
    /// them itself, from the same subjects, and the family is then read once, not twice.
    /// </summary>
    public async Task<IReadOnlyList<bool>> MayWriteAboutAsync(IReadOnlyList<Guid> people, bool noteWrite, CancellationToken ct = default)
    {
        var allowed = await MaySeePeopleAsync(people, ct);
        if (noteWrite && allowed.All(a => a)) await NoteWriteAboutAsync(people, ct);
        return allowed;
    }

    /// <summary>Keeps the children a write about these people concerns, for the audit, and those it is about.</summary>
    public Task NoteWriteAboutAsync(IReadOnlyCollection<Guid> people, CancellationToken ct = default) => NoteWriteAsync(people, people, ct);

    /// <summary>Keeps the children a write touching these people concerns (for the audit), and the children its subjects are about.</summary>
    public async Task NoteWriteAsync(IReadOnlyCollection<Guid> touched, IReadOnlyCollection<Guid> subjects, CancellationToken ct = default)
    {
        // A write may relate people anew: whom the user may see, and who is around each child, are asked again after it.
        _maySee.Clear();
        _circles.Clear();
        _writtenAbout.UnionWith(await Family.ChildrenConcernedAsync(db, touched, ct));
        if (subjects.Count > 0) _writtenFor.UnionWith(await Family.ChildrenAboutAsync(db, [.. subjects], ct));
    }

    /// <summary>
    /// The names of the people around a child (the circle a safeguard reads: <see cref="Family.AroundChildAsync"/>)
    /// whom the user may not see, beside the names of those they may: a text written from the whole family's record
    /// (an alert's summary and what it asks for, a reminder) is shown with the hidden ones withheld
    /// (<see cref="WithheldNames.In"/>), as an entry names them. Worked out once per child per request.
    /// </summary>
    public async Task<WithheldNames> NamesWithheldAroundAsync(Guid childId, CancellationToken ct = default) =>
        (await NamesWithheldAroundAsync([childId], ct))[childId];

    /// <summary>
    /// The names withheld around each of these children (<see cref="NamesWithheldAroundAsync(Guid, CancellationToken)"/>),
    /// worked out together for those not yet known this request: their circles, the people in them, their other names
    /// and whom the user may see, a few queries for them all (a list's alerts read their texts with no query for each child).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, WithheldNames>> NamesWithheldAroundAsync(IReadOnlyCollection<Guid> childIds, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null) return childIds.Distinct().ToDictionary(c => c, _ => WithheldNames.Nobody);
        var missing = childIds.Where(c => !_namesAround.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var circles = await CirclesAsync(missing, ct);
            var everyone = circles.Values.SelectMany(c => c).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => p.PartnershipId == user.Account.PartnershipId && everyone.Contains(p.Id)).ToListAsync(ct);
            var ids = people.Select(p => p.Id).ToList();
            var others = (await db.Set<Core.Identity.PersonName>().AsNoTracking().Where(n => ids.Contains(n.PersonId))
                .Select(n => new { n.PersonId, n.GivenName, n.FamilyName }).ToListAsync(ct)).ToLookup(n => n.PersonId, n => (n.GivenName, n.FamilyName));
            var seen = await MaySeeAsync(user, people, ct);
            foreach (var child in missing)
            {
                var hidden = new List<string>();
                var shown = new List<string>();
                var hiddenPeople = new List<Guid>();
                foreach (var person in people.Where(p => circles[child].Contains(p.Id)).OrderBy(p => p.Id))
                {
                    var maySee = seen.Contains(person.Id);
                    (maySee ? shown : hidden).AddRange(WithheldNames.Of(person, others[person.Id]));
                    if (!maySee) hiddenPeople.Add(person.Id);
                }
                _namesAround[child] = new WithheldNames(hidden, shown, hiddenPeople);
            }
        }
        return childIds.Distinct().ToDictionary(c => c, c => _namesAround[c]);
    }

    /// <summary>The people around each of these children (<see cref="Family.AroundChildrenAsync"/>), worked out once a request.</summary>
    public async Task<IReadOnlyDictionary<Guid, HashSet<Guid>>> CirclesAsync(IReadOnlyCollection<Guid> childIds, CancellationToken ct = default)
    {
        var missing = childIds.Where(c => !_circles.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var (child, circle) in await Family.AroundChildrenAsync(db, missing, ct)) _circles[child] = circle;
        return childIds.Distinct().ToDictionary(c => c, c => _circles[c]);
    }

    private readonly Dictionary<Guid, HashSet<Guid>> _circles = [];

    /// <summary>Forgets what was worked out, after a write that may have changed the team.</summary>
    public void Refresh()
    {
        _facts.Clear();
        _namesAround.Clear();
        _maySee.Clear();
        _circles.Clear();
    }

    /// <summary>Those of these children (or people: adults are simply not children) that the user may see.</summary>
    public async Task<IReadOnlyList<VisibleChild>> VisibleAmongAsync(IReadOnlyCollection<Guid> children, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren || children.Count == 0) return [];
        return [.. (await FactsOfAsync(user, children, ct))
            .Select(f => new VisibleChild(f.ChildId, AccessPolicy.ToChild(user.Viewer, f), f)).Where(v => v.Basis != AccessBasis.None)];
    }

    private async Task<ChildAccessFacts?> FactsOfAsync(SignedInUser user, Guid id, CancellationToken ct) =>
        await FactsOfAsync(user, [id], ct) is [var facts] ? facts : null;

    /// <summary>The facts of those of these ids that are children of the user's partnership, read once per request.</summary>
    private async Task<IReadOnlyList<ChildAccessFacts>> FactsOfAsync(SignedInUser user, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !_facts.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0) await LoadAsync(user, missing, ct);
        return [.. ids.Distinct().Select(id => _facts.GetValueOrDefault(id)).OfType<ChildAccessFacts>()];
    }

    /// <summary>
    /// Reads the facts for these children together, as Core reads them (<see cref="ChildAccessReader.FactsAsync(ChronicleDb, Guid?, IReadOnlyCollection{Guid}, DateTimeOffset, CancellationToken)"/>:
    /// a few queries whatever their number), adding the user's break-glass grants. An id that is no child of the
    /// partnership is remembered as such.
    /// </summary>
    private async Task LoadAsync(SignedInUser user, IReadOnlyList<Guid> only, CancellationToken ct)
    {
        var partnershipId = user.Account.PartnershipId;
        var now = clock.GetUtcNow();
        var facts = await ChildAccessReader.FactsAsync(db, partnershipId, only, now, ct, contactsForOtherChildren: user.Viewer.SeesOpenContacts);
        var grants = (await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.Account.Id && g.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(g => g.IsActiveAt(now)).Select(g => g.ChildPersonId).ToHashSet();
        foreach (var id in only) _facts[id] = null;
        foreach (var (id, f) in facts) _facts[id] = grants.Contains(id) ? f with { BreakGlassActive = true } : f;
    }
}
