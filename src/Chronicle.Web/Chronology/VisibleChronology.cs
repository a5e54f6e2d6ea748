using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Web.Security;

namespace Chronicle.Web.Chronology;

/// <summary>A child's chronology as one user may see it: entries whose sharing level does not let them see it are left out.</summary>
public static class VisibleChronology
{
    public static async Task<IReadOnlyList<ChronologyItem>> ForChildAsync(ChronicleDb db, ChildAccess access, VisibleChild child, Guid partnershipId, ChronologyFilter? filter, CancellationToken ct = default)
    {
        var items = await ChronologyReader.ForChildAsync(db, partnershipId, child.ChildId, filter, ct);
        var shown = new List<ChronologyItem>(items.Count);
        foreach (var item in items)
            if (await access.MaySeeAsync(child, item.Entry, ct)) shown.Add(item);
        // A correction the user may not see still marks the entry as corrected, without its reason.
        var visible = shown.Select(i => i.Entry.Id).ToHashSet();
        return [.. shown.Select(i => i.SupersededBy is { } by && !visible.Contains(by)
            ? i with { SupersededReason = "corrected in an entry you cannot see" }
            : i)];
    }
}
