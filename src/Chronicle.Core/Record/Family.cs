using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Record;

/// <summary>Who is linked to whom: the people around a child, and the children around an adult.</summary>
public static class Family
{
    /// <summary>
    /// The child, everyone related to or living with the child, and the other children of the child's parents and
    /// of the adults the child lives with (so siblings in other households are seen too).
    /// </summary>
    public static async Task<HashSet<Guid>> AroundChildAsync(ChronicleDb db, Guid childId, CancellationToken ct = default) =>
        (await AroundChildrenAsync(db, [childId], ct))[childId];

    /// <summary>
    /// The people around each of these children (<see cref="AroundChildAsync"/>), worked out together: a few queries
    /// for them all, not a few for each.
    /// </summary>
    public static async Task<Dictionary<Guid, HashSet<Guid>>> AroundChildrenAsync(ChronicleDb db, IReadOnlyCollection<Guid> childIds, CancellationToken ct = default)
    {
        var children = childIds.Distinct().ToList();
        var related = await RelationshipsAsync(db, children, ct);
        var memberships = await db.HouseholdMemberships.Where(m => EF.Parameter(children).Contains(m.PersonId)).Select(m => new { m.PersonId, m.HouseholdId }).ToListAsync(ct);
        var homes = memberships.Select(m => m.HouseholdId).Distinct().ToList();
        var housemates = (await db.HouseholdMemberships.Where(m => EF.Parameter(homes).Contains(m.HouseholdId)).Select(m => new { m.HouseholdId, m.PersonId }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId, m => m.PersonId);
        var circles = new Dictionary<Guid, HashSet<Guid>>();
        foreach (var child in children)
        {
            var circle = new HashSet<Guid> { child };
            circle.UnionWith(related[child]);
            foreach (var home in memberships.Where(m => m.PersonId == child).Select(m => m.HouseholdId)) circle.UnionWith(housemates[home]);
            circles[child] = circle;
        }
        var around = circles.Values.SelectMany(c => c).Distinct().ToList();
        var adults = await db.People.Where(p => EF.Parameter(around).Contains(p.Id) && p.Kind == PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        var ofAdults = await RelationshipsAsync(db, adults, ct);
        foreach (var circle in circles.Values)
            foreach (var adult in adults.Where(circle.Contains).ToList()) circle.UnionWith(ofAdults[adult]);
        // A person merged into someone in the circle keeps their entries: those entries are the circle's too.
        var everyone = circles.Values.SelectMany(c => c).Distinct().ToList();
        var merged = await Identity.Merges.MergedIntoAsync(db, everyone, ct);
        foreach (var circle in circles.Values)
            circle.UnionWith([.. circle.SelectMany(p => merged[p])]);
        return circles;
    }

    /// <summary>Each of these people with everyone related to them, either way round.</summary>
    private static async Task<ILookup<Guid, Guid>> RelationshipsAsync(ChronicleDb db, List<Guid> people, CancellationToken ct)
    {
        var forward = await db.Relationships.Where(r => EF.Parameter(people).Contains(r.PersonId)).Select(r => new { Of = r.PersonId, To = r.RelatedPersonId }).ToListAsync(ct);
        var backward = await db.Relationships.Where(r => EF.Parameter(people).Contains(r.RelatedPersonId)).Select(r => new { Of = r.RelatedPersonId, To = r.PersonId }).ToListAsync(ct);
        return forward.Concat(backward).ToLookup(r => r.Of, r => r.To);
    }

    /// <summary>The children an entry about these people concerns: the children themselves, and the children of or living with the adults.</summary>
    public static async Task<HashSet<Guid>> ChildrenConcernedAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default) =>
        [.. (await ChildrenConcernedByEachAsync(db, people, ct)).Values.SelectMany(c => c)];

    /// <summary>
    /// The children each of these people concerns, as <see cref="ChildrenConcernedAsync"/> finds them for that person
    /// alone (the person and their survivor, whoever is related to or lives with either, the children among them),
    /// worked out together: six queries for them all, not six for each.
    /// </summary>
    public static async Task<Dictionary<Guid, HashSet<Guid>>> ChildrenConcernedByEachAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        var ids = people.Distinct().ToList();
        var survivors = await Identity.Merges.SurvivorsOfEachAsync(db, ids, ct);
        var starts = ids.ToDictionary(p => p, p => new HashSet<Guid>([p, .. survivors[p]]));
        var all = starts.Values.SelectMany(s => s).Distinct().ToList();
        var related = await RelationshipsAsync(db, all, ct);
        var memberships = await db.HouseholdMemberships.Where(m => EF.Parameter(all).Contains(m.PersonId)).Select(m => new { m.PersonId, m.HouseholdId }).ToListAsync(ct);
        var homes = memberships.Select(m => m.HouseholdId).Distinct().ToList();
        var housemates = (await db.HouseholdMemberships.Where(m => EF.Parameter(homes).Contains(m.HouseholdId)).Select(m => new { m.HouseholdId, m.PersonId }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId, m => m.PersonId);
        var homesOf = memberships.ToLookup(m => m.PersonId, m => m.HouseholdId);
        var around = starts.ToDictionary(s => s.Key, s => new HashSet<Guid>(
            s.Value.Concat(s.Value.SelectMany(p => related[p])).Concat(s.Value.SelectMany(p => homesOf[p]).SelectMany(h => housemates[h]))));
        var everyone = around.Values.SelectMany(a => a).Distinct().ToList();
        var children = (await db.People.Where(p => EF.Parameter(everyone).Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return around.ToDictionary(a => a.Key, a => a.Value.Where(children.Contains).ToHashSet());
    }

    /// <summary>
    /// The other children each of these children shares a parent with (a mother, father, step-parent or carer of
    /// both), or lives with in a household on the day: those a concern about the child asks the front door to consider
    /// (SG-14, Working Together's "other children in the household"). Five queries for them all.
    /// </summary>
    public static async Task<Dictionary<Guid, HashSet<Guid>>> OtherChildrenOfEachAsync(ChronicleDb db, IReadOnlyCollection<Guid> childIds, DateOnly day, CancellationToken ct = default)
    {
        var children = childIds.Distinct().ToList();
        var parental = new[] { RelationshipKind.Mother, RelationshipKind.Father, RelationshipKind.StepParent, RelationshipKind.Carer };
        var parentsOf = await db.Relationships.Where(r => EF.Parameter(children).Contains(r.RelatedPersonId) && parental.Contains(r.Kind))
            .Select(r => new { Child = r.RelatedPersonId, Parent = r.PersonId }).ToListAsync(ct);
        var parents = parentsOf.Select(p => p.Parent).Distinct().ToList();
        var childrenOf = (await db.Relationships.Where(r => EF.Parameter(parents).Contains(r.PersonId) && parental.Contains(r.Kind))
            .Select(r => new { r.PersonId, r.RelatedPersonId }).ToListAsync(ct)).ToLookup(r => r.PersonId, r => r.RelatedPersonId);
        var homes = (await db.HouseholdMemberships.Where(m => EF.Parameter(children).Contains(m.PersonId)).ToListAsync(ct)).Where(m => m.IsCurrentOn(day)).ToList();
        var homeIds = homes.Select(m => m.HouseholdId).Distinct().ToList();
        var housemates = (await db.HouseholdMemberships.Where(m => EF.Parameter(homeIds).Contains(m.HouseholdId)).ToListAsync(ct))
            .Where(m => m.IsCurrentOn(day)).ToLookup(m => m.HouseholdId, m => m.PersonId);
        var around = children.ToDictionary(c => c, c => new HashSet<Guid>(
            parentsOf.Where(p => p.Child == c).SelectMany(p => childrenOf[p.Parent])
                .Concat(homes.Where(m => m.PersonId == c).SelectMany(m => housemates[m.HouseholdId]))));
        var everyone = around.Values.SelectMany(a => a).Distinct().ToList();
        var isChild = (await db.People.Where(p => EF.Parameter(everyone).Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return around.ToDictionary(a => a.Key, a => a.Value.Where(o => o != a.Key && isChild.Contains(o)).ToHashSet());
    }

    /// <summary>
    /// The children an entry about these people is about, in the order they are named: the children among them;
    /// when they name no child (an entry about adults only), the children of or living with those adults. Unlike
    /// <see cref="ChildrenConcernedAsync"/> it never widens an entry about a child to the child's siblings, so what
    /// is shared for a child reaches that child's team and no other.
    /// </summary>
    public static async Task<List<Guid>> ChildrenAboutAsync(ChronicleDb db, IReadOnlyList<Guid> subjects, CancellationToken ct = default)
    {
        // In a stable order (by name, then id), as an entry's subjects come back from the database in none.
        var named = await db.People.AsNoTracking().Where(p => subjects.Contains(p.Id) && p.Kind != PersonKind.Adult).ToListAsync(ct);
        if (named.Count > 0) return [.. named.OrderBy(p => p.DisplayName, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Id)];
        return [.. (await ChildrenConcernedAsync(db, subjects, ct)).Order()];
    }
}
