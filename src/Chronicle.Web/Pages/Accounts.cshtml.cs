using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Web.GovUk;
using Chronicle.Web.Hosting;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages;

/// <summary>
/// The partnership's accounts, for administrators: found by name or user name, agency, role and whether disabled, a
/// page at a time, each leading to its own page to act on it; and the way to add one. In the demo partnership, with
/// the shared demo password.
/// </summary>
[Permission(Permissions.Administer)]
public sealed class AccountsModel(AccountAdministration administration, ChronicleDb db, CurrentPartnership partnership) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AccountLine> Accounts { get; private set; } = [];
    public int Total { get; private set; }
    public Pagination? Pages { get; private set; }
    public bool IsDemo { get; private set; }
    public List<SelectListItem> Agencies { get; private set; } = [];
    public List<SelectListItem> Roles { get; private set; } = [];
    public List<SelectListItem> Statuses { get; private set; } = [];
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Agency is not null || Role is { Length: > 0 } || Status is "active" or "disabled";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return NotFound();
        IsDemo = found.Code == DemoPartnership.Code;
        Role? role = Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => AccountAdministration.Named(r!.Value) == Role);
        var filter = new AccountFilter(Q, Agency, role, Status switch { "active" => false, "disabled" => true, _ => null });
        PageNumber = Math.Max(PageNumber, 1);
        (Accounts, Total) = await administration.ListAsync(found.Id, filter, PageNumber, ct);
        var pages = Math.Max(1, (Total + AccountAdministration.PageSize - 1) / AccountAdministration.PageSize);
        Pages = Pagination.Of(Math.Min(PageNumber, pages), pages, n => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Url.Page("/Accounts", new { q = Q, agency = Agency, role = Role, status = Status })!, "page", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Agencies = Forms.AgencyChoices.Of("Any agency", await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == found.Id).ToListAsync(ct), new HashSet<Guid>(), Agency);
        Roles = [new("Any role", ""), .. Enum.GetValues<Role>().Select(r => new SelectListItem(RoleName(r), AccountAdministration.Named(r), r == role))];
        Statuses = [new("Active or disabled", ""), new("Active", "active", Status == "active"), new("Disabled", "disabled", Status == "disabled")];
        return Page();
    }

    /// <summary>A role as people call it, not its code ("Conference chair", not ConferenceChair).</summary>
    public static string RoleName(Role role) => role switch
    {
        Core.Security.Role.Practitioner => "Practitioner",
        Core.Security.Role.TeamManager => "Team manager",
        Core.Security.Role.ConferenceChair => "Conference chair",
        Core.Security.Role.FrontDoor => "Front door (MASH)",
        Core.Security.Role.BusinessUnit => "Business unit",
        Core.Security.Role.Reviewer => "Reviewer or scrutineer",
        Core.Security.Role.InformationGovernance => "Information governance",
        Core.Security.Role.Administrator => "Administrator",
        _ => "Other",
    };

    /// <summary>What each role lets its holder do, for the administrator choosing roles.</summary>
    public static string RoleHint(Role role) => role switch
    {
        Core.Security.Role.Practitioner => "Works with children: sees the children they work with and records about them",
        Core.Security.Role.TeamManager => "Manages a team: sees the team's children, closes alerts, supervises, manages absences",
        Core.Security.Role.ConferenceChair => "Chairs child protection conferences; closes alerts",
        Core.Security.Role.FrontDoor => "Decides on contacts and referrals, and who is who",
        Core.Security.Role.BusinessUnit => "Runs the learning cycle and the safeguard policy; no children's records",
        Core.Security.Role.Reviewer => "Reviews and scrutinises learning; no children's records",
        Core.Security.Role.InformationGovernance => "Reviews who has viewed records and break-glass access",
        Core.Security.Role.Administrator => "Manages accounts",
        _ => "",
    };
}
