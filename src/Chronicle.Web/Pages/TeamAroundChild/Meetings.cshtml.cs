using Chronicle.Core.Chronology;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>The meetings about a child, newest first, and the way to schedule one.</summary>
[Permission(Permissions.ReadChild)]
public sealed class MeetingsModel(CasePages pages, MeetingService meetings, ChronicleDb db) : CasePageModel
{
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];
    public Names Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var open = Case;
        Meetings = await meetings.ForChildAsync(open.PartnershipId, Id, ct);
        Names = await ChronologyReader.NamesAsync(db, open.PartnershipId, [], Meetings.Select(m => m.ChairProfessionalId).OfType<Guid>(), ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }
}
