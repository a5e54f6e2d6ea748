using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;

namespace Chronicle.Web.Alerts;

/// <summary>A step under way within its time, as its owner's work shows it: not an alert, nothing is late yet.</summary>
public sealed record ReminderView(Guid ChildId, string Child, string SafeguardId, string Title, string Summary, string AskFor, DateTimeOffset DueAt, string Owner, Guid? OwnerId);

/// <summary>
/// The safeguards' reminders (a pathway's next steps, a statutory clock that is near: <see cref="Finding.Reminder"/>)
/// for children whose record the caller has already checked the user may see. They are worked out from each child's
/// case file at the moment asked, never stored and never counted as alerts. Their texts are written from the whole
/// family's record, so a person around the child whom the user may not see is withheld from them as from an alert's.
/// </summary>
public static class Reminders
{
    public static async Task<IReadOnlyList<ReminderView>> ForChildrenAsync(ChronicleDb db, SafeguardEngine engine, Security.ChildAccess access, IReadOnlyList<Guid> children, Guid partnershipId,
        DateTimeOffset now, CancellationToken ct = default)
    {
        if (children.Count == 0) return [];
        var context = new SafeguardContext(now, WorkingDayCalendar.EnglandAndWales, await SafeguardEngine.PolicyAsync(db, partnershipId, ct));
        var found = new List<(Guid Child, ISafeguard Safeguard, Finding Finding, Guid? Owner, WithheldNames Withheld)>();
        // The children's files read together (a family's entries once for all its children, those already read before
        // kept by the engine).
        var files = await CaseFileLoader.LoadManyAsync(db, children, now, engine.EntryCache, ct);
        foreach (var child in children)
        {
            if (!files.TryGetValue(child, out var file) || file.Child.PartnershipId != partnershipId) continue;
            var withheld = await access.NamesWithheldAroundAsync(child, ct);
            foreach (var (safeguard, finding) in engine.Reminders(file, context))
                found.Add((child, safeguard, finding, finding.OwnerProfessionalId ?? SafeguardEngine.Owner(file, now), withheld));
        }
        var names = await ChronologyReader.NamesAsync(db, partnershipId, children, found.Select(f => f.Owner).OfType<Guid>(), ct);
        var reminders = found.Select(f => new ReminderView(f.Child, names.Person(f.Child), f.Safeguard.Id, f.Safeguard.Title, f.Withheld.In(f.Finding.Summary), f.Withheld.In(f.Finding.AskFor),
            f.Finding.DueAt, f.Owner is { } owner ? names.Professional(owner) : "No one named", f.Owner)).ToList();
        return [.. reminders.OrderBy(r => r.DueAt).ThenBy(r => r.Child, StringComparer.CurrentCulture)];
    }
}
