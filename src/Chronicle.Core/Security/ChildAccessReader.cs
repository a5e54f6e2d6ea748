using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Security;

/// <summary>
/// One child's access facts read from the record, and which professionals may see the child through their own
/// accounts: asked before Chronicle gives someone an item to acknowledge about a child, so that it never goes to
/// someone who could not open it; and who has left (every account disabled), who is given no work at all. Break glass never counts: it is a person's exceptional
/// look, not a reason to be given work. The facts are read here for one child or many at once, the one way: the web
/// app's ChildAccess reads them through <see cref="FactsAsync(ChronicleDb, Guid?, IReadOnlyCollection{Guid}, DateTimeOffset, CancellationToken)"/>
/// and adds the user's break glass.
/// </summary>
public static class ChildAccessReader
{
    /// <summary>The facts <see cref="AccessPolicy"/> decides on for this child now; null when it is no child on record.</summary>
    public static async Task<ChildAccessFacts?> FactsAsync(ChronicleDb db, Guid childId, DateTimeOffset now, CancellationToken ct) =>
        (await FactsAsync(db, null, [childId], now, ct)).GetValueOrDefault(childId);

    /// <summary>
    /// The facts of many children read together, in a few queries whatever their number: their teams
    /// (<see cref="ChildTeam.LoadManyAsync"/>), the managers of the professionals in them and the contacts open at the
    /// front door (<see cref="OpenContacts"/>: waiting for its decision, or for allocation). Only children (of the partnership, when one is given) are answered; break
    /// glass is never among them: it is one user's, and whoever reads for a user adds it (the web app's ChildAccess).
    /// With <paramref name="contactsForOtherChildren"/> (a reader who sees the front door's contacts), also whether a
    /// contact waits about another child sharing a parent or household with each child that has none of its own.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, ChildAccessFacts>> FactsAsync(
        ChronicleDb db, Guid? partnershipId, IReadOnlyCollection<Guid> childIds, DateTimeOffset now, CancellationToken ct, bool contactsForOtherChildren = false)
    {
        var found = new Dictionary<Guid, ChildAccessFacts>();
        var ids = childIds.Distinct().ToList();
        if (ids.Count == 0) return found;
        var children = await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.Kind != PersonKind.Adult && (partnershipId == null || p.PartnershipId == partnershipId)).ToListAsync(ct);
        if (children.Count == 0) return found;
        var childIdsFound = children.Select(c => c.Id).ToList();
        var teams = await ChildTeam.LoadManyAsync(db, childIdsFound, WorkingDayCalendar.UkDate(now), ct);
        var membersOf = children.ToDictionary(c => c.Id, c => TeamOf(c, teams.GetValueOrDefault(c.Id)));
        var professionals = membersOf.Values.SelectMany(m => m).Concat(teams.Values.Select(t => t.LeadSocialWorkerId).OfType<Guid>()).Distinct().ToList();
        var managers = await db.Professionals.AsNoTracking()
            .Where(p => p.ManagerId != null && professionals.Contains(p.Id) && (partnershipId == null || p.PartnershipId == partnershipId))
            .ToDictionaryAsync(p => p.Id, p => p.ManagerId!.Value, ct);
        var open = (await db.OpenContacts.AsNoTracking().Where(o => childIdsFound.Contains(o.PersonId)).Select(o => o.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        var waitingForOther = contactsForOtherChildren ? await ContactWaitingForOtherChildAsync(db, [.. childIdsFound.Where(c => !open.Contains(c))], now, ct) : [];
        foreach (var child in children)
        {
            var team = teams.GetValueOrDefault(child.Id);
            var members = membersOf[child.Id];
            found[child.Id] = new ChildAccessFacts(child.Id, members, members.Where(managers.ContainsKey).Select(m => managers[m]).ToHashSet(),
                team?.LeadProfessionalId, team?.LeadSocialWorkerId, open.Contains(child.Id), BreakGlassActive: false)
            {
                ManagersOfLead = new[] { team?.LeadProfessionalId, team?.LeadSocialWorkerId }.OfType<Guid>().Where(managers.ContainsKey).Select(m => managers[m]).ToHashSet(),
                CreatedByProfessionalId = child.CreatedByProfessionalId,
                ContactWaitingForOtherChild = waitingForOther.Contains(child.Id),
            };
        }
        return found;
    }

    /// <summary>Those of these children for whom a contact about another child sharing a parent or household with them waits for the front door's decision.</summary>
    private static async Task<HashSet<Guid>> ContactWaitingForOtherChildAsync(ChronicleDb db, List<Guid> children, DateTimeOffset now, CancellationToken ct)
    {
        if (children.Count == 0) return [];
        var others = await Family.OtherChildrenOfEachAsync(db, children, WorkingDayCalendar.UkDate(now), ct);
        var ids = others.Values.SelectMany(o => o).Distinct().ToList();
        if (ids.Count == 0) return [];
        // Only a contact still waiting for the decision asks the front door to consider the other children: once decided, they have been.
        var open = (await db.OpenContacts.AsNoTracking().Where(o => EF.Parameter(ids).Contains(o.PersonId) && o.DecidedAt == null).Select(o => o.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        return [.. others.Where(o => o.Value.Overlaps(open)).Select(o => o.Key)];
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

    /// <summary>
    /// Each of these professionals who may see the child, with the viewer and the basis the policy gives (the widest
    /// of their accounts' that are not disabled; for a professional with no account, of the account their job would give
    /// them: <see cref="AccountNames.RolesFor"/>; none for one whose every account is disabled);
    /// the others are left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, (Viewer Viewer, AccessBasis Basis)>> WhoMaySeeAsync(
        ChronicleDb db, ChildAccessFacts facts, IReadOnlyCollection<Guid> professionalIds, CancellationToken ct)
    {
        var found = new Dictionary<Guid, (Viewer, AccessBasis)>();
        foreach (var (id, viewers) in await ViewersAsync(db, professionalIds, ct))
            if (Widest(viewers, facts) is ({ } viewer, var basis and not AccessBasis.None)) found[id] = (viewer, basis);
        return found;
    }

    /// <summary>
    /// Each of these professionals as the viewers the policy asks about: their accounts that are not disabled, or, for
    /// one with no account, the account their job would give them (<see cref="AccountNames.RolesFor"/>). One whose every
    /// account is disabled has left and is left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Viewer>>> ViewersAsync(ChronicleDb db, IReadOnlyCollection<Guid> professionalIds, CancellationToken ct)
    {
        var found = new Dictionary<Guid, IReadOnlyList<Viewer>>();
        if (professionalIds.Count == 0) return found;
        var professionals = await db.Professionals.AsNoTracking().Where(p => professionalIds.Contains(p.Id))
            .Join(db.Agencies.AsNoTracking(), p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, p.PartnershipId, p.Role, AgencyId = a.Id, a.Kind })
            .ToListAsync(ct);
        var accounts = (await db.UserAccounts.AsNoTracking()
            .Where(a => a.ProfessionalId != null && professionalIds.Contains(a.ProfessionalId.Value))
            .ToListAsync(ct)).ToLookup(a => a.ProfessionalId!.Value);
        // Only a team manager's account can see as the front door's manager: the others are not asked about.
        var managers = professionals.Where(p => p.Role == ProfessionalRole.TeamManager || accounts[p.Id].Any(a => a.DisabledAt is null && a.RoleSet.Contains(Role.TeamManager)))
            .Select(p => p.Id).ToList();
        var frontDoorManagers = await FrontDoorManagersAsync(db, managers, ct);
        foreach (var p in professionals)
        {
            var enabled = accounts[p.Id].Where(a => a.DisabledAt is null).OrderBy(a => a.Id).ToList();
            if (enabled.Count == 0 && accounts[p.Id].Any()) continue;
            var managesFrontDoor = frontDoorManagers.Contains(p.Id);
            found[p.Id] = enabled.Count > 0
                ? [.. enabled.Select(a => new Viewer(a.Id, a.PartnershipId, a.RoleSet, p.Id, p.AgencyId, p.Kind) { ManagesFrontDoor = managesFrontDoor })]
                : [new Viewer(Guid.Empty, p.PartnershipId, AccountNames.RolesFor(p.Role).ToHashSet(), p.Id, p.AgencyId, p.Kind) { ManagesFrontDoor = managesFrontDoor }];
        }
        return found;
    }

    /// <summary>Those of these professionals who manage a front door worker (<see cref="Viewer.ManagesFrontDoor"/>).</summary>
    public static async Task<IReadOnlySet<Guid>> FrontDoorManagersAsync(ChronicleDb db, IReadOnlyCollection<Guid> professionalIds, CancellationToken ct) =>
        professionalIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Professionals.AsNoTracking()
                .Where(p => p.Role == ProfessionalRole.FrontDoorWorker && p.ManagerId != null && professionalIds.Contains(p.ManagerId.Value))
                .Select(p => p.ManagerId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>The widest basis any of one professional's viewers has to see the child, with that viewer; the basis is None when no viewer may.</summary>
    public static (Viewer? Viewer, AccessBasis Basis) Widest(IEnumerable<Viewer> viewers, ChildAccessFacts facts)
    {
        (Viewer? Viewer, AccessBasis Basis) widest = (null, AccessBasis.None);
        foreach (var viewer in viewers)
        {
            var basis = AccessPolicy.ToChild(viewer, facts);
            if (basis != AccessBasis.None && (widest.Basis == AccessBasis.None || Rank(basis) < Rank(widest.Basis))) widest = (viewer, basis);
        }
        return widest;
    }

    /// <summary>
    /// Those of these professionals who may not open the child's record now (nor anyone who has left): they may not be
    /// given work on the child, such as an action, for they could not see what it is about.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> MayNotSeeAsync(ChronicleDb db, Guid childId, IReadOnlyCollection<Guid> professionalIds, DateTimeOffset now, CancellationToken ct)
    {
        if (professionalIds.Count == 0) return new HashSet<Guid>();
        if (await FactsAsync(db, childId, now, ct) is not { } facts) return professionalIds.ToHashSet();
        var may = await WhoMaySeeAsync(db, facts, professionalIds, ct);
        return professionalIds.Where(p => !may.ContainsKey(p)).ToHashSet();
    }

    /// <summary>
    /// For each of these children, those of these professionals who may not open the child's record now (nor anyone who
    /// has left): the children's facts and the professionals' accounts read once for all of them, whatever their number.
    /// A child not on record is hidden from everyone. Given an entry's <paramref name="reach"/>, those who may open the
    /// record but not read that entry (a health-restricted medical, to a school) count as unable to see it too: what
    /// the entry asks of someone reaches no further than the entry.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> MayNotSeeAsync(
        ChronicleDb db, IReadOnlyCollection<Guid> childIds, IReadOnlyCollection<Guid> professionalIds, DateTimeOffset now, CancellationToken ct, EntryReach? reach = null)
    {
        var found = new Dictionary<Guid, IReadOnlySet<Guid>>();
        if (childIds.Count == 0 || professionalIds.Count == 0) return found;
        var facts = await FactsAsync(db, null, childIds, now, ct);
        var viewers = await ViewersAsync(db, professionalIds, ct);
        foreach (var child in childIds.Distinct())
            found[child] = facts.TryGetValue(child, out var f)
                ? professionalIds.Where(p => !viewers.TryGetValue(p, out var v) || !MaySee(v, f, reach)).ToHashSet()
                : professionalIds.ToHashSet();
        return found;
    }

    /// <summary>Whether any of one professional's viewers may open the child, and read an entry of this reach where one is given.</summary>
    private static bool MaySee(IEnumerable<Viewer> viewers, ChildAccessFacts facts, EntryReach? reach) =>
        viewers.Any(v => AccessPolicy.ToChild(v, facts) is var basis and not AccessBasis.None && (reach is null || AccessPolicy.ToEntry(v, basis, reach, facts)));

    /// <summary>Those of these professionals who have left: they have accounts, and every one of them is disabled.</summary>
    public static async Task<IReadOnlySet<Guid>> LeftAsync(ChronicleDb db, IReadOnlyCollection<Guid> professionalIds, CancellationToken ct)
    {
        if (professionalIds.Count == 0) return new HashSet<Guid>();
        var accounts = await db.UserAccounts.AsNoTracking()
            .Where(a => a.ProfessionalId != null && professionalIds.Contains(a.ProfessionalId.Value))
            .Select(a => new { ProfessionalId = a.ProfessionalId!.Value, a.DisabledAt }).ToListAsync(ct);
        return accounts.GroupBy(a => a.ProfessionalId).Where(g => g.All(a => a.DisabledAt != null)).Select(g => g.Key).ToHashSet();
    }

    /// <summary>Team first: being in the team is the widest reason to see a child and its entries.</summary>
    private static int Rank(AccessBasis basis) => basis switch
    {
        AccessBasis.Team => 0,
        AccessBasis.ManagerOfTeamMember => 1,
        AccessBasis.FrontDoor => 2,
        _ => 3,
    };
}
