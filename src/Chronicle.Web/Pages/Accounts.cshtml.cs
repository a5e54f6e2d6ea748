using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Web.Hosting;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages;

/// <summary>An account as the administrator's list shows it.</summary>
public sealed record AccountLine(string UserName, string Name, string Agency, string Roles);

/// <summary>The partnership's accounts, for administrators; in the demo partnership, with the shared demo password.</summary>
[Permission(Permissions.Administer)]
public sealed class AccountsModel(ChronicleDb db, CurrentPartnership partnership) : PageModel
{
    public IReadOnlyList<AccountLine> Accounts { get; private set; } = [];
    public bool IsDemo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return;
        IsDemo = found.Code == DemoPartnership.Code;
        var agencies = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == found.Id)
            .Join(db.Agencies, p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, a.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        Accounts = [.. (await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == found.Id).ToListAsync(ct))
            .OrderBy(a => a.ProfessionalId is { } p ? agencies.GetValueOrDefault(p, "") : "", StringComparer.CurrentCulture).ThenBy(a => a.DisplayName, StringComparer.CurrentCulture)
            .Select(a => new AccountLine(a.UserName, a.DisplayName, a.ProfessionalId is { } p ? agencies.GetValueOrDefault(p, "") : "",
                string.Join(", ", a.RoleSet.Order().Select(RoleName))))];
    }

    /// <summary>A role as people call it, not its code ("Conference chair", not ConferenceChair).</summary>
    public static string RoleName(Role role) => role switch
    {
        Role.Practitioner => "Practitioner",
        Role.TeamManager => "Team manager",
        Role.ConferenceChair => "Conference chair",
        Role.FrontDoor => "Front door (MASH)",
        Role.BusinessUnit => "Business unit",
        Role.Reviewer => "Reviewer or scrutineer",
        Role.InformationGovernance => "Information governance",
        Role.Administrator => "Administrator",
        _ => "Other",
    };
}
