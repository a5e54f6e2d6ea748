using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Web.Children;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Children;

/// <summary>The people around a child: identifiers, relationships, households over time, addresses by agency, and the professionals involved.</summary>
[Permission(Permissions.ReadChild)]
public sealed class PeopleModel(ChronicleDb db, ChildAccess access, RecordAudit audit, TimeProvider clock) : ChildPageModel
{
    public ChildRecord Record { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (partnershipId, visible) = (Case.PartnershipId, Case.Child);
        Today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        var record = await ChildRecord.LoadAsync(db, partnershipId, Id, Today, person => access.MaySeePersonAsync(person, ct), ct);
        if (record is null) return NotFound();
        Record = record;
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? "people and household" : $"people and household as {visible.Basis}", ct);
        return Page();
    }

    public static string Scheme(IdentifierScheme scheme) => scheme switch
    {
        IdentifierScheme.NhsNumber => "NHS number",
        IdentifierScheme.PoliceNationalComputer => "Police National Computer ID",
        IdentifierScheme.LocalAuthorityId => "Local authority ID",
        _ => Labels.Of(scheme),
    };

    public static string Identifier(PersonIdentifier id) => id.Scheme == IdentifierScheme.NhsNumber ? NhsNumber.Format(id.Value) : id.Value;
}
