using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Sharing;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Inbox;

/// <summary>
/// A manager handles an escalation sent to them: what they did, in a short note, recorded with their name and the
/// time, for every manager the same matter was escalated to. Only the recipient's own escalation opens here.
/// </summary>
[Permission(Permissions.OwnWork)]
public sealed class HandleModel(SharingService sharing, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, ChildAccess access) : PageModel
{
    [FromRoute] public Guid NotificationId { get; set; }
    [BindProperty] public string? Note { get; set; }

    public InboxItem Item { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await audit.ReadAsync(Item.Notification.ChildPersonId is { } child ? [child] : [], $"escalation {NotificationId}", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = (await currentUser.RequireAsync(ct)).Professional!.Id;
        Outcome<Notification> outcome;
        try
        {
            outcome = await sharing.HandleEscalationAsync(partnership.Id, NotificationId, me, Note, ct);
        }
        catch (WriteConflictException)
        {
            outcome = Outcome<Notification>.Refused("notificationId", "Another manager handled this escalation while you were writing: nothing you wrote was saved");
        }
        if (!outcome.Succeeded)
        {
            // The note's field is on this page; anything else is about the escalation as a whole.
            Errors = [.. outcome.Errors.Select(e => e.Field == "note" ? e : e with { Field = "escalation" })];
            ViewData["HasErrors"] = true;
            await LoadAsync(ct);
            return Page();
        }
        await audit.AppendAsync(AuditAction.Write, Item.Notification.ChildPersonId, $"escalation {NotificationId} handled", ct: ct);
        return RedirectToPage("/Inbox/Index", null, new { done = "handled", item = NotificationId, filter = "all" }, "escalations");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return false;
        var item = await sharing.ItemAsync(found.Id, me.Professional.Id, NotificationId, entries => access.HiddenPeopleInAsync(entries, ct),
            child => access.NamesWithheldAroundAsync(child, ct), ct);
        if (item is null || !item.Notification.IsEscalation) return false;
        Item = item;
        return true;
    }
}
