using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Closing a child's case. The loose ends come first: an open action must be done or handed on (here, by its owner
/// or their manager), a plan ended and supervision recorded; an unresolved alert or a result that never came may
/// remain only with a manager's reason, given by the manager closing the case here themselves: a worker is told to ask
/// their manager. Closing is refused until then.
/// </summary>
[Permission(Permissions.WorkOnCase)]
public sealed class ClosureModel(CasePages pages, ClosureService closure, ActionService actions, ChildAccess access, Core.Persistence.ChronicleDb db) : CasePageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Dictionary<string, string?> Accept { get; set; } = [];
    [BindProperty] public Guid? ActionId { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? HandOnReason { get; set; }

    public IReadOnlyList<LooseEnd> LooseEnds { get; private set; } = [];
    /// <summary>Whom the user is to ask to accept the loose ends a manager may accept, when they may not themselves; null when they may.</summary>
    public string? AskManager { get; private set; }

    /// <summary>The open actions the user may settle (their own, or those of someone they manage): each with its forms.</summary>
    public IReadOnlyList<LooseEnd> Mine { get; private set; } = [];

    /// <summary>Everyone else's open actions, listed with who owns them: only their owner or the owner's manager can settle them.</summary>
    public IReadOnlyList<LooseEnd> Others { get; private set; } = [];

    public static string FieldOf(LooseEnd end) => $"accept-{end.Key.Replace(':', '-')}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (OpenAction() is not { } id) return Refuse([new FieldError("actionId", "Select an open action of this case")]);
        var outcome = await actions.CompleteAsync(Case.PartnershipId, id, new CompleteActionInput(Case.Me, Note), ct);
        return await AfterActionAsync(outcome.Errors.Select(e => e with { Field = $"{e.Field}-{id}" }), "done", ct);
    }

    public async Task<IActionResult> OnPostHandOnAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (OpenAction() is not { } id) return Refuse([new FieldError("actionId", "Select an open action of this case")]);
        var outcome = await actions.HandOnAsync(Case.PartnershipId, id, new HandOnInput(Case.Me, To, HandOnReason), ct);
        return await AfterActionAsync(outcome.Errors.Select(e => e with { Field = $"{(e.Field == "reason" ? "handOnReason" : e.Field)}-{id}" }), "handed-on", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var accepted = Accept.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value!);
        var outcome = await closure.CloseAsync(Case.PartnershipId, new CloseCaseInput
        {
            ChildId = Id, RecordedByProfessionalId = Case.Me, Reason = Reason, AcceptedLooseEnds = accepted,
        }, ct);
        if (!outcome.Succeeded)
            // A loose end's error leads to its reason, or, for someone who may not give one, to the loose end itself.
            return Refuse(outcome.Errors.Select(e => LooseEnds.FirstOrDefault(l => e.Field == $"looseEnds[{l.Key}]") is { ManagerMayAccept: true } end
                ? e with { Field = AskManager is null ? FieldOf(end) : end.Key.Replace(':', '-') }
                : e.Field == "acceptedLooseEnds" ? e with { Field = "looseEnds" } : e));
        await pages.AuditWriteAsync(Id, "closed the case", ct);
        return RedirectToPage("/Children/Child", new { id = Id, done = "closed" });
    }

    private Guid? OpenAction() => Mine.FirstOrDefault(l => l.ActionId == ActionId)?.ActionId;

    private IActionResult Refuse(IEnumerable<FieldError> errors)
    {
        ShowErrors(errors);
        return Page();
    }

    private async Task<IActionResult> AfterActionAsync(IEnumerable<FieldError> errors, string done, CancellationToken ct)
    {
        var list = errors.ToList();
        if (list.Count > 0) return Refuse(list);
        await pages.AuditWriteAsync(Id, $"action {done} before closure", ct);
        return RedirectToPage("/TeamAroundChild/Closure", new { id = Id, done });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        LooseEnds = await Chronicle.Web.TeamAroundChild.CaseworkApi.WithheldAsync(access, Id, await closure.LooseEndsAsync(open.PartnershipId, Id, ct), ct);
        AskManager = LooseEnds.Any(l => l.ManagerMayAccept) ? await closure.MayNotAcceptAsync(open.PartnershipId, Id, open.Me, ct) : null;
        // Who may settle an action is ActionService's rule (its owner, the owner's manager; with no owner, a manager): the page offers only what it would accept.
        var ids = LooseEnds.Where(l => l.Kind == LooseEndKind.OpenAction).Select(l => l.ActionId).OfType<Guid>().ToList();
        var owners = await db.Actions.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.OwnerProfessionalId, ct);
        var ownerIds = owners.Values.OfType<Guid>().Distinct().ToList();
        var managed = (await db.Professionals.AsNoTracking().Where(x => ownerIds.Contains(x.Id) && x.ManagerId == open.Me).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        var manager = open.User.Professional is { } me && Core.Safeguards.AlertService.ManagerRoles.Contains(me.Role);
        bool MaySettle(LooseEnd end) => owners.GetValueOrDefault(end.ActionId!.Value) is { } owner ? owner == open.Me || managed.Contains(owner) : manager;
        Mine = [.. LooseEnds.Where(l => l.Kind == LooseEndKind.OpenAction && MaySettle(l))];
        Others = [.. LooseEnds.Where(l => l.Kind == LooseEndKind.OpenAction && !MaySettle(l))];
        return true;
    }
}
