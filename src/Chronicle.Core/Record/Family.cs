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
    public static async Task<HashSet<Guid>> AroundChildAsync(ChronicleDb db, Guid childId, CancellationToken ct = default)
    {
        var circle = new HashSet<Guid> { childId };
        var direct = await RelatedAsync(db, [childId], ct);
        circle.UnionWith(direct);
        circle.UnionWith(await HousemembersAsync(db, [childId], ct));
        var adults = await db.People.Where(p => circle.Contains(p.Id) && p.Kind == PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        circle.UnionWith(await RelatedAsync(db, adults, ct));
        // A person merged into someone in the circle keeps their entries: those entries are the circle's too.
        circle.UnionWith(await Identity.Merges.MergedIntoAsync(db, circle, ct));
        return circle;
    }

    /// <summary>The children an entry about these people concerns: the children themselves, and the children of or living with the adults.</summary>
    public static async Task<HashSet<Guid>> ChildrenConcernedAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        // An entry about a person since merged into another concerns the survivor's children.
        people = [.. people, .. await Identity.Merges.SurvivorsOfAsync(db, people, ct)];
        var around = new HashSet<Guid>(people);
        around.UnionWith(await RelatedAsync(db, people, ct));
        around.UnionWith(await HousemembersAsync(db, people, ct));
        // The ids go as one parameter: a list (thousands of people when an agency's list is linked) bound one id a
        // parameter costs more than the read.
        var ids = around.ToList();
        var children = await db.People.Where(p => EF.Parameter(ids).Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        return [.. children];
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

    private static async Task<List<Guid>> RelatedAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var ids = people.ToList();
        var forward = await db.Relationships.Where(r => EF.Parameter(ids).Contains(r.PersonId)).Select(r => r.RelatedPersonId).ToListAsync(ct);
        var backward = await db.Relationships.Where(r => EF.Parameter(ids).Contains(r.RelatedPersonId)).Select(r => r.PersonId).ToListAsync(ct);
        return [.. forward.Concat(backward).Distinct()];
    }

    private static async Task<List<Guid>> HousemembersAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var ids = people.ToList();
        var homes = await db.HouseholdMemberships.Where(m => EF.Parameter(ids).Contains(m.PersonId)).Select(m => m.HouseholdId).Distinct().ToListAsync(ct);
        return await db.HouseholdMemberships.Where(m => EF.Parameter(homes).Contains(m.HouseholdId)).Select(m => m.PersonId).Distinct().ToListAsync(ct);
    }
}
