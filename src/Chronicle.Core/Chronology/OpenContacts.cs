using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Chronology;

/// <summary>
/// A contact or referral still waiting for the front door's decision, once for each person it is about: a fact kept
/// with every write of a contact, a decision or a correction of either (<see cref="OpenContacts.RefreshAsync"/>), so
/// that the front door's work and its access read what is open through an index, not every contact of the partnership.
/// </summary>
public sealed class OpenContact
{
    public Guid ContactEntryId { get; set; }
    public Guid PersonId { get; set; }
    public Guid PartnershipId { get; set; }
    /// <summary>When the contact was made (its entry's <see cref="ChronologyEntry.When"/>): the longest waiting come first.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// Which contacts are open: of the current entries about a person (corrections applied: an entry that has been
/// corrected counts no more, whatever its correction became), the contacts with no decision on them. A decision names
/// the contact it decides; one that names none, or names an entry that is none of the person's current contacts (the
/// information shared that a decision was asked for), answers every contact about the person made before it or at its time.
/// </summary>
public static class OpenContacts
{
    /// <summary>Whether an entry of this kind can open or close a contact.</summary>
    public static bool Concerns(string kind) => kind == EntryKinds.Contact.Code || kind == EntryKinds.ContactDecision.Code;

    /// <summary>Of one person's current contacts and decisions, the contacts still waiting for a decision.</summary>
    public static IEnumerable<CaseEntry> Among(IReadOnlyList<CaseEntry> aboutPerson)
    {
        var decisions = aboutPerson.Where(e => e.Details is ContactDecision).ToList();
        var contacts = aboutPerson.Where(e => e.Details is ContactReceived).ToList();
        var ids = contacts.Select(c => c.Id).ToHashSet();
        // A decision naming what is not one of the person's contacts (the information shared with the front door, which
        // opened a contact of its own at the moment it was shared) answers them as one naming none does.
        return contacts.Where(contact => !decisions.Any(d =>
            d.As<ContactDecision>()!.ContactEntryId is { } decided && ids.Contains(decided) ? decided == contact.Id : d.When >= contact.When));
    }

    /// <summary>
    /// The open contacts among these entries, a row for each person each is about: the entries of whole families (any
    /// kind: the corrections among them are applied first), or every current contact and decision about some people.
    /// </summary>
    public static List<OpenContact> RowsFor(IEnumerable<CaseEntry> entries)
    {
        var list = entries.ToList();
        var superseded = list.Where(e => e.Entry.SupersedesEntryId is not null).Select(e => e.Entry.SupersedesEntryId!.Value).ToHashSet();
        return [.. list.Where(e => Concerns(e.Entry.Kind) && !superseded.Contains(e.Id))
            .SelectMany(e => e.Entry.Subjects.Select(s => (s.PersonId, Entry: e)))
            .GroupBy(x => x.PersonId, x => x.Entry)
            .SelectMany(g => Among([.. g.Distinct()]).Select(c => new OpenContact
            {
                ContactEntryId = c.Id, PersonId = g.Key, PartnershipId = c.Entry.PartnershipId, ReceivedAt = c.When,
            }))];
    }

    /// <summary>
    /// Works out again the open contacts of these people from their current contacts and decisions and keeps them, in
    /// the caller's transaction, after the write that changed them is saved. On PostgreSQL the people's rows are locked
    /// first, so that two writes about one person at once keep the second's answer, worked out after the first's.
    /// </summary>
    public static async Task RefreshAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        var ids = people.Distinct().Order().ToArray();
        if (ids.Length == 0) return;
        if (!db.IsSqlite) await db.Database.ExecuteSqlAsync($"SELECT 1 FROM people WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE", ct);
        var entries = await CurrentAsync(db, db.Entries.Where(e => e.Subjects.Any(s => ids.Contains(s.PersonId))), ct);
        var rows = RowsFor(entries).Where(r => ids.Contains(r.PersonId)).ToList();
        await db.OpenContacts.Where(o => ids.Contains(o.PersonId)).ExecuteDeleteAsync(ct);
        db.OpenContacts.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every database's open contacts written once, when the table is made (schema 0018), from the record as it stands.</summary>
    public static async Task BackfillAsync(ChronicleDb db, CancellationToken ct = default)
    {
        db.OpenContacts.AddRange(RowsFor(await CurrentAsync(db, db.Entries, ct)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The contacts and decisions among these entries that no entry corrects, with their subjects and details.</summary>
    private static async Task<List<CaseEntry>> CurrentAsync(ChronicleDb db, IQueryable<ChronologyEntry> among, CancellationToken ct) =>
        [.. (await among.AsNoTracking().Include(e => e.Subjects)
                .Where(e => (e.Kind == EntryKinds.Contact.Code || e.Kind == EntryKinds.ContactDecision.Code) && !db.Entries.Any(x => x.SupersedesEntryId == e.Id))
                .ToListAsync(ct))
            .Select(e => new CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)))];
}
