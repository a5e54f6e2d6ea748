using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Forms;

/// <summary>
/// The one way a form offers professionals (owners, chairs, invitees, a worker supervised, who takes on actions): the
/// team around the child first, then the user's own agency, each by name. The rest of the partnership only when the
/// user asks for it (<c>everyone</c>), or for someone already chosen. Never a professional whose work is not with
/// children (administrators, the business unit, reviewers, scrutineers, information governance), by their role or
/// by every account they hold. What is posted is still checked by the service it goes to.
/// </summary>
public sealed class ProfessionalChoices(ChronicleDb db, TimeProvider clock)
{
    /// <summary>Roles whose work is not with children: never offered as owners, chairs, invitees or team members.</summary>
    public static readonly IReadOnlySet<ProfessionalRole> NotPractice = new HashSet<ProfessionalRole>
    {
        ProfessionalRole.Administrator, ProfessionalRole.BusinessUnitOfficer, ProfessionalRole.Reviewer, ProfessionalRole.Scrutineer, ProfessionalRole.InformationGovernanceOfficer,
    };

    /// <summary>Account roles that work with children.</summary>
    private static readonly IReadOnlySet<Role> Practice = new HashSet<Role> { Role.Practitioner, Role.TeamManager, Role.ConferenceChair, Role.FrontDoor };

    public const string TeamGroup = "The team around the child";
    public const string OthersGroup = "Other agencies";
    public const string WorkingGroup = "Agencies working with the child";

    /// <summary>
    /// The choices after a first empty one (the prompt): "Name (Agency)", in groups; <paramref name="working"/> are agencies
    /// whose professionals are offered too (those working with the child, for adding someone to the team). <paramref name="chosen"/> are kept
    /// wherever they come from (a current owner, or what a refused form had chosen), so that nothing chosen is lost.
    /// </summary>
    public async Task<List<SelectListItem>> ForAsync(Guid partnershipId, Guid? childId, Guid? myAgency, string prompt, bool everyone = false,
        IEnumerable<Guid?>? chosen = null, IEnumerable<Guid>? working = null, CancellationToken ct = default)
    {
        var keep = (chosen ?? []).OfType<Guid>().ToHashSet();
        var near = (working ?? []).Where(a => a != myAgency).ToHashSet();
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var team = childId is { } child
            ? (await ChildTeam.LoadAsync(db, child, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct))?.Members.Select(m => m.ProfessionalId).OfType<Guid>().ToHashSet() ?? []
            : [];
        var query = db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId);
        if (!everyone) query = query.Where(p => team.Contains(p.Id) || p.AgencyId == myAgency || near.Contains(p.AgencyId) || keep.Contains(p.Id));
        var people = (await query.ToListAsync(ct)).Where(p => !NotPractice.Contains(p.Role)).ToList();
        // A professional whose every account is for work other than with children (an administrator's) is not offered.
        var ids = people.Select(p => p.Id).ToList();
        var accounts = (await db.UserAccounts.AsNoTracking().Where(a => a.ProfessionalId != null && ids.Contains(a.ProfessionalId.Value)).Select(a => new { a.ProfessionalId, a.Roles }).ToListAsync(ct))
            .GroupBy(a => a.ProfessionalId!.Value).ToDictionary(g => g.Key, g => g.Any(a => a.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(r => Enum.TryParse<Role>(r, out var role) && Practice.Contains(role))));
        people = [.. people.Where(p => accounts.GetValueOrDefault(p.Id, true))];

        var teamGroup = new SelectListGroup { Name = TeamGroup };
        var agencyGroup = new SelectListGroup { Name = myAgency is { } a ? $"Your agency: {agencies.GetValueOrDefault(a)}" : "Your agency" };
        var workingGroup = new SelectListGroup { Name = WorkingGroup };
        var othersGroup = new SelectListGroup { Name = OthersGroup };
        SelectListGroup GroupOf(Professional p) => team.Contains(p.Id) ? teamGroup : p.AgencyId == myAgency ? agencyGroup : near.Contains(p.AgencyId) ? workingGroup : othersGroup;
        var order = new[] { teamGroup, agencyGroup, workingGroup, othersGroup };
        return [new(prompt, ""), .. people.OrderBy(p => Array.IndexOf(order, GroupOf(p))).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new SelectListItem($"{p.Name} ({agencies.GetValueOrDefault(p.AgencyId)})", p.Id.ToString(), keep.Contains(p.Id)) { Group = GroupOf(p) })];
    }

    /// <summary>The same choices with one of them selected (a row of a form with several pickers).</summary>
    public static List<SelectListItem> Selecting(IEnumerable<SelectListItem> choices, Guid? selected) =>
        [.. choices.Select(o => new SelectListItem(o.Text, o.Value, o.Value.Length > 0 && o.Value == selected?.ToString()) { Group = o.Group })];
}
