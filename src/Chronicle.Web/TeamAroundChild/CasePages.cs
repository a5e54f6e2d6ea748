using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.TeamAroundChild;

/// <summary>What the team's pages share: the audit of what they read and write, and the directory as choices.</summary>
public sealed class CasePages(CurrentUser currentUser, ChildAccess access, RecordAudit audit, Forms.ProfessionalChoices choices)
{
    public Task AuditReadAsync(Guid childId, string? detail = null, CancellationToken ct = default) => audit.ReadAsync([childId], detail, ct);

    /// <summary>Notes a write about the child for the audit, and writes it.</summary>
    public async Task AuditWriteAsync(Guid childId, string detail, CancellationToken ct)
    {
        await access.NoteWriteAboutAsync([childId], ct);
        await audit.AppendAsync(Core.Audit.AuditAction.Write, childId, detail, ct: ct);
    }

    /// <summary>
    /// Professionals as choices after a first empty one (<see cref="Forms.ProfessionalChoices"/>): the team around the
    /// child (when there is a child), then the user's own agency; the rest of the partnership when asked for.
    /// </summary>
    public Task<List<SelectListItem>> ProfessionalsAsync(Guid partnershipId, Guid? childId, string prompt, IEnumerable<Guid?> chosen, bool everyone, CancellationToken ct) =>
        ProfessionalsAsync(partnershipId, childId, prompt, chosen, everyone, null, ct);

    /// <summary>The same, with the professionals of the agencies working with the child offered too.</summary>
    public async Task<List<SelectListItem>> ProfessionalsAsync(Guid partnershipId, Guid? childId, string prompt, IEnumerable<Guid?> chosen, bool everyone, IEnumerable<Guid>? working, CancellationToken ct)
    {
        var mine = (await currentUser.GetAsync(ct))?.Professional?.AgencyId;
        return await choices.ForAsync(partnershipId, childId, mine, prompt, everyone, chosen, working, ct);
    }
}

/// <summary>A page of the team's work on a child's case: the child from the route (opened by <see cref="OpenChildFilter"/>), and the errors of the last post.</summary>
public abstract class CasePageModel : ChildPageModel
{
    /// <summary>What the last post did, for the success banner ("acknowledged").</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    /// <summary>Whether the form's professional pickers list the whole partnership, not only the team and the user's agency.</summary>
    [BindProperty(SupportsGet = true)] public bool Everyone { get; set; }

    /// <summary>The alert whose "What to do" opened this page: a successful post returns to it with its confirmation.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Alert { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The first error whose field starts with this prefix ("items[0]."), for a group of inputs.</summary>
    public string? ErrorUnder(string prefix) => Errors.FirstOrDefault(e => e.Field.StartsWith(prefix, StringComparison.Ordinal))?.Message;

    /// <summary>
    /// After a successful post: back to the alert that asked for it, if the page was opened from one of this child's
    /// alerts (the alert page checks the user's access to it again; an alert id from elsewhere would confirm what was
    /// done against another child's alert), otherwise to <paramref name="page"/>, each with what was done. When what was
    /// done ended the user's access to the child (the front door's decision on the last contact waiting for one), both
    /// would answer "Page not found": the user goes to their work tray instead, told what was recorded and how the alert stands.
    /// </summary>
    protected async Task<IActionResult> FinishAsync(string done, RedirectToPageResult page, CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var db = services.GetRequiredService<ChronicleDb>();
        var found = Alert is { } alert ? await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alert && a.SubjectPersonId == Id, ct) : null;
        var access = services.GetRequiredService<ChildAccess>();
        access.Refresh();
        if (await access.ChildAsync(Id, ct) is null)
        {
            TempData[AccessEnded.Key] = AccessEnded.Words(done, ChildName, found);
            return RedirectToPage("/Index");
        }
        if (found is not null) return RedirectToPage("/Alerts/Alert", new { id = found.Id, done });
        return page;
    }

    protected void ShowErrors(IEnumerable<FieldError> errors)
    {
        Errors = [.. errors];
        ViewData["HasErrors"] = Errors.Count > 0;
    }
}

/// <summary>
/// What the work tray says after a write that ended the user's access to the child it was about: what was recorded,
/// for whom, and whether the alert that asked for it is resolved (the alert's page is no longer theirs to open).
/// </summary>
public static class AccessEnded
{
    /// <summary>The TempData key the work tray reads: the banner's heading, a new line, then its text.</summary>
    public const string Key = "AccessEnded";

    public static string Words(string done, string child, Core.Safeguards.Alert? alert)
    {
        var what = done switch
        {
            "corrected" => $"Your correction is on {child}'s record",
            "shared" => $"The entry about {child} is shared",
            "scheduled" => $"The meeting about {child} is scheduled",
            "added" => $"They are added to the team around {child}",
            "proposed" => $"Your proposal to add them to the team around {child} is waiting for the lead professional",
            "supervised" => $"The supervision is on {child}'s record",
            _ => $"Your entry is on {child}'s record",
        };
        var title = alert is null ? null : Core.Safeguards.SafeguardCatalogue.Find(alert.SafeguardId)?.Title ?? "the alert";
        var outcome = alert is null ? ""
            : alert.Status == Core.Safeguards.AlertStatus.Resolved ? $"The alert \u201c{title}\u201d is resolved: the record now shows what it asked for. "
            : alert.IsOpen ? $"The alert \u201c{title}\u201d stays open until the record shows what it asks for. "
            : "";
        return $"{what}\n{outcome}What you recorded ended your access to {child}'s record, so you are back at your work.";
    }
}

/// <summary>How the team's pages say things about members.</summary>
public static class TeamWords
{
    /// <summary>"Allocated social worker; GP for Mother of Child A": their part with the child, or with which adult.</summary>
    public static string Why(Core.TeamAroundChild.TeamMember member, Guid childId)
    {
        var parts = member.WorksWith.Select(r => r.PersonId == childId ? $"{r.Role} (with the child)" : $"{r.Role} for {r.PersonName}").Distinct().ToList();
        if (member.Source == Core.TeamAroundChild.MemberSource.Added) parts.Add("added to the team");
        return string.Join("; ", parts);
    }
}
