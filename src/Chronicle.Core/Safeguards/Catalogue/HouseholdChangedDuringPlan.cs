using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-13: someone joins or leaves the household of a child on a child in need or child protection plan (or the child
/// moves household). An updated assessment and a review of the plan are needed within the setting.
/// </summary>
public sealed class HouseholdChangedDuringPlan : ISafeguard
{
    public static readonly SettingDefinition ReassessWithin =
        new("reassess-within", "An updated assessment, and the plan reviewed, within", "10", "working days");

    public string Id => "SG-13";
    public int Version => 1;
    public string Title => "Household changed during a plan";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "Keeping plans up-to-date and reflecting changes in circumstances",
            "Changes in the composition of a household where there is a Child in Need or Child Protection Plan in place lead to an updated social work assessment."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [ReassessWithin];

    /// <summary>
    /// A change to the child's household while the child was on a plan, worked out from everything in the file: when
    /// it became known, when it stopped counting (recorded as an entry after all, or the other side of the child
    /// leaving), and when the updated assessment and the review of the plan were first recorded since it.
    /// </summary>
    private sealed record Change(
        string Cause, Guid PersonId, HouseholdChangeType Type, DateOnly Day, DateTimeOffset At, IReadOnlyList<Guid> Evidence,
        DateTimeOffset KnownFrom, bool FromRecord, DateTimeOffset AccountedFor, DateTimeOffset ReassessedFrom, DateTimeOffset ReviewedFrom);

    /// <summary>For each change: when it becomes known, stops counting, is reassessed or reviewed, and the day it happens.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var changes = ChangesDuringPlans(file);
        var next = new NextMoment(context.Now);
        foreach (var change in changes)
        {
            next.At(change.KnownFrom).At(change.AccountedFor).At(change.ReassessedFrom).At(change.ReviewedFrom);
            if (change.FromRecord) next.At(WorkingDayCalendar.EndOfUkDay(change.Day.AddDays(-1)));
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var changes = ChangesDuringPlans(file);
        return changes.Count == 0 ? [] : Findings(file, changes, context);
    }

    /// <summary>Each change known by now that still counts and is still waiting for an updated assessment or a review of the plan.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, List<Change> changes, SafeguardContext context)
    {
        var now = context.Now;
        var today = now.Day();
        var reassessWithin = context.Policy.GetInt(Id, ReassessWithin);
        foreach (var change in changes)
        {
            // A change made directly on the record counts once recorded and its day has come; one recorded as an entry, once recorded.
            if (change.KnownFrom > now || (change.FromRecord && change.Day > today) || change.AccountedFor <= now) continue;
            var reassessed = change.ReassessedFrom <= now;
            var reviewed = change.ReviewedFrom <= now;
            if (reassessed && reviewed) continue;

            var due = context.Calendar.DueAfterWorkingDays(change.At, reassessWithin);
            var outstanding = new List<string>();
            if (!reassessed) outstanding.Add("an updated assessment");
            if (!reviewed) outstanding.Add("a review of the plan");
            var who = change.PersonId == file.Child.Id
                ? (change.Type == HouseholdChangeType.Joined ? "The child moved to another household" : "The child left the household")
                : $"Someone {(change.Type == HouseholdChangeType.Joined ? "joined" : "left")} the child's household";
            yield return new Finding(
                change.Cause,
                $"{who} while the child is on a plan.",
                $"Record {FindingWords.List(outstanding)} {FindingWords.By(due)}.",
                due,
                change.Evidence,
                file.LeadProfessional(today)?.Id);
        }
    }

    /// <summary>
    /// The household changes made while the child was on a child in need or child protection plan:
    /// changes recorded as entries, then changes to household membership made directly on the record that no
    /// entry accounts for. The moment of a record-only change is the end of its day, so a plan starting that day counts.
    /// </summary>
    private static List<Change> ChangesDuringPlans(CaseFile file)
    {
        var child = file.Child.Id;
        var entries = new List<(CaseEntry Entry, HouseholdChange Change)>();
        foreach (var entry in file.Of<HouseholdChange>())
        {
            var change = (HouseholdChange)entry.Details;
            if (change.PersonId == child || entry.Entry.IsAbout(child) || file.HouseholdOn(entry.Day()).Contains(change.PersonId)
                || file.HouseholdOn(entry.Day().AddDays(-1)).Contains(change.PersonId))
                entries.Add((entry, change));
        }

        var changes = new List<Change>();
        foreach (var (entry, change) in entries)
        {
            // When the child leaves, the others leaving that day are the same event seen from the child's side.
            var accountedFor = change.PersonId != child && change.Change == HouseholdChangeType.Left
                ? RecordedAsEntry(entries, child, HouseholdChangeType.Left, entry.Day())
                : DateTimeOffset.MaxValue;
            Add($"change:{entry.CauseId()}", change.PersonId, change.Change, entry.Day(), entry.When, [entry.Id], entry.RecordedAt, false, accountedFor);
        }

        var childHomes = file.Households.Where(m => m.PersonId == child).ToList();
        bool ChildLivesIn(Guid household, DateOnly day) => childHomes.Exists(m => m.HouseholdId == household && m.IsCurrentOn(day));
        foreach (var m in file.Households.OrderBy(m => m.Id))
        {
            if (m.From is { } from && (m.PersonId == child || ChildLivesIn(m.HouseholdId, from)) && !BornIntoThePlan(file, m.PersonId, from)
                && !MovedWithTheChild(m, from))
                Add($"joined:{m.Id}", m.PersonId, HouseholdChangeType.Joined, from, WorkingDayCalendar.EndOfUkDay(from), [], m.RecordedAt, true,
                    m.PersonId == child
                        // The child joining a new home the day an entry records them leaving the old one is that move, seen from the other side.
                        ? Earlier(RecordedAsEntry(entries, child, HouseholdChangeType.Joined, from), RecordedAsEntry(entries, child, HouseholdChangeType.Left, from))
                        : RecordedAsEntry(entries, m.PersonId, HouseholdChangeType.Joined, from));
            if (m.PersonId != child && m.To is { } to && ChildLivesIn(m.HouseholdId, to.AddDays(1)))
            {
                var accountedFor = Earlier(RecordedAsEntry(entries, m.PersonId, HouseholdChangeType.Left, to), RecordedAsEntry(entries, child, HouseholdChangeType.Left, to));
                Add($"left:{m.Id}", m.PersonId, HouseholdChangeType.Left, to, WorkingDayCalendar.EndOfUkDay(to), [], m.RecordedAt, true, accountedFor);
            }
        }
        return changes;

        // Someone who lived with the child the day before and moves into the child's new home the same day moved with the
        // child (a brother or sister placed together, a parent): the child's own move, not someone joining.
        bool MovedWithTheChild(HouseholdMembership m, DateOnly from) =>
            m.PersonId != child
            && childHomes.Exists(c => c.HouseholdId == m.HouseholdId && c.From == from)
            && file.HouseholdOn(from.AddDays(-1)).Contains(m.PersonId);

        void Add(string cause, Guid person, HouseholdChangeType type, DateOnly day, DateTimeOffset at, IReadOnlyList<Guid> evidence,
            DateTimeOffset knownFrom, bool fromRecord, DateTimeOffset accountedFor)
        {
            if (!file.IsOnPlan(at, PlanType.ChildInNeed, PlanType.ChildProtection)) return;
            changes.Add(new Change(cause, person, type, day, at, evidence, knownFrom, fromRecord, accountedFor,
                ReassessedSince(file, day), PlanReviewedSince(file, at, day)));
        }
    }

    /// <summary>
    /// A baby joining the household on the day they were born, whose own plan started before the birth (a pre-birth plan,
    /// the child's or a twin's): the birth the plan was made for, not a change in who lives there.
    /// </summary>
    private static bool BornIntoThePlan(CaseFile file, Guid person, DateOnly day)
    {
        var bornThatDay = file.People.TryGetValue(person, out var baby) && baby.DateOfBirth == day;
        foreach (var birth in file.Of<Birth>())
            if (birth.Details is Birth { } b && b.ChildPersonId == person && b.BornOn == day) bornThatDay = true;
        if (!bornThatDay) return false;
        foreach (var entry in file.Of<PlanStarted>())
            if (entry.Details is PlanStarted { Draft: false, Type: PlanType.ChildInNeed or PlanType.ChildProtection } && entry.Entry.IsAbout(person) && entry.Day() < day)
                return true;
        return false;
    }

    /// <summary>When an entry recording the person's joining or leaving on the day was first recorded.</summary>
    private static DateTimeOffset RecordedAsEntry(List<(CaseEntry Entry, HouseholdChange Change)> entries, Guid person, HouseholdChangeType type, DateOnly day)
    {
        var at = DateTimeOffset.MaxValue;
        foreach (var (entry, change) in entries)
            if (change.PersonId == person && change.Change == type && entry.Day() == day) at = Earlier(at, entry.RecordedAt);
        return at;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>When an assessment of the child completed on or after the day was first recorded.</summary>
    private static DateTimeOffset ReassessedSince(CaseFile file, DateOnly day)
    {
        var at = DateTimeOffset.MaxValue;
        foreach (var assessment in file.OfAboutChild<AssessmentCompleted>())
            if (assessment.Day() >= day) at = Earlier(at, assessment.RecordedAt);
        return at;
    }

    /// <summary>
    /// When the child's plan was first recorded as reviewed on or after the day of the change: a plan review, a review
    /// conference, or a core group or CIN review that reviewed it.
    /// </summary>
    private static DateTimeOffset PlanReviewedSince(CaseFile file, DateTimeOffset changedAt, DateOnly day)
    {
        var plans = file.ActivePlans(changedAt);
        var at = DateTimeOffset.MaxValue;
        foreach (var review in file.Of<PlanReviewed>())
            if (review.Day() >= day && plans.Any(p => p.Entry.IsReferencedBy(((PlanReviewed)review.Details).PlanEntryId))) at = Earlier(at, review.RecordedAt);
        foreach (var entry in file.OfAboutChild<MeetingHeld>())
        {
            var meeting = (MeetingHeld)entry.Details;
            if (entry.Day() >= day && (meeting.Type == MeetingType.ReviewChildProtectionConference
                    || (meeting.Type is MeetingType.CoreGroup or MeetingType.ChildInNeedReview && meeting.PlanReviewed == true)))
                at = Earlier(at, entry.RecordedAt);
        }
        return at;
    }
}
