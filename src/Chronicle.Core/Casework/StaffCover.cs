using Chronicle.Core.Actions;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;

namespace Chronicle.Core.Casework;

/// <summary>
/// Who may cover an absent colleague's work: someone who may open the record of each child the absence is about (its
/// subjects, and the children of an adult among them, as for an action's owner). One rule: the chronology refuses any
/// other cover, and the absences page offers only those who pass it.
/// </summary>
public static class StaffCover
{
    /// <summary>For each candidate, the children of the absence they may not open: none means they may cover it.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> ChildrenBlindToAsync(
        ChronicleDb db, IReadOnlyList<Guid> subjects, IReadOnlyCollection<Guid> candidates, DateTimeOffset now, CancellationToken ct)
    {
        var people = candidates.Distinct().ToList();
        var children = await ActionTracker.ChildrenOfAsync(db, subjects, ct);
        var blind = await ChildAccessReader.MayNotSeeAsync(db, children, people, now, ct);
        return people.ToDictionary(p => p, p => (IReadOnlyList<Guid>)[.. children.Where(c => blind.TryGetValue(c, out var b) && b.Contains(p))]);
    }
}
