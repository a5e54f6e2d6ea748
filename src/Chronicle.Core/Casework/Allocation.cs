using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Casework;

/// <summary>A time a children's social care worker held a child's case: an involvement with the child, or a time in the child's team.</summary>
public sealed record CaseHolding(Guid ChildId, DateOnly From, DateOnly? To)
{
    /// <summary>Whether the worker held the case on or after this day: once allocated, a case stays allocated.</summary>
    public bool OnOrAfter(DateOnly day) => To is null || To >= day;
}

/// <summary>
/// Who holds a child's case in children's social care, which ends the front door's wait for allocation after a decision
/// that takes a contact further: a social worker or team manager of children's social care working with the child
/// (an involvement with the child, or added to the child's team). The front door's own workers and the roles whose work
/// is not with children hold no case.
/// </summary>
public static class Allocation
{
    /// <summary>Whether a professional of this role, in an agency of this kind, may be allocated a child's case.</summary>
    public static bool MayHold(ProfessionalRole role, AgencyKind agency) =>
        agency == AgencyKind.ChildrensSocialCare && role is ProfessionalRole.SocialWorker or ProfessionalRole.TeamManager;

    /// <summary>The roles <see cref="MayHold"/> allows, for a query.</summary>
    public static readonly ProfessionalRole[] HoldingRoles = [ProfessionalRole.SocialWorker, ProfessionalRole.TeamManager];

    /// <summary>
    /// Every time a worker who may hold a case held one of these children's (all the children on record when none are
    /// given): their involvements with the child, and their times in the child's team from each addition to the removal
    /// that follows it.
    /// </summary>
    public static async Task<List<CaseHolding>> HoldingsAsync(ChronicleDb db, IReadOnlyCollection<Guid>? childIds, CancellationToken ct)
    {
        var ids = childIds?.Distinct().ToList();
        var holders = db.Professionals.AsNoTracking().Where(p => HoldingRoles.Contains(p.Role))
            .Join(db.Agencies.AsNoTracking().Where(a => a.Kind == AgencyKind.ChildrensSocialCare), p => p.AgencyId, a => a.Id, (p, a) => p.Id);
        var involvements = db.Involvements.AsNoTracking().Where(i => i.ProfessionalId != null && holders.Contains(i.ProfessionalId.Value));
        var changes = db.TeamChanges.AsNoTracking().Where(c => c.ProfessionalId != null && holders.Contains(c.ProfessionalId.Value));
        if (ids is not null)
        {
            involvements = involvements.Where(i => ids.Contains(i.PersonId));
            changes = changes.Where(c => ids.Contains(c.ChildPersonId));
        }
        var found = (await involvements.Select(i => new { i.PersonId, i.From, i.To }).ToListAsync(ct)).Select(i => new CaseHolding(i.PersonId, i.From, i.To)).ToList();
        foreach (var member in (await changes.ToListAsync(ct)).OrderBy(c => c.At).ThenBy(c => c.SequenceNumber).GroupBy(c => (c.ChildPersonId, c.ProfessionalId)))
        {
            DateOnly? since = null;
            foreach (var change in member)
            {
                var day = WorkingDayCalendar.UkDate(change.At);
                if (change.Change == TeamChangeType.Added) since ??= day;
                else if (since is { } from)
                {
                    found.Add(new CaseHolding(member.Key.ChildPersonId, from, day));
                    since = null;
                }
            }
            if (since is { } still) found.Add(new CaseHolding(member.Key.ChildPersonId, still, null));
        }
        return found;
    }
}
