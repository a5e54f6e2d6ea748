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

    private sealed record Change(string Cause, Guid PersonId, HouseholdChangeType Type, DateOnly Day, DateTimeOffset At, IReadOnlyList<Guid> Evidence);

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var reassessWithin = context.Policy.GetInt(Id, ReassessWithin);
        var changes = Changes(file, context).ToList();
        // When the child leaves, the others leaving that day are the same event seen from the child's side.
        var childLeft = changes.Where(c => c.PersonId == file.Child.Id && c.Type == HouseholdChangeType.Left).Select(c => c.Day).ToHashSet();
        foreach (var change in changes.Where(c => c.PersonId == file.Child.Id || c.Type == HouseholdChangeType.Joined || !childLeft.Contains(c.Day)))
        {
            if (!file.IsOnPlan(change.At, PlanType.ChildInNeed, PlanType.ChildProtection)) continue;
            var reassessed = file.KnownAboutChild<AssessmentCompleted>(context.Now).Any(a => a.Entry.Day() >= change.Day);
            var reviewed = PlanReviewedSince(file, context, change);
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
                file.LeadProfessional(context.Now.Day())?.Id);
        }
    }

    /// <summary>
    /// Changes recorded as entries, and changes to household membership made directly on the record that no entry
    /// accounts for. The moment of a record-only change is the end of its day, so a plan starting that day counts.
    /// </summary>
    private static IEnumerable<Change> Changes(CaseFile file, SafeguardContext context)
    {
        var entries = new List<Change>();
        foreach (var (entry, change) in file.Known<HouseholdChange>(context.Now))
        {
            var home = file.HouseholdOn(entry.Day()).Append(file.Child.Id);
            var before = file.HouseholdOn(entry.Day().AddDays(-1)).Append(file.Child.Id);
            if (change.PersonId == file.Child.Id || entry.Entry.IsAbout(file.Child.Id) || home.Contains(change.PersonId) || before.Contains(change.PersonId))
                entries.Add(new Change($"change:{entry.CauseId()}", change.PersonId, change.Change, entry.Day(), entry.When, [entry.Id]));
        }
        foreach (var c in entries) yield return c;

        var childHomes = file.Households.Where(m => m.PersonId == file.Child.Id).ToList();
        bool ChildLivesIn(Guid household, DateOnly day) => childHomes.Exists(m => m.HouseholdId == household && m.IsCurrentOn(day));
        bool Recorded(Guid person, HouseholdChangeType type, DateOnly day) => entries.Exists(c => c.PersonId == person && c.Type == type && c.Day == day);

        foreach (var m in file.Households.Where(m => m.RecordedAt <= context.Now).OrderBy(m => m.Id))
        {
            if (m.From is { } from && from <= context.Now.Day() && !Recorded(m.PersonId, HouseholdChangeType.Joined, from)
                && (m.PersonId == file.Child.Id || ChildLivesIn(m.HouseholdId, from)))
                yield return new Change($"joined:{m.Id}", m.PersonId, HouseholdChangeType.Joined, from, WorkingDayCalendar.EndOfUkDay(from), []);
            if (m.PersonId != file.Child.Id && m.To is { } to && to <= context.Now.Day() && !Recorded(m.PersonId, HouseholdChangeType.Left, to) && ChildLivesIn(m.HouseholdId, to.AddDays(1)))
                yield return new Change($"left:{m.Id}", m.PersonId, HouseholdChangeType.Left, to, WorkingDayCalendar.EndOfUkDay(to), []);
        }
    }

    /// <summary>The child's plan reviewed since the change: a plan review, a review conference, or a core group or CIN review that reviewed it.</summary>
    private static bool PlanReviewedSince(CaseFile file, SafeguardContext context, Change change)
    {
        var plans = file.ActivePlans(change.At).Select(p => p.Entry).ToList();
        return file.Known<PlanReviewed>(context.Now).Any(r => r.Entry.Day() >= change.Day && plans.Exists(p => p.IsReferencedBy(r.Details.PlanEntryId)))
               || file.KnownAboutChild<MeetingHeld>(context.Now).Any(m => m.Entry.Day() >= change.Day
                   && (m.Details.Type == MeetingType.ReviewChildProtectionConference
                       || (m.Details.Type is MeetingType.CoreGroup or MeetingType.ChildInNeedReview && m.Details.PlanReviewed == true)));
    }
}
