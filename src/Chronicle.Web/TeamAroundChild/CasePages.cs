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
    /// done against another child's alert), otherwise to <paramref name="page"/>, each with what was done.
    /// </summary>
    protected async Task<IActionResult> FinishAsync(string done, RedirectToPageResult page, CancellationToken ct)
    {
        if (Alert is { } alert && await HttpContext.RequestServices.GetRequiredService<ChronicleDb>().Alerts.AsNoTracking().AnyAsync(a => a.Id == alert && a.SubjectPersonId == Id, ct))
            return RedirectToPage("/Alerts/Alert", new { id = alert, done });
        return page;
    }

    protected void ShowErrors(IEnumerable<FieldError> errors)
    {
        Errors = [.. errors];
        ViewData["HasErrors"] = Errors.Count > 0;
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
