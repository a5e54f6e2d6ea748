using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-17: parents repeatedly missing visits and appointments or declining assessment while the case is open. The
/// cause is the occasion that completes the count; escalation considered (a decision reviewing the plan or on
/// escalation, pre-proceedings, a conference or a legal gateway meeting) answers it and starts the count again.
/// </summary>
public sealed class ParentsNotEngaging : ISafeguard
{
    public static readonly SettingDefinition Count = new("count", "Missed or declined", "3", "occasions");
    public static readonly SettingDefinition Window = new("window", "Within", "8", "weeks");
    public static readonly SettingDefinition ReviewWithin = new("review-within", "Plan review and decision within", "5", "working days");

    public string Id => "SG-17";
    public int Version => 1;
    public string Title => "Parents not engaging";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("004", "Child BF", "Finding BF1, Lesson BF1.1",
            "continued non-engagement with assessments and support should be recognised as significantly increasing the risk to the child."),
        new("004", "Child BF", "Finding BF1",
            "Lack of parental engagement can often lead to a case being closed or drift and delay in planning for a child."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Count, Window, ReviewWithin];

    /// <summary>The run and its answers are read from what is known, never compared with the moment: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        // A run needs at least as many engagement entries in the file as the count.
        if (file.Of<ParentalEngagement>().Count < count) return [];
        var missed = NonEngagements(file);
        return missed.Length < count ? [] : Findings(file, missed, count, context);
    }

    /// <summary>The finding, when a run of occasions known by now completes the count and escalation has not been considered since.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, Occasion[] missed, int count, SafeguardContext context)
    {
        var weeks = context.Policy.GetInt(Id, Window);
        var now = context.Now;
        var escalations = Escalations(file);

        // The run is the occasions known by now while the case was open, from runStart on (occasions are in chronology
        // order): escalation considered ends the run so far and starts the count again.
        var since = DateTimeOffset.MinValue;
        var runStart = 0;
        CaseEntry? cause = null;
        for (var i = 0; i < missed.Length; i++)
        {
            var occasion = missed[i];
            if (occasion.RecordedAt > now) continue;
            var answered = LastEscalation(escalations, since, occasion.When, now);
            if (answered > since)
            {
                since = answered;
                if (cause is not null && cause.When <= since) cause = null;
                while (runStart < i && missed[runStart].When <= since) runStart++;
            }
            if (!occasion.WhileOpen) continue;
            var windowStart = occasion.Day.AddDays(-7 * weeks);
            if (cause is null && InRun(missed, runStart, i, occasion.When, windowStart, now) >= count) cause = occasion.Entry;
        }
        if (cause is null || EscalatedSince(escalations, cause.When, now)) yield break;

        var due = context.Calendar.DueAfterWorkingDays(cause.Knowable(), context.Policy.GetInt(Id, ReviewWithin));
        var inWindow = InRun(missed, runStart, missed.Length - 1, cause.When, cause.When.Day().AddDays(-7 * weeks), now);
        var run = new List<Guid>();
        for (var i = runStart; i < missed.Length; i++)
            if (IsInRun(missed[i], now)) run.Add(missed[i].Entry.Id);
        var lead = file.LeadProfessional(now.Day());
        yield return new Finding(
            $"non-engagement:{cause.CauseId()}",
            $"Parents of {file.Child.DisplayName} missed visits or appointments or declined assessment {inWindow} times in {weeks} weeks " +
            $"up to {TimelinessFacts.Describe(cause.When.Day())}, while an assessment or plan is open.",
            $"Review the plan, consider escalation (a child protection conference or pre-proceedings) and record the decision (a decision on the plan review) by {TimelinessFacts.Describe(due)}.",
            due,
            run,
            lead?.Id);
    }

    /// <summary>
    /// A missed visit or appointment or a declined assessment concerning the child: when it happened and was recorded, its
    /// day, and whether an assessment, enquiry or plan was then open.
    /// </summary>
    private readonly record struct Occasion(CaseEntry Entry, DateTimeOffset When, DateTimeOffset RecordedAt, DateOnly Day, bool WhileOpen);

    /// <summary>When escalation was considered, and when that was recorded.</summary>
    private readonly record struct Escalation(DateTimeOffset When, DateTimeOffset RecordedAt);

    /// <summary>
    /// Missed visits, missed appointments and declined assessments about the child or by the child's parents or
    /// household, in chronology order.
    /// </summary>
    private static Occasion[] NonEngagements(CaseFile file)
    {
        var missed = new List<Occasion>();
        foreach (var entry in file.Of<ParentalEngagement>())
        {
            var engagement = (ParentalEngagement)entry.Details;
            if (!engagement.IsNonEngagement) continue;
            if (entry.Entry.IsAbout(file.Child.Id) || file.ParentsAndHouseholdAdults(entry.Day()).Contains(engagement.ParentPersonId))
                missed.Add(new(entry, entry.When, entry.RecordedAt, entry.Day(), file.IsOpenCase(entry.When)));
        }
        return [.. missed];
    }

    /// <summary>
    /// When escalation was considered: a decision reviewing the plan (the plan review the catalogue asks for, with its
    /// decision) or on escalation, a pre-proceedings step, a conference or a legal gateway meeting.
    /// </summary>
    private static Escalation[] Escalations(CaseFile file)
    {
        var escalations = new List<Escalation>();
        foreach (var decision in file.OfAboutChild<DecisionRecorded>())
            if (((DecisionRecorded)decision.Details).Topic is DecisionTopic.Escalation or DecisionTopic.PlanReview) escalations.Add(new(decision.When, decision.RecordedAt));
        foreach (var step in file.OfAboutChild<PreProceedings>())
            escalations.Add(new(step.When, step.RecordedAt));
        foreach (var meeting in file.OfAboutChild<MeetingHeld>())
            if (((MeetingHeld)meeting.Details).Type is MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference or MeetingType.LegalGateway)
                escalations.Add(new(meeting.When, meeting.RecordedAt));
        return [.. escalations];
    }

    /// <summary>When escalation known by now was last considered after one moment and up to another; the earliest moment if it was not.</summary>
    private static DateTimeOffset LastEscalation(Escalation[] escalations, DateTimeOffset after, DateTimeOffset upTo, DateTimeOffset now)
    {
        var last = DateTimeOffset.MinValue;
        foreach (var (when, recordedAt) in escalations)
            if (recordedAt <= now && when > after && when <= upTo && when > last) last = when;
        return last;
    }

    /// <summary>Escalation known by now was considered at or after the moment.</summary>
    private static bool EscalatedSince(Escalation[] escalations, DateTimeOffset from, DateTimeOffset now)
    {
        foreach (var (when, recordedAt) in escalations)
            if (recordedAt <= now && when >= from) return true;
        return false;
    }

    /// <summary>The occasion is known by now and was while the case was open: it counts towards a run.</summary>
    private static bool IsInRun(in Occasion occasion, DateTimeOffset now) => occasion.RecordedAt <= now && occasion.WhileOpen;

    /// <summary>How many occasions of the run, from <paramref name="runStart"/> to <paramref name="last"/>, were up to a moment and on or after the day a window starts.</summary>
    private static int InRun(Occasion[] missed, int runStart, int last, DateTimeOffset upTo, DateOnly windowStart, DateTimeOffset now)
    {
        // Counted back from the last, as the occasions are in chronology order.
        var count = 0;
        for (var i = last; i >= runStart && missed[i].Day >= windowStart; i--)
            if (IsInRun(missed[i], now) && missed[i].When <= upTo) count++;
        return count;
    }
}
