using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;

namespace Chronicle.Core.Sharing;

/// <summary>
/// Shares every entry, once recorded, with the members of the team around each child it concerns who may see it
/// at its sharing level: a notification each, and an information-shared entry recording what was shared, with
/// whom and on what lawful basis. The share is written through <paramref name="chronologyFor"/> so the other
/// observers (the safeguards) see it; it is not itself shared again. Information recorded as shared with named
/// professionals (an information-shared entry written by hand, not by a share) reaches each of them as an item to
/// acknowledge, as a share does; what the front door is told is a contact, recorded as one where none is open.
/// </summary>
public sealed class SharingObserver(Func<ChronicleDb, ChronologyService> chronologyFor, TimeProvider clock, WorkingDayCalendar calendar) : IChronologyObserver
{
    public SharingObserver(Func<ChronicleDb, ChronologyService> chronologyFor, TimeProvider clock)
        : this(chronologyFor, clock, WorkingDayCalendar.EnglandAndWales) { }

    public async Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct)
    {
        if (details is InformationShared told)
        {
            // A share of another entry (Sharer.ShareAsync) notifies its recipients itself, with its own acknowledgement rule.
            if (told.AboutEntryId is null) await Sharer.NotifyNamedAsync(db, chronologyFor(db), clock, calendar, entry, told, ct);
            return;
        }
        if (Sharer.IsAboutSharing(details)) return;
        var recipients = await Sharer.RecipientsAsync(db, entry, details, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct);
        if (recipients.Count == 0) return;
        var shared = await Sharer.ShareAsync(db, chronologyFor(db), clock, calendar, entry, recipients, entry.RecordedByProfessionalId, null, null, ct);
        if (!shared.Succeeded)
            throw new InvalidOperationException($"Entry {entry.Id} could not be shared: {string.Join("; ", shared.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }
}
