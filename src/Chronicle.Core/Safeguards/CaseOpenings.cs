using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// When each of the child's plans and assessments opened and closed, read from a case file, so that whether the case
/// was open at a moment is a short walk over a few intervals. The answers are those <see cref="CaseFacts"/> describes.
/// </summary>
internal sealed class CaseOpenings
{
    private readonly (CaseEntry Entry, PlanStarted Plan, DateTimeOffset EndedAt)[] _plans;
    private readonly (CaseEntry Entry, AssessmentStarted Assessment, DateTimeOffset DoneAt)[] _assessments;
    private readonly DateTimeOffset[] _enquiriesDecided;
    private readonly DateTimeOffset[] _enquiriesCompleted;

    public CaseOpenings(CaseFile file)
    {
        var child = file.Child.Id;
        var ends = new Dictionary<Guid, DateTimeOffset>();
        foreach (var end in file.Of<PlanEnded>())
        {
            // A plan-ended names the plan's start as it was when ended; a correction of the start since stands for it.
            foreach (var plan in new[] { ((PlanEnded)end.Details).PlanEntryId, file.CurrentIdOf(((PlanEnded)end.Details).PlanEntryId) }.Distinct())
                if (!ends.TryGetValue(plan, out var first) || end.When < first) ends[plan] = end.When;
        }
        _plans = [.. file.Of<PlanStarted>()
            .Where(e => e.Entry.IsAbout(child) && !((PlanStarted)e.Details).Draft)
            .Select(e => (e, (PlanStarted)e.Details, Min(ends.GetValueOrDefault(e.Id, DateTimeOffset.MaxValue),
                e.Entry.SupersedesEntryId is { } corrected ? ends.GetValueOrDefault(corrected, DateTimeOffset.MaxValue) : DateTimeOffset.MaxValue)))];

        var completions = file.Of<AssessmentCompleted>().Where(e => e.Entry.IsAbout(child)).ToList();
        _assessments = [.. file.Of<AssessmentStarted>().Where(e => e.Entry.IsAbout(child)).Select(started =>
        {
            var assessment = (AssessmentStarted)started.Details;
            var done = DateTimeOffset.MaxValue;
            foreach (var c in completions)
            {
                var completed = (AssessmentCompleted)c.Details;
                var matches = completed.StartedEntryId == started.Id || (completed.StartedEntryId is null && completed.Type == assessment.Type && c.When >= started.When);
                if (matches && c.When < done) done = c.When;
            }
            return (started, assessment, done);
        })];

        // An enquiry belongs to the children it is about: a strategy discussion about another child that names a parent
        // opens nothing in this child's file.
        _enquiriesDecided = [.. file.Of<StrategyDiscussion>().Where(e => e.Entry.IsAbout(child) && ((StrategyDiscussion)e.Details).InitiatesSection47).Select(e => e.When)];
        _enquiriesCompleted = [.. completions.Where(e => ((AssessmentCompleted)e.Details).Type == AssessmentType.Section47).Select(e => e.When)];
    }

    public List<(CaseEntry Entry, PlanStarted Plan)> ActivePlans(DateTimeOffset at)
    {
        var active = new List<(CaseEntry, PlanStarted)>();
        foreach (var (entry, plan, endedAt) in _plans)
            if (entry.When <= at && endedAt > at) active.Add((entry, plan));
        return active;
    }

    /// <summary>A plan of one of the types (any, when none is given) is active at the moment.</summary>
    public bool AnyActivePlan(DateTimeOffset at, PlanType[] types)
    {
        foreach (var (entry, plan, endedAt) in _plans)
            if (entry.When <= at && endedAt > at && (types.Length == 0 || Array.IndexOf(types, plan.Type) >= 0)) return true;
        return false;
    }

    public List<(CaseEntry Entry, AssessmentStarted Assessment)> OpenAssessments(DateTimeOffset at)
    {
        var open = new List<(CaseEntry, AssessmentStarted)>();
        foreach (var (entry, assessment, doneAt) in _assessments)
            if (entry.When <= at && doneAt > at) open.Add((entry, assessment));
        return open;
    }

    /// <summary>An assessment (of the type, or of any type) is open at the moment.</summary>
    public bool AnyOpenAssessment(DateTimeOffset at, AssessmentType? type)
    {
        foreach (var (entry, assessment, doneAt) in _assessments)
            if (entry.When <= at && doneAt > at && (type is null || assessment.Type == type)) return true;
        return false;
    }

    /// <summary>
    /// A section 47 assessment is open, or the last strategy discussion by the moment that decided on an enquiry has
    /// no section 47 assessment completed since.
    /// </summary>
    public bool HasOpenEnquiry(DateTimeOffset at)
    {
        if (AnyOpenAssessment(at, AssessmentType.Section47)) return true;
        DateTimeOffset? decided = null;
        foreach (var when in _enquiriesDecided)
            if (when <= at) decided = when;
        if (decided is not { } since) return false;
        foreach (var when in _enquiriesCompleted)
            if (when >= since && when <= at) return false;
        return true;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
