using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Sharing;
using Chronicle.Web.Chronology;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Sharing on a child's case: each entry the user may see with who it was shared with and who has acknowledged
/// it; for one entry, every share with its lawful basis, the decisions not to share it, and recording such a decision.
/// </summary>
[Permission(Permissions.WorkOnCase)]
public sealed class SharingModel(CasePages pages, SharingService sharing, CaseEntries entries, ChildAccess access, ChronicleDb db, TimeProvider clock) : CasePageModel
{
    public sealed record EntryShares(ChronologyItem Item, int SharedWith, int Acknowledged, int Awaiting);

    [BindProperty(SupportsGet = true)] public Guid? EntryId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<Guid> Recipients { get; set; } = [];
    [BindProperty] public string? Purpose { get; set; }

    public IReadOnlyList<EntryShares> Entries { get; private set; } = [];
    public ChronologyItem? Entry { get; private set; }
    public IReadOnlyList<ShareStatus> Shares { get; private set; } = [];
    public IReadOnlyList<ChronologyItem> Decisions { get; private set; } = [];
    /// <summary>The team around the child not yet sent the entry, to share it with: "Name (Agency)".</summary>
    public IReadOnlyList<(Guid Id, string Name)> NotYetSent { get; private set; } = [];
    public bool Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Entry is null) return NotFound();
        var outcome = await sharing.RecordDecisionNotToShareAsync(Case.PartnershipId, new NotSharingInput(Entry.Entry.Id, Case.Me, Reason), ct);
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome.Errors);
            return Page();
        }
        await pages.AuditWriteAsync(Id, "recorded a decision not to share", ct);
        return RedirectToPage("/TeamAroundChild/Sharing", new { id = Id, entryId = Entry.Entry.Id, done = "decided" });
    }

    /// <summary>Shares the entry with the members of the team chosen, with the purpose; the partnership's lawful basis unless the service is told another.</summary>
    public async Task<IActionResult> OnPostShareAsync(CancellationToken ct)
    {
        Posted = true;
        if (!await LoadAsync(ct) || Entry is null) return NotFound();
        // Only the team around the child is offered; anyone else posted is refused as not one of the choices.
        var offered = NotYetSent.Select(m => m.Id).ToHashSet();
        if (Recipients.Any(r => !offered.Contains(r)))
        {
            ShowErrors([new Core.Validation.FieldError("recipients", "Select people from the team around the child listed")]);
            return Page();
        }
        var outcome = await sharing.ShareAsync(Case.PartnershipId, new ShareInput(Entry.Entry.Id, Case.Me, Recipients, Purpose), ct);
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome.Errors.Select(e => e.Field.StartsWith("recipientProfessionalIds", StringComparison.Ordinal) ? e with { Field = "recipients" } : e)
                .OrderBy(e => e.Field == "recipients" ? 0 : 1));
            return Page();
        }
        await pages.AuditWriteAsync(Id, "shared an entry with the team", ct);
        return await FinishAsync("shared", RedirectToPage("/TeamAroundChild/Sharing", new { id = Id, entryId = Entry.Entry.Id, done = "shared" }), ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        var chronology = await VisibleChronology.ForChildAsync(db, access, open.Child, open.PartnershipId, null, ct);
        if (EntryId is { } entryId)
        {
            if (await entries.VisibleAsync(Id, entryId, ct) is null) return false;
            Entry = chronology.FirstOrDefault(i => i.Entry.Id == entryId);
            if (Entry is null) return false;
            Shares = await sharing.SharesOfEntryAsync(open.PartnershipId, entryId, ct);
            Decisions = [.. chronology.Where(i => i.Details is DecisionRecorded { Topic: DecisionTopic.InformationSharing } d && d.AboutEntryId == entryId)];
            var sent = Shares.Select(x => x.ProfessionalId).ToHashSet();
            var team = await Core.TeamAroundChild.ChildTeam.LoadAsync(db, Id, Core.Time.WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct);
            NotYetSent = [.. (team?.Members ?? []).Where(m => m.ProfessionalId is { } p && p != open.Me && !sent.Contains(p))
                .Select(m => (m.ProfessionalId!.Value, $"{m.Name} ({m.AgencyName})")).DistinctBy(m => m.Item1).OrderBy(m => m.Item2, StringComparer.CurrentCulture)];
            return true;
        }
        var ids = chronology.Select(i => i.Entry.Id).ToList();
        var shares = await db.Notifications.AsNoTracking()
            .Where(n => n.PartnershipId == open.PartnershipId && n.Kind == NotificationKind.EntryShared && n.EntryId != null && ids.Contains(n.EntryId.Value))
            .Select(n => new { n.EntryId, n.NeedsAcknowledgement, n.AcknowledgedAt }).ToListAsync(ct);
        Entries = [.. chronology.Where(i => i.Details is not (InformationShared or InformationAcknowledged)).Reverse().Select(i =>
        {
            var of = shares.Where(s => s.EntryId == i.Entry.Id).ToList();
            return new EntryShares(i, of.Count, of.Count(s => s.AcknowledgedAt is not null), of.Count(s => s.NeedsAcknowledgement && s.AcknowledgedAt is null));
        })];
        return true;
    }
}
