using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Chronology;

/// <summary>
/// The entries of a child's chronology one user may see, oldest first, as outlines: what decides who may read each
/// and where it sorts, never its details or narrative (<see cref="Entries"/>' <c>Details</c> are empty). A page reads
/// the whole entries it shows (<see cref="ItemsAsync"/>), so a long chronology costs the same few queries whatever
/// its length, and the names of only the people, professionals and agencies those few name.
/// </summary>
public sealed class VisibleEntries(ChronicleDb db, ChildAccess access, Guid partnershipId, IReadOnlyList<ChronologyEntry> entries, IReadOnlyList<ChronologyEntry> unfiltered, ChildChronology chronology)
{
    // Every entry the user may see, whatever the filter keeps: a correction the filter leaves out is still one they may read.
    private readonly HashSet<Guid> _visible = [.. unfiltered.Select(e => e.Id)];

    /// <summary>The outlines of the entries the user may see, oldest first: kind, dates, recorder, levels and subjects, without details.</summary>
    public IReadOnlyList<ChronologyEntry> Entries => entries;

    /// <summary>The same before the filter was applied: every entry of the chronology the user may see (what a filter can choose from).</summary>
    public IReadOnlyList<ChronologyEntry> Unfiltered => unfiltered;

    /// <summary>
    /// These entries as a reader sees them, read whole in one query. A correction the user may not see still marks the
    /// entry as corrected, without its reason; a person the user may not see is withheld (neither named nor identified).
    /// </summary>
    public async Task<IReadOnlyList<ChronologyItem>> ItemsAsync(IEnumerable<ChronologyEntry> some, CancellationToken ct = default)
    {
        var ids = some.Select(e => e.Id).Where(_visible.Contains).ToList();
        if (ids.Count == 0) return [];
        var read = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var whole = ids.Select(id => read[id]).ToList();
        var hidden = await access.HiddenPeopleInAsync(whole, ct);
        var shown = whole.Select(e => (Entry: e, Details: DetailsReader.ReadStored(e.Kind, e.Details))).ToList();
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
/// it is this child's context. Decided on the entries' outlines (<see cref="ChronologyReader.OutlinesForChildAsync"/>)
/// in a few queries whatever the chronology's length; only a record of sharing is read further, and only when an
/// entry is left out (it may name that entry).
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
        var circle = (await access.CirclesAsync([child.ChildId], ct))[child.ChildId];
        // Who may read what is decided on the whole chronology, the filter applied last: a record of sharing an entry the
        // reader may not read goes whether or not the filter keeps that entry.
        var chronology = await ChronologyReader.OutlinesForChildAsync(db, partnershipId, circle, ct);
        var shown = new List<ChronologyEntry>(chronology.Entries.Count);
        access.KnowCorrections(chronology.Entries, chronology.LaterVersions);
        foreach (var entry in chronology.Entries)
            if (await access.MaySeeAsync(child, entry, ct)) shown.Add(entry);
        // A record of sharing an entry the reader may not read (one since corrected to a narrower level) goes with it:
        // it says when that entry was written and who was told, and names it.
        var unread = chronology.Entries.Select(e => e.Id).Except(shown.Select(e => e.Id)).ToHashSet();
        if (unread.Count > 0)
        {
            var records = shown.Where(e => e.Kind == EntryKinds.InformationShared.Code || e.Kind == EntryKinds.InformationAcknowledged.Code).Select(e => e.Id).ToList();
            var details = records.Count == 0 ? []
                : await db.Entries.AsNoTracking().Where(e => records.Contains(e.Id)).Select(e => new { e.Id, e.Kind, e.Details }).ToListAsync(ct);
            var naming = details.Where(e => DetailsReader.ReadStored(e.Kind, e.Details) switch
            {
                InformationShared { AboutEntryId: { } about } => unread.Contains(about),
                InformationAcknowledged a => unread.Contains(a.SharedEntryId),
                _ => false,
            }).Select(e => e.Id).ToHashSet();
            shown.RemoveAll(e => naming.Contains(e.Id));
        }
        // An entry about other children only, none of whom the reader may see, is theirs; an adult's stays, withheld.
        // Whom an entry is about is in its subjects: the people the reader may not see among them decide it.
        var subjects = shown.SelectMany(e => e.Subjects.Select(s => s.PersonId)).Distinct().ToList();
        var hidden = await access.HiddenAmongAsync(subjects, ct);
        var hiddenChildren = hidden.Count == 0 ? []
            : (await db.People.AsNoTracking().Where(p => hidden.Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        // So is an entry about such a child and an adult around this one (a contact about a parent's other child):
        // it is not about any child the reader may see, and its text tells of the child it is about.
        var aboutHidden = hiddenChildren.Count == 0 ? [] : shown.Where(e => e.Subjects.Any(s => hiddenChildren.Contains(s.PersonId))).ToList();
        var named = aboutHidden.SelectMany(e => e.Subjects.Select(s => s.PersonId)).Where(p => !hiddenChildren.Contains(p)).Distinct().ToList();
        var seenChildren = named.Count == 0 ? []
            : (await db.People.AsNoTracking().Where(p => named.Contains(p.Id) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var theirs = aboutHidden.Where(e => !e.Subjects.Any(s => seenChildren.Contains(s.PersonId))).Select(e => e.Id).ToHashSet();
        shown.RemoveAll(e => theirs.Contains(e.Id));
        var filtered = filter is null ? shown : [.. shown.Where(filter.Keeps)];
        return new VisibleEntries(db, access, partnershipId, filtered, shown, chronology);
    }
}
