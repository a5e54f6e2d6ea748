using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Chronology;

/// <summary>The later versions of corrected entries: what the sharing level of a correction asks of reading the original.</summary>
public static class Corrections
{
    /// <summary>
    /// For each of these entries that has been corrected, its correction, that one's, and so on, oldest first; an
    /// entry never corrected is not in the answer. A few queries, one for each step of the longest chain.
    /// </summary>
    public static Task<IReadOnlyDictionary<Guid, IReadOnlyList<ChronologyEntry>>> LaterVersionsAsync(ChronicleDb db, IReadOnlyCollection<Guid> entryIds, CancellationToken ct) =>
        LaterVersionsAsync(db, entryIds, null, ct);

    /// <summary>
    /// The same, the first step asked of the database as a query, not as a list of ids: a chronology of thousands of
    /// entries binds no parameter per entry. <paramref name="among"/> must hold every id of <paramref name="entryIds"/>
    /// (it may hold more): the corrections of an entry it leaves out would not be found, and an original shown whose
    /// correction narrowed who may read it.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ChronologyEntry>>> LaterVersionsAsync(ChronicleDb db, IReadOnlyCollection<Guid> entryIds, IQueryable<Guid>? among, CancellationToken ct)
    {
        var next = new Dictionary<Guid, ChronologyEntry>();
        var ask = entryIds.Distinct().ToList();
        var first = true;
        while (ask.Count > 0)
        {
            var found = first && among is not null
                ? await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId != null && among.Contains(e.SupersedesEntryId.Value)).ToListAsync(ct)
                : await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId != null && ask.Contains(e.SupersedesEntryId.Value)).ToListAsync(ct);
            first = false;
            foreach (var correction in found) next.TryAdd(correction.SupersedesEntryId!.Value, correction);
            ask = [.. found.Select(f => f.Id).Where(id => !next.ContainsKey(id)).Distinct()];
        }
        var answer = new Dictionary<Guid, IReadOnlyList<ChronologyEntry>>();
        foreach (var id in entryIds.Distinct())
        {
            var chain = new List<ChronologyEntry>();
            var at = id;
            while (next.TryGetValue(at, out var later) && chain.Count < next.Count)
            {
                chain.Add(later);
                at = later.Id;
            }
            if (chain.Count > 0) answer[id] = chain;
        }
        return answer;
    }
}
