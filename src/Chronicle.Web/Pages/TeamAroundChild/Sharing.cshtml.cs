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
/// it, and a way to share each; for one entry, every share with its lawful basis, sharing it with chosen people (the
/// team around the child, the managers of its members, the front door), the decisions not to share it, and
/// recording such a decision.
/// </summary>
[Permission(Permissions.WorkOnCase)]
public sealed class SharingModel(CasePages pages, SharingService sharing, CaseEntries entries, ChildAccess access, ChronicleDb db) : CasePageModel
{
    public sealed record EntryShares(ChronologyItem Item, int SharedWith, int Acknowledged, int Awaiting);

    [BindProperty(SupportsGet = true)] public Guid? EntryId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<Guid> Recipients { get; set; } = [];
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? LawfulBasis { get; set; }
    /// <summary>"yes" or "no": whether each person must acknowledge a routine entry (a significant one always must).</summary>
    [BindProperty] public string? Acknowledge { get; set; }

    public IReadOnlyList<EntryShares> Entries { get; private set; } = [];
    public ChronologyItem? Entry { get; private set; }
    public IReadOnlyList<ShareStatus> Shares { get; private set; } = [];
    public IReadOnlyList<ChronologyItem> Decisions { get; private set; } = [];
    /// <summary>Those the entry may be sent to who have not been sent it: the team, managers of its members, the front door.</summary>
    public IReadOnlyList<ShareChoice> NotYetSent { get; private set; } = [];
    /// <summary>Whether each recipient must acknowledge it whatever the sharer chooses: a significant or critical entry.</summary>
    public bool MustAcknowledge => Entry?.Entry.Significance >= Core.Chronology.Significance.Significant;
    public bool Posted { get; private set; }
    /// <summary>Whether the entry is about this child (not only about a sibling, shared from the sibling's record).</summary>
    public bool AboutChild { get; private set; }

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

    /// <summary>
    /// Shares the entry with the people chosen, why, on the lawful basis given (the partnership's, shown, unless changed)
    /// and, for a routine entry, whether each must acknowledge it. The service checks each person may open the child.
    /// </summary>
    public async Task<IActionResult> OnPostShareAsync(CancellationToken ct)
    {
        Posted = true;
        if (!await LoadAsync(ct) || Entry is null) return NotFound();
        // "Must each acknowledge?" left unanswered is the service's refusal, as through the API: nothing is sent.
        var outcome = await sharing.ShareAsync(Case.PartnershipId,
            new ShareInput(Entry.Entry.Id, Case.Me, Recipients, Purpose, LawfulBasis, Id, MustAcknowledge || Acknowledge == "yes" ? true : Acknowledge == "no" ? false : null), ct);
        if (!outcome.Succeeded)
        {
            var order = new[] { "recipients", "purpose", "lawfulBasis", "acknowledge" };
            ShowErrors(outcome.Errors.Select(e => e.Field.StartsWith("recipientProfessionalIds", StringComparison.Ordinal) ? e with { Field = "recipients" }
                    : e.Field == "needsAcknowledgement" ? e with { Field = "acknowledge" } : e)
                .OrderBy(e => Array.IndexOf(order, e.Field) is var i and >= 0 ? i : order.Length));
            return Page();
        }
        await pages.AuditWriteAsync(Id, "shared an entry", ct);
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
            AboutChild = (await Core.Record.Family.ChildrenAboutAsync(db, [.. Entry.Entry.Subjects.Select(x => x.PersonId)], ct)).Contains(Id);
            NotYetSent = AboutChild ? await sharing.ChoicesAsync(open.PartnershipId, Id, entryId, open.Me, ct) : [];
            LawfulBasis ??= (await Core.TeamAroundChild.TeamPolicy.LoadAsync(db, open.PartnershipId, ct))
                .Get(Core.TeamAroundChild.TeamPolicy.Sharing, Core.TeamAroundChild.TeamPolicy.LawfulBasis);
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
