using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.TeamAroundChild;

public enum MemberSource { Involvement, Added }

/// <summary>A person the member works with, and in what role ("GP", "substance misuse key worker").</summary>
public sealed record TeamRole(Guid PersonId, string PersonName, string Role, DateOnly? From);

/// <summary>A professional, or an agency with no named professional, in the team around a child.</summary>
public sealed record TeamMember(
    Guid? ProfessionalId,
    string Name,
    ProfessionalRole? Role,
    string? Email,
    Guid? ManagerId,
    Guid AgencyId,
    string AgencyName,
    AgencyKind AgencyKind,
    IReadOnlyList<TeamRole> WorksWith,
    MemberSource Source,
    bool IsLead)
{
    public string Key => KeyOf(ProfessionalId, AgencyId);

    public static string KeyOf(Guid? professionalId, Guid agencyId) =>
        professionalId is { } p ? $"professional:{p}" : $"agency:{agencyId}";
}

public sealed record RemovedMember(TeamMember Member, TeamChange Removal);

/// <summary>
/// The team around a child on a day: everyone working with the child, with an adult in the child's household, or
/// with a parent wherever they live, and the lead professional; plus explicit additions, less explicit removals.
/// </summary>
public sealed record TeamView(
    Guid ChildId,
    string ChildName,
    DateOnly On,
    IReadOnlyList<TeamMember> Members,
    IReadOnlyList<RemovedMember> Removed,
    Guid? LeadProfessionalId,
    Guid? LeadSocialWorkerId)
{
    public TeamMember? Lead => Members.FirstOrDefault(m => m.ProfessionalId is not null && m.ProfessionalId == LeadProfessionalId);

    /// <summary>How many times the team has been changed by hand (the latest change's number): sent back with a change, so that a change made since is a conflict.</summary>
    public int Version { get; init; }

    public bool Includes(Guid professionalId) => Members.Any(m => m.ProfessionalId == professionalId);
}

/// <summary>Reads the team around a child from involvements and team changes.</summary>
public static class ChildTeam
{
    public static async Task<TeamView?> LoadAsync(ChronicleDb db, Guid childId, DateOnly on, CancellationToken ct = default) =>
        (await LoadManyAsync(db, [childId], on, ct)).GetValueOrDefault(childId);

    /// <summary>
    /// The teams of many children on a day, read together: one query for each kind of fact (the children, their
    /// households and housemates, parents, involvements, team changes, professionals, agencies, names) whatever the
    /// number of children, so a list costs a few queries, not a few for each child. Each team is what the child's own
    /// would be read alone. Ids that are not children are left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, TeamView>> LoadManyAsync(ChronicleDb db, IReadOnlyCollection<Guid> childIds, DateOnly on, CancellationToken ct = default)
    {
        var ids = childIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, TeamView>();
        var children = (await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct)).Where(p => p.IsChild).ToList();
        if (children.Count == 0) return new Dictionary<Guid, TeamView>();
        var scopes = await CaseScope.PeopleOfAsync(db, [.. children.Select(c => c.Id)], on, ct);
        var everyone = scopes.Values.SelectMany(s => s).ToHashSet().ToList();
        var involvementsOf = (await db.Involvements.AsNoTracking().Where(i => everyone.Contains(i.PersonId)).ToListAsync(ct))
            .Where(i => i.IsActiveOn(on)).OrderBy(i => i.Id).ToLookup(i => i.PersonId);
        var childList = children.Select(c => c.Id).ToList();
        var changesOf = (await db.TeamChanges.AsNoTracking().Where(c => childList.Contains(c.ChildPersonId)).ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.SequenceNumber).ThenBy(c => c.Id).ToLookup(c => c.ChildPersonId);

        var professionalIds = everyone.SelectMany(p => involvementsOf[p]).Select(i => i.ProfessionalId)
            .Concat(childList.SelectMany(c => changesOf[c]).Select(c => c.ProfessionalId)).OfType<Guid>().Distinct().ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(p => professionalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var agencyIds = everyone.SelectMany(p => involvementsOf[p]).Select(i => i.AgencyId).Concat(childList.SelectMany(c => changesOf[c]).Select(c => c.AgencyId))
            .Concat(professionals.Values.Select(p => p.AgencyId)).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var names = await db.People.AsNoTracking().Where(p => everyone.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

        return children.ToDictionary(c => c.Id, c =>
            Team(c, on, [.. scopes[c.Id].SelectMany(p => involvementsOf[p]).OrderBy(i => i.Id)], [.. changesOf[c.Id]], professionals, agencies, names));
    }

    /// <summary>The team of one child from its facts: involvements of the people in its scope on the day, and its team changes in order.</summary>
    private static TeamView Team(Person child, DateOnly on, List<Involvement> involvements, List<TeamChange> changes,
        Dictionary<Guid, Professional> professionals, Dictionary<Guid, Agency> agencies, Dictionary<Guid, string> names)
    {
        var childId = child.Id;
        var leadId = LeadProfessional(involvements, childId, agencies);
        var leadSocialWorkerId = LeadSocialWorker(involvements, childId, agencies);

        var derived = involvements
            .GroupBy(i => TeamMember.KeyOf(i.ProfessionalId, i.AgencyId))
            .ToDictionary(g => g.Key, g => Member(g.First().ProfessionalId, g.First().AgencyId,
                [.. g.Select(i => new TeamRole(i.PersonId, names.GetValueOrDefault(i.PersonId, "someone not on record"), i.Role, i.From))
                    .OrderByDescending(r => r.PersonId == childId).ThenBy(r => r.PersonName, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal)],
                MemberSource.Involvement, professionals, agencies, leadId));

        var latest = changes.GroupBy(c => c.MemberKey).ToDictionary(g => g.Key, g => g.Last());
        var members = new List<TeamMember>();
        var removed = new List<RemovedMember>();
        foreach (var (key, member) in derived)
        {
            if (latest.TryGetValue(key, out var change) && change.Change == TeamChangeType.Removed) removed.Add(new RemovedMember(member, change));
            else members.Add(member);
        }
        foreach (var change in latest.Values.Where(c => c.Change == TeamChangeType.Added && !derived.ContainsKey(c.MemberKey)))
            members.Add(Member(change.ProfessionalId, change.AgencyId,
                [new TeamRole(childId, child.DisplayName, change.Role ?? "added to the team", null)], MemberSource.Added, professionals, agencies, leadId));

        return new TeamView(childId, child.DisplayName, on,
            [.. members.OrderByDescending(m => m.IsLead).ThenBy(m => m.AgencyName, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)],
            removed, leadId, leadSocialWorkerId)
        { Version = changes.Count == 0 ? 0 : changes.Max(c => c.SequenceNumber) };
    }

    /// <summary>
    /// The lead professional: the child's involvement marked lead, failing that the allocated children's social care
    /// worker (as <see cref="Safeguards.CaseFacts.LeadProfessional"/> decides it for the safeguards).
    /// </summary>
    private static Guid? LeadProfessional(List<Involvement> involvements, Guid childId, Dictionary<Guid, Agency> agencies) =>
        involvements.Where(i => i.PersonId == childId && i.IsLead && i.ProfessionalId is not null).OrderByDescending(i => i.From).FirstOrDefault()?.ProfessionalId
        ?? LeadSocialWorker(involvements, childId, agencies);

    private static Guid? LeadSocialWorker(List<Involvement> involvements, Guid childId, Dictionary<Guid, Agency> agencies) =>
        involvements
            .Where(i => i.PersonId == childId && i.ProfessionalId is not null && agencies.TryGetValue(i.AgencyId, out var a) && a.Kind == AgencyKind.ChildrensSocialCare)
            .OrderByDescending(i => i.IsLead).ThenByDescending(i => i.From)
            .FirstOrDefault()?.ProfessionalId;

    private static TeamMember Member(
        Guid? professionalId, Guid agencyId, IReadOnlyList<TeamRole> roles, MemberSource source,
        Dictionary<Guid, Professional> professionals, Dictionary<Guid, Agency> agencies, Guid? leadId)
    {
        var professional = professionalId is { } id ? professionals.GetValueOrDefault(id) : null;
        var agency = agencies.GetValueOrDefault(professional?.AgencyId ?? agencyId);
        return new TeamMember(
            professionalId, professional?.Name ?? agency?.Name ?? "an agency not on record", professional?.Role, professional?.Email, professional?.ManagerId,
            agency?.Id ?? agencyId, agency?.Name ?? "an agency not on record", agency?.Kind ?? AgencyKind.Other, roles, source,
            professionalId is not null && professionalId == leadId);
    }
}

/// <summary>Whose involvements make up a child's team and whose entries are the child's case.</summary>
internal static class CaseScope
{
    /// <summary>
    /// The child, the adults living with the child on the day, and the child's parents and carers wherever they
    /// live (a father in prison still has a probation officer who belongs in the team).
    /// </summary>
    public static async Task<HashSet<Guid>> PeopleAsync(ChronicleDb db, Guid childId, DateOnly on, CancellationToken ct) =>
        (await PeopleOfAsync(db, [childId], on, ct))[childId];

    /// <summary>The same for many children at once, in a query for each kind of fact: each child's people as its own would be.</summary>
    public static async Task<Dictionary<Guid, HashSet<Guid>>> PeopleOfAsync(ChronicleDb db, IReadOnlyList<Guid> childIds, DateOnly on, CancellationToken ct)
    {
        var homesOf = (await db.HouseholdMemberships.AsNoTracking().Where(m => childIds.Contains(m.PersonId)).ToListAsync(ct))
            .Where(m => m.IsCurrentOn(on)).ToLookup(m => m.PersonId, m => m.HouseholdId);
        var homes = childIds.SelectMany(c => homesOf[c]).Distinct().ToList();
        var residentsOf = (await db.HouseholdMemberships.AsNoTracking().Where(m => homes.Contains(m.HouseholdId)).ToListAsync(ct))
            .Where(m => m.IsCurrentOn(on)).ToLookup(m => m.HouseholdId, m => m.PersonId);
        var housemates = homes.SelectMany(h => residentsOf[h]).Distinct().ToList();
        var adults = (await db.People.AsNoTracking().Where(p => housemates.Contains(p.Id) && p.Kind == PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var parentsOf = (await db.Relationships.AsNoTracking().Where(r => childIds.Contains(r.RelatedPersonId)).ToListAsync(ct))
            .Where(r => Relationship.IsParental(r.Kind)).ToLookup(r => r.RelatedPersonId, r => r.PersonId);
        return childIds.Distinct().ToDictionary(c => c, c => new HashSet<Guid>(
            [c, .. homesOf[c].Distinct().SelectMany(h => residentsOf[h]).Where(adults.Contains), .. parentsOf[c]]));
    }
}
