using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>
/// The signed-in professional's alerts: owned by them, or escalated to them; one family event a card, the most
/// overdue first, filtered and paginated like the partnership's list, each card with its actions.
/// </summary>
[Permission(Permissions.MyAlerts)]
public sealed class MineModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, AlertService alerts, TimeProvider clock)
    : AlertListPageModel(db, partnership, currentUser, access, audit, alerts, clock)
{
    public override bool ShowWhyMine => true;
    protected override string AuditDetail => "my alerts";
    /// <summary>Someone without a professional record owns nothing: an id no alert has.</summary>
    protected override Task<Guid?> OwnerAsync(SignedInUser user, CancellationToken ct) => Task.FromResult<Guid?>(user.Professional?.Id ?? Guid.Empty);
}
