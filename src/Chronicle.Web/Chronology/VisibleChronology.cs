using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Chronology;

/// <summary>
/// The entries of a child's chronology one user may see, oldest first, with their details not yet read: a page
/// reads only those it shows (<see cref="ItemsAsync"/>), so a long chronology costs one query and a few summaries,
/// and the names of only the people, professionals and agencies those few name.
/// </summary>
public sealed class VisibleEntries(ChronicleDb db, Guid partnershipId, IReadOnlyList<ChronologyEntry> entries, ChildChronology chronology, IReadOnlySet<Guid> hidden)
{
    private readonly HashSet<Guid> _visible = [.. entries.Select(e => e.Id)];

    public IReadOnlyList<ChronologyEntry> Entries => entries;

    /// <summary>
    /// These entries as a reader sees them. A correction the user may not see still marks the entry as corrected,
    /// without its reason; a person the user may not see is withheld (neither named nor identified).
    /// </summary>
    public async Task<IReadOnlyList<ChronologyItem>> ItemsAsync(IEnumerable<ChronologyEntry> some, CancellationToken ct = default)
    {
        var shown = some.Select(e => (Entry: e, Details: DetailsReader.ReadStored(e.Kind, e.Details))).ToList();
        var names = (await ChronologyReader.NamesInAsync(db, partnershipId, shown, ct)).Withholding(hidden);
        return [.. shown.Select(e => ChronologyReader.Item(e.Entry, e.Details, chronology, names) with { Withheld = hidden }).Select(i => i.SupersededBy is { } by && !_visible.Contains(by)
            ? i with { SupersededReason = "corrected in an entry you cannot see" }
            : i)];
    }
}

/// <summary>
/// A child's chronology as one user may see it: entries whose sharing level does not let them see it are left out, and
/// so are entries about a child the user may not see and no child they may (a sibling's home visit, when the user is
/// not in that sibling's team; a contact about a parent's child by another partner and the parent: it is that child's
/// record, not this one's, and shown here its text would tell of that child). An entry about adults alone around the
/// child, one of them someone the user may not see (a parent's partner's police contact), stays, the adult withheld:
/// it is this child's context.
/// </summary>
public static class VisibleChronology
{
    public static async Task<IReadOnlyList<ChronologyItem>> ForChildAsync(ChronicleDb db, ChildAccess access, VisibleChild child, Guid partnershipId, ChronologyFilter? filter, CancellationToken ct = default)
    {
        var visible = await EntriesAsync(db, access, child, partnershipId, filter, ct);
        return await visible.ItemsAsync(visible.Entries, ct);
    }

    public static async Task<VisibleEntries> EntriesAsync(ChronicleDb db, ChildAccess access, VisibleChild child, Guid partnershipId, ChronologyFilter? filter, CancellationToken ct = default)
    {
        var chronology = await ChronologyReader.EntriesForChildAsync(db, partnershipId, child.ChildId, filter, ct);
        var shown = new List<ChronologyEntry>(chronology.Entries.Count);
        await access.KnowCorrectionsAsync(chronology.Entries, ct);
        foreach (var entry in chronology.Entries)
            if (await access.MaySeeAsync(child, entry, ct)) shown.Add(entry);
        // A record of sharing an entry the reader may not read (one since corrected to a narrower level) goes with it:
        // it says when that entry was written and who was told, and names it.
        var unread = chronology.Entries.Select(e => e.Id).Except(shown.Select(e => e.Id)).ToHashSet();
        if (unread.Count > 0)
            shown.RemoveAll(e => (e.Kind == Core.Chronology.EntryKinds.InformationShared.Code || e.Kind == Core.Chronology.EntryKinds.InformationAcknowledged.Code)
                && Core.Chronology.DetailsReader.ReadStored(e.Kind, e.Details) switch
                {
                    Core.Chronology.Details.InformationShared { AboutEntryId: { } about } => unread.Contains(about),
                    Core.Chronology.Details.InformationAcknowledged a => unread.Contains(a.SharedEntryId),
                    _ => false,
                });
        var hidden = await access.HiddenPeopleInAsync(shown, ct);
        // An entry about other children only, none of whom the reader may see, is theirs; an adult's stays, withheld.
        var hiddenChildren = hidden.Count == 0 ? []
            : (await db.People.AsNoTracking().Where(p => hidden.Contains(p.Id) && p.Kind != Core.Record.PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        // So is an entry about such a child and an adult around this one (a contact about a parent's other child):
        // it is not about any child the reader may see, and its text tells of the child it is about.
        var aboutHidden = hiddenChildren.Count == 0 ? [] : shown.Where(e => e.Subjects.Any(s => hiddenChildren.Contains(s.PersonId))).ToList();
        var named = aboutHidden.SelectMany(e => e.Subjects.Select(s => s.PersonId)).Where(p => !hiddenChildren.Contains(p)).Distinct().ToList();
        var seenChildren = named.Count == 0 ? []
            : (await db.People.AsNoTracking().Where(p => named.Contains(p.Id) && p.Kind != Core.Record.PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var theirs = aboutHidden.Where(e => !e.Subjects.Any(s => seenChildren.Contains(s.PersonId))).Select(e => e.Id).ToHashSet();
        shown.RemoveAll(e => theirs.Contains(e.Id));
        return new VisibleEntries(db, partnershipId, shown, chronology, hidden);
    }
}
