using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-23: a child in need or child protection plan whose items do not say who, by when and how success will be
/// measured (one cause per plan; recording the plan again as a correction answers it), and a core group or child in
/// need meeting held without recording a review of the plan (one cause per meeting).
/// </summary>
public sealed class PlanNotSpecificOrNotReviewed : ISafeguard
{
    public static readonly SettingDefinition RecordWithin = new("record-within", "Items completed or review recorded within", "5", "working days");

    public string Id => "SG-23";
    public int Version => 1;
    public string Title => "Plan not specific or not reviewed";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "1. Processes, planning and engagement",
            "Child in Need plans clearly describe areas of concern, action that needs to be taken, who is responsible, when this will be achieved and the measurement of success."),
        new("003", "Emily", "1. Processes, planning and engagement",
            "Child in Need plans are reviewed at all Child in Need meetings and Child Protection Plans are reviewed at all Core Group meetings"),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RecordWithin];

    /// <summary>A vague plan counts while it is active, and a plan may be ended ahead of its time.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) =>
        Candidates(file, context.Now).Item1.Count == 0
            ? null
            : new NextMoment(context.Now).NextEntryHappens(file).Earliest;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var (vaguePlans, unreviewed) = Candidates(file, context.Now);
        return vaguePlans.Count == 0 && unreviewed.Count == 0 ? [] : Findings(file, context, vaguePlans, unreviewed);
    }

    /// <summary>
    /// The plans known by then with an item that is not specific, and the core group and child in need meetings known
    /// by then, held while the child was on a plan, with no review of the plan recorded since or decided about.
    /// Whether a plan is still active is for the moment asked.
    /// </summary>
    private static Tuple<HashSet<Guid>, List<CaseEntry>> Candidates(CaseFile file, DateTimeOffset known)
    {
        var vaguePlans = new HashSet<Guid>();
        foreach (var (entry, plan) in file.KnownAboutChild<PlanStarted>(known))
            if (plan.Type is PlanType.ChildInNeed or PlanType.ChildProtection && !plan.Items.All(i => i.IsSpecific)) vaguePlans.Add(entry.Id);

        var unreviewed = new List<CaseEntry>();
        var reviews = file.KnownAboutChild<PlanReviewed>(known);
        foreach (var (entry, meeting) in file.KnownAboutChild<MeetingHeld>(known))
        {
            if (meeting.Type is not (MeetingType.CoreGroup or MeetingType.ChildInNeedReview)) continue;
            if (meeting.PlanReviewed == true || !file.IsOnPlan(entry.When, PlanType.ChildInNeed, PlanType.ChildProtection)) continue;
            if (ReviewedSince(reviews, WorkingDayCalendar.StartOfUkDay(entry.When.Day())) || file.HasDecisionAbout(entry, known, DecisionTopic.PlanReview)) continue;
            unreviewed.Add(entry);
        }
        return Tuple.Create(vaguePlans, unreviewed);
    }

    private static bool ReviewedSince(KnownEntries<PlanReviewed> reviews, DateTimeOffset since)
    {
        for (var i = reviews.Count - 1; i >= 0; i--)
            if (reviews.Entries[i].When >= since) return true;
        return false;
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, HashSet<Guid> vaguePlans, List<CaseEntry> unreviewed)
    {
        var now = context.Now;
        var days = context.Policy.GetInt(Id, RecordWithin);

        foreach (var (entry, plan) in vaguePlans.Count == 0 ? [] : file.ActivePlans(now))
        {
            if (!vaguePlans.Contains(entry.Id)) continue;
            var vague = plan.Items.Select((item, i) => (Item: item, Number: i + 1)).Where(x => !x.Item.IsSpecific).ToList();
            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), days);
            yield return new Finding(
                $"plan-items:{entry.CauseId()}",
                $"{vague.Count} of {plan.Items.Count} items of the {Chronology.Labels.Of(plan.Type).ToLowerInvariant()} started on " +
                $"{TimelinessFacts.Describe(entry.When.Day())} do not say who, by when or how success will be measured: " +
                $"{TimelinessFacts.InWords(vague.Select(v => $"item {v.Number} ({Missing(v.Item)})"))}.",
                $"Give every item an owner, a due date and a measure of success by {TimelinessFacts.Describe(due)}.",
                due,
                [entry.Id],
                file.LeadProfessional(now.Day())?.Id);
        }

        foreach (var entry in unreviewed)
        {
            var meeting = (MeetingHeld)entry.Details;
            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), days);
            yield return new Finding(
                $"meeting:{entry.CauseId()}",
                $"The {Chronology.Labels.Of(meeting.Type).ToLowerInvariant()} held on {TimelinessFacts.Describe(entry.When.Day())} did not record a review of the plan.",
                $"Record the review of the plan's items (a plan review) by {TimelinessFacts.Describe(due)}.",
                due,
                [entry.Id],
                file.LeadProfessional(now.Day())?.Id);
        }
    }

    private static string Missing(PlanItem item) => TimelinessFacts.InWords(new[]
    {
        item.OwnerProfessionalId is null ? "no owner" : null,
        item.Due is null ? "no due date" : null,
        string.IsNullOrWhiteSpace(item.SuccessMeasure) ? "no measure of success" : null,
    }.OfType<string>());
}
