using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
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
    private bool _allLoaded;
    private readonly HashSet<Guid> _writtenAbout = [];

    /// <summary>The children this request's writes concerned, for the audit.</summary>
    public IReadOnlyCollection<Guid> WrittenAbout => _writtenAbout;

    /// <summary>Every child the user may see, with the basis; nobody sees children without a role that works with them.</summary>
    public async Task<IReadOnlyList<VisibleChild>> VisibleChildrenAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return [];
        var facts = await AllFactsAsync(user, ct);
        return [.. facts.Select(f => new VisibleChild(f.ChildId, AccessPolicy.ToChild(user.Viewer, f), f)).Where(v => v.Basis != AccessBasis.None)];
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
    /// A visible child through whom the user may see this person: the person, if a child; else a child related to or
    /// living with them. Null when there is none.
    /// </summary>
    public async Task<VisibleChild?> ThroughChildAsync(Guid personId, CancellationToken ct = default)
    {
        if (await ChildAsync(personId, ct) is { } itself) return itself;
        var visible = await VisibleAmongAsync(await Family.ChildrenConcernedAsync(db, [personId], ct), ct);
        return visible.OrderBy(v => v.ChildId).FirstOrDefault();
    }

    /// <summary>Whether the user may see a person: through a child they may see, or because they recorded the person.</summary>
    public async Task<bool> MaySeePersonAsync(Guid personId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren) return false;
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId && p.PartnershipId == user.Account.PartnershipId)
            .Select(p => new { p.Kind, p.CreatedByProfessionalId }).FirstOrDefaultAsync(ct);
        if (person is null) return false;
        if (person.Kind == PersonKind.Adult && person.CreatedByProfessionalId is { } by && by == user.Viewer.ProfessionalId) return true;
        return await ThroughChildAsync(personId, ct) is not null;
    }

    /// <summary>A visible child through whom the user may see this entry, its sharing level allowing; null if none.</summary>
    public async Task<VisibleChild?> EntryAsync(ChronologyEntry entry, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || entry.PartnershipId != user.Account.PartnershipId) return null;
        var concerned = await Family.ChildrenConcernedAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);
        return (await VisibleAmongAsync(concerned, ct)).OrderBy(v => v.ChildId)
            .FirstOrDefault(v => AccessPolicy.ToEntry(user.Viewer, v.Basis, entry, v.Facts));
    }

    /// <summary>Whether the user may see this entry of a child's chronology they may see.</summary>
    public async Task<bool> MaySeeAsync(VisibleChild child, ChronologyEntry entry, CancellationToken ct = default) =>
        await currentUser.GetAsync(ct) is { } user && AccessPolicy.ToEntry(user.Viewer, child.Basis, entry, child.Facts);

    /// <summary>
    /// Whether the user may write about each of these people (every one visible to them), by position; the children
    /// they concern are kept for the audit.
    /// </summary>
    public async Task<IReadOnlyList<bool>> MayWriteAboutAsync(IReadOnlyList<Guid> people, CancellationToken ct = default)
    {
        var allowed = new List<bool>(people.Count);
        foreach (var person in people) allowed.Add(await MaySeePersonAsync(person, ct));
        if (allowed.All(a => a)) await NoteWriteAboutAsync(people, ct);
        return allowed;
    }

    /// <summary>Keeps the children a write concerns, for the audit.</summary>
    public async Task NoteWriteAboutAsync(IReadOnlyCollection<Guid> people, CancellationToken ct = default) =>
        _writtenAbout.UnionWith(await Family.ChildrenConcernedAsync(db, people, ct));

    /// <summary>Forgets what was worked out, after a write that may have changed the team.</summary>
    public void Refresh()
    {
        _facts.Clear();
        _allLoaded = false;
    }

    /// <summary>Those of these children (or people: adults are simply not children) that the user may see.</summary>
    private async Task<IReadOnlyList<VisibleChild>> VisibleAmongAsync(IReadOnlyCollection<Guid> children, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null || !user.WorksWithChildren || children.Count == 0) return [];
        return [.. (await FactsOfAsync(user, children, ct))
            .Select(f => new VisibleChild(f.ChildId, AccessPolicy.ToChild(user.Viewer, f), f)).Where(v => v.Basis != AccessBasis.None)];
    }

    private async Task<IReadOnlyList<ChildAccessFacts>> AllFactsAsync(SignedInUser user, CancellationToken ct)
    {
        if (!_allLoaded)
        {
            await LoadAsync(user, null, ct);
            _allLoaded = true;
        }
        return [.. _facts.Values.OfType<ChildAccessFacts>()];
    }

    private async Task<ChildAccessFacts?> FactsOfAsync(SignedInUser user, Guid id, CancellationToken ct) =>
        await FactsOfAsync(user, [id], ct) is [var facts] ? facts : null;

    /// <summary>The facts of those of these ids that are children of the user's partnership, read once per request.</summary>
    private async Task<IReadOnlyList<ChildAccessFacts>> FactsOfAsync(SignedInUser user, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var missing = _allLoaded ? [] : ids.Where(id => !_facts.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0) await LoadAsync(user, missing, ct);
        return [.. ids.Distinct().Select(id => _facts.GetValueOrDefault(id)).OfType<ChildAccessFacts>()];
    }

    /// <summary>
    /// Reads the facts for these children (every child in the partnership when <paramref name="only"/> is null): the
    /// team of each, and the front door's and break glass's facts in a few queries. An id that is no child of the
    /// partnership is remembered as such.
    /// </summary>
    private async Task LoadAsync(SignedInUser user, IReadOnlyList<Guid>? only, CancellationToken ct)
    {
        var partnershipId = user.Account.PartnershipId;
        var now = clock.GetUtcNow();
        var today = WorkingDayCalendar.UkDate(now);
        var query = db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult);
        if (only is not null) query = query.Where(p => only.Contains(p.Id));
        var children = await query.ToListAsync(ct);
        var managers = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.ManagerId != null)
            .ToDictionaryAsync(p => p.Id, p => p.ManagerId!.Value, ct);
        var frontDoorQuery = db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => e.PartnershipId == partnershipId && (e.Kind == EntryKinds.Contact.Code || e.Kind == EntryKinds.ContactDecision.Code));
        if (only is not null) frontDoorQuery = frontDoorQuery.Where(e => e.Subjects.Any(s => only.Contains(s.PersonId)));
        var contacts = CaseFileLoader.Current(await frontDoorQuery.ToListAsync(ct));
        var grants = (await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.Account.Id && g.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(g => g.IsActiveAt(now)).Select(g => g.ChildPersonId).ToHashSet();
        var contactsByChild = contacts.SelectMany(c => c.Entry.Subjects.Select(s => (s.PersonId, Contact: c)))
            .ToLookup(x => x.PersonId, x => x.Contact);

        foreach (var id in only ?? []) _facts[id] = null;
        foreach (var child in children)
        {
            var team = await ChildTeam.LoadAsync(db, child.Id, today, ct);
            var members = TeamOf(child, team);
            var open = OpenContactAtFrontDoor([.. contactsByChild[child.Id].Distinct()]);
            _facts[child.Id] = new ChildAccessFacts(child.Id, members, members.Select(managers.GetValueOrDefault).Where(m => m != Guid.Empty).ToHashSet(),
                team?.LeadProfessionalId, team?.LeadSocialWorkerId, open, grants.Contains(child.Id));
        }
    }

    /// <summary>
    /// The professionals in the team around the child today, the lead among them, and whoever put the child on
    /// record (so that a new record can be built before anyone is recorded as involved).
    /// </summary>
    private static HashSet<Guid> TeamOf(Person child, TeamView? team)
    {
        var members = (team?.Members ?? []).Select(m => m.ProfessionalId).OfType<Guid>().ToHashSet();
        if (team?.LeadProfessionalId is { } lead) members.Add(lead);
        if (child.CreatedByProfessionalId is { } creator) members.Add(creator);
        return members;
    }

    /// <summary>A contact or referral about the child with no decision on it yet.</summary>
    private static bool OpenContactAtFrontDoor(IReadOnlyList<CaseEntry> entries)
    {
        var decisions = entries.Where(e => e.Details is ContactDecision).ToList();
        return entries.Where(e => e.Details is ContactReceived).Any(contact => !decisions.Any(d =>
            d.As<ContactDecision>()!.ContactEntryId is { } decided ? decided == contact.Id : d.When >= contact.When));
    }
}
