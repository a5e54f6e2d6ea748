using Chronicle.Core.TeamAroundChild;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>"Who is working with this family": every person around the child the user may see, and each professional working with them.</summary>
[Permission(Permissions.ReadChild)]
public sealed class FamilyWorkersModel(CasePages pages, TeamService teams, ChildAccess access) : CasePageModel
{
    public FamilyWorkers Family { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var open = Case;
        var family = (await teams.WhoIsWorkingWithFamilyAsync(open.PartnershipId, Id, ct: ct))!;
        var shown = new List<FamilyMemberWorkers>();
        foreach (var person in family.People)
            if (await access.MaySeePersonAsync(person.PersonId, ct)) shown.Add(person);
        Family = family with { People = shown };
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }
}
