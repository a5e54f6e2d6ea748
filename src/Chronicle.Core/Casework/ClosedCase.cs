using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Casework;

/// <summary>Whether a child's case stands closed: children's social care closed it and nothing has opened it since.</summary>
public static class ClosedCase
{
    /// <summary>
    /// When children's social care last closed the child's case, if nothing known by <paramref name="now"/> has opened
    /// it again: an entry about the child after the closure other than what closing itself records (the closure, a plan
    /// or assessment ending).
    /// </summary>
    public static DateTimeOffset? At(CaseFile file, DateTimeOffset now)
    {
        DateTimeOffset? closed = null;
        foreach (var (entry, closure) in file.KnownAboutChild<CaseClosure>(now))
            if (closure.Stage == ClosureStage.Closed && (closure.AgencyId is not { } agency || file.Agencies.GetValueOrDefault(agency)?.Kind == AgencyKind.ChildrensSocialCare)
                && (closed is null || entry.When > closed))
                closed = entry.When;
        if (closed is not { } at) return null;
        var reopened = file.EntriesAboutChild.Any(e => e.When > at && e.RecordedAt <= now && e.Details is not (CaseClosure or PlanEnded or AssessmentCompleted));
        return reopened ? null : at;
    }
}
