using Chronicle.Core.Sharing;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Inbox;

/// <summary>
/// The signed-in professional's inbox: information shared with them (why, with the lawful basis, and an acknowledge
/// button where it must be acknowledged), actions given to them, and, for managers, escalations about their staff.
/// It opens on what waits for acknowledgement when anything does; an item for information is one line, its text a
/// click away.
/// </summary>
[Permission(Permissions.OwnWork)]
public sealed class IndexModel(SharingService sharing, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, AccessGrants grants, Core.Chronology.IRecordGate gate, ChildAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    /// <summary>The item just acknowledged, named in the confirmation (only if it is one of the user's own).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Item { get; set; }

    public Core.Sharing.Inbox Inbox { get; private set; } = null!;
    public InboxFilter Chosen { get; private set; }
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];
    public IReadOnlyList<InboxItem> Escalations { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    /// <summary>Proposals that would widen access to a child the user leads: theirs to accept or decline.</summary>
    public IReadOnlyList<ProposalView> Proposals { get; private set; } = [];
    /// <summary>The item just acknowledged (no longer among what waits for acknowledgement) or handled, for the confirmation.</summary>
    public InboxItem? Acknowledged { get; private set; }
    /// <summary>What to act on next: the first item still waiting for the user's acknowledgement.</summary>
    public InboxItem? NextToAcknowledge => Items.FirstOrDefault(i => i.Notification.AwaitsAcknowledgement && i.Notification.Id != Item);

    /// <summary>The children of the items the reader may open now: only those are linked to (a link to any other would find nothing).</summary>
    public IReadOnlySet<Guid> MayOpen { get; private set; } = new HashSet<Guid>();
    /// <summary>Whether the reader reviews break-glass grants (information governance): a notice of one links to that review.</summary>
    public bool ReviewsBreakGlass { get; private set; }

    /// <summary>An item as the inbox shows it, with where its child's name may link.</summary>
    public InboxLine Line(InboxItem item) => new(item, item.Notification.ChildPersonId is { } child && MayOpen.Contains(child), ReviewsBreakGlass);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid notificationId, CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        // The service checks the notification is the user's own; the entry and child it names are the share's, not the user's.
        Core.Validation.Outcome<Notification> outcome;
        using (((RecordGate)gate).OnBehalfOfSystem(await sharing.NamedByAcknowledgementAsync(found.Id, notificationId, me.Professional.Id, ct)))
            outcome = await sharing.AcknowledgeAsync(found.Id, notificationId, me.Professional.Id, ct);
        if (!outcome.Succeeded)
        {
            Errors = [new FieldError($"item-{notificationId}", outcome.Errors.Any(e => e.Field == "professionalId") ? "There is no such notification" : outcome.Errors[0].Message)];
            ViewData["HasErrors"] = true;
            return await ShowAsync(ct);
        }
        await audit.AppendAsync(Core.Audit.AuditAction.Write, outcome.Value!.ChildPersonId, "acknowledged shared information", ct: ct);
        // At the top of the inbox, where the confirmation says what was acknowledged and what is next.
        return RedirectToPage("/Inbox/Index", null, new { done = "acknowledged", item = notificationId });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        // With no filter chosen, what waits for acknowledgement comes first, when anything does.
        HiddenIn hidden = entries => access.HiddenPeopleInAsync(entries, ct);
        WithheldAround around = child => access.NamesWithheldAroundAsync(child, ct);
        Inbox = Filter is null
            ? await sharing.InboxAcknowledgementFirstAsync(found.Id, me.Professional.Id, hidden, around, ct)
            : await sharing.InboxAsync(found.Id, me.Professional.Id, hidden, TeamApi.TryParse<InboxFilter>(Filter, out var f) ? f : InboxFilter.All, around, ct);
        Chosen = Inbox.Filter;
        if (Item is { } id)
            Acknowledged = Inbox.Items.FirstOrDefault(i => i.Notification.Id == id) ?? await sharing.ItemAsync(found.Id, me.Professional.Id, id, hidden, around, ct);
        Items = [.. Inbox.Items.Where(i => !i.Notification.IsEscalation)];
        Escalations = [.. Inbox.Items.Where(i => i.Notification.IsEscalation)];
        Proposals = await grants.AwaitingMeAsync(ct);
        MayOpen = (await access.VisibleAmongAsync([.. Inbox.Items.Concat(Acknowledged is null ? [] : [Acknowledged]).Select(i => i.Notification.ChildPersonId).OfType<Guid>().Distinct()], ct))
            .Select(v => v.ChildId).ToHashSet();
        ReviewsBreakGlass = me.Viewer.Has(Core.Security.Role.InformationGovernance);
        await audit.ReadAsync([.. Inbox.Items.Select(i => i.Notification.ChildPersonId).OfType<Guid>().Concat(Proposals.Select(p => p.Proposal.ChildPersonId)).Distinct()], "inbox", ct);
        return Page();
    }

    /// <summary>An inbox item, whether its reader may open its child, and whether they review break-glass grants.</summary>
    public sealed record InboxLine(InboxItem Item, bool MayOpenChild, bool ReviewsBreakGlass);

    public static string FilterCode(InboxFilter filter) => filter switch
    {
        InboxFilter.Unread => "unread",
        InboxFilter.NeedsAcknowledgement => "needs-acknowledgement",
        InboxFilter.Overdue => "overdue",
        _ => "all",
    };
}
