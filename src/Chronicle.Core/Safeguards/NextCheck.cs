using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// When the clock must next evaluate a child: the earliest moment any safeguard's findings for the child could change
/// with nothing new recorded, and never more than a week ahead (SafeguardEngine.RecheckWithin). Written with each
/// evaluation's alerts. A child with no
/// row (never evaluated, or whose record or partnership policy has changed since) is due now.
/// </summary>
public sealed class NextCheck
{
    public Guid ChildId { get; set; }
    public Guid PartnershipId { get; set; }
    public DateTimeOffset? NextAt { get; set; }

    /// <summary>
    /// Makes the children around these people due now: a relationship, household, address or involvement changes
    /// their case files without an entry, so what their safeguards find may change without the clock passing.
    /// </summary>
    public static async Task MakeDueAsync(ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        var children = await Family.ChildrenConcernedAsync(db, people, ct);
        if (children.Count == 0) return;
        var ids = children.ToList();
        await db.NextChecks.Where(c => EF.Parameter(ids).Contains(c.ChildId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Makes every child of a partnership due now: its policy (thresholds and timescales) has changed.</summary>
    public static Task MakePartnershipDueAsync(ChronicleDb db, Guid partnershipId, CancellationToken ct = default) =>
        db.NextChecks.Where(c => c.PartnershipId == partnershipId).ExecuteDeleteAsync(ct);
}
