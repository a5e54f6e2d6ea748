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
public sealed class SharingModel(CasePages pages, SharingService sharing, CaseEntries entries, ChildAccess access, ChronicleDb db) : CasePageModel
{
    public sealed record EntryShares(ChronologyItem Item, int SharedWith, int Acknowledged, int Awaiting);

    [BindProperty(SupportsGet = true)] public Guid? EntryId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<EntryShares> Entries { get; private set; } = [];
    public ChronologyItem? Entry { get; private set; }
    public IReadOnlyList<ShareStatus> Shares { get; private set; } = [];
    public IReadOnlyList<ChronologyItem> Decisions { get; private set; } = [];

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
        return Redirect($"/children/{Id}/sharing?entryId={Entry.Entry.Id}&done=decided");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await pages.OpenAsync(Id, ViewData, ct) is not { } open) return false;
        Case = open;
        var chronology = await VisibleChronology.ForChildAsync(db, access, open.Child, open.PartnershipId, null, ct);
        if (EntryId is { } entryId)
        {
            if (await entries.VisibleAsync(Id, entryId, ct) is null) return false;
            Entry = chronology.FirstOrDefault(i => i.Entry.Id == entryId);
            if (Entry is null) return false;
            Shares = await sharing.SharesOfEntryAsync(open.PartnershipId, entryId, ct);
            Decisions = [.. chronology.Where(i => i.Details is DecisionRecorded { Topic: DecisionTopic.InformationSharing } d && d.AboutEntryId == entryId)];
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
