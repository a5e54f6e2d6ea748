using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-19: the statutory clocks of the child protection process (Working Together 2023, domain reference CP-01,
/// CP-08, CP-14, CP-15, CP-16, CP-18) and the transfer-in conference. Each clock instance is one cause, found
/// from the day it is near (the warning) until the step is on record, is no longer needed, or the reason for
/// exceeding the timescale is recorded: a decision on "delay-reason" about the entry that started the clock. A clock
/// that is near is a reminder in the owner's work; only a step past its due time is an alert. A referral recorded as
/// critical (immediate risk of significant harm) is decided the same working day: Working Together says to act at once.
/// </summary>
public sealed class StatutoryTimescale : ISafeguard
{
    public static readonly SettingDefinition ReferralDecision = new("referral-decision", "Decision on a contact or referral within", "1", "working days");
    public static readonly SettingDefinition CriticalReferralDecision = new("critical-referral-decision", "Decision on a referral recorded as critical (immediate risk of significant harm) within (0 is the same working day)", "0", "working days");
    public static readonly SettingDefinition Assessment = new("assessment", "Child and family assessment within (from the referral)", "45", "working days");
    public static readonly SettingDefinition InitialConference = new("icpc", "Initial child protection conference within (from the strategy discussion that started the enquiry)", "15", "working days");
    public static readonly SettingDefinition FirstCoreGroup = new("first-core-group", "First core group within (from the initial conference)", "10", "working days");
    public static readonly SettingDefinition FirstReview = new("first-review", "First review conference within (from the initial conference)", "3", "months");
    public static readonly SettingDefinition LaterReviews = new("later-reviews", "Later review conferences within (from the previous review)", "6", "months");
    public static readonly SettingDefinition TransferIn = new("transfer-in", "Transfer-in conference within (from learning a child on a plan elsewhere has moved in)", "15", "working days");
    public static readonly SettingDefinition Warn = new("warn", "Warn before the due day", "2", "working days");

    /// <summary>
    /// A statutory timescale: the key its causes share, the step in words, how the start of its clock is told, what to
    /// ask for, and its setting, counted in working days (or calendar months) from the entry that starts the clock.
    /// </summary>
    private sealed record Timescale(string Key, string Step, Func<CaseEntry, string> Started, string AskFor, SettingDefinition Within, bool InMonths = false);

    private static readonly Timescale ReferralDecisionClock = new("referral-decision", "Decision on a referral",
        static contact => $"the {(((ContactReceived)contact.Details).Type == ContactType.Contact ? "contact" : "referral")} of {TimelinessFacts.Describe(contact.When.Day())} has no recorded decision",
        "Record the decision on the contact or referral", ReferralDecision);

    private static readonly Timescale AssessmentClock = new("assessment", "Child and family assessment",
        static referral => $"the assessment following the referral of {TimelinessFacts.Describe(referral.When.Day())} is not completed",
        "Complete the assessment", Assessment);

    private static readonly Timescale InitialConferenceClock = new("icpc", "Initial child protection conference",
        static start => $"the section 47 enquiry started on {TimelinessFacts.Describe(start.When.Day())} has no initial conference on record",
        "Hold the initial child protection conference, or record that the enquiry concluded that no conference is needed", InitialConference);

    private static readonly Timescale FirstCoreGroupClock = new("core-group", "First core group",
        static conference => $"no core group is on record since the conference of {TimelinessFacts.Describe(conference.When.Day())} made a child protection plan",
        "Hold the first core group", FirstCoreGroup);

    private static readonly Timescale FirstReviewClock = new("review-conference", "First review conference",
        static conference => $"no review conference is on record since the conference of {TimelinessFacts.Describe(conference.When.Day())}",
        "Hold the review child protection conference", FirstReview, InMonths: true);

    private static readonly Timescale LaterReviewClock = FirstReviewClock with { Step = "Review conference", Within = LaterReviews };

    private static readonly Timescale TransferInClock = new("transfer-in", "Transfer-in conference",
        static notice => $"a child on a child protection plan in another area was known to have moved in on {TimelinessFacts.Describe(notice.When.Day())}",
        "Hold the transfer-in conference", TransferIn);

    /// <summary>
    /// One clock: its timescale, the entry that starts it, the entry that decided on the step when that is another one
    /// (a reason for the delay recorded about either answers the clock), the professional it names as owner, and from
    /// when the step is on record or no longer needed (<see cref="DateTimeOffset.MaxValue"/> while it is not).
    /// </summary>
    private readonly record struct Clock(Timescale Timescale, CaseEntry Trigger, CaseEntry? DecidedBy, Guid? Owner, DateTimeOffset StoppedFrom);

    public string Id => "SG-19";
    public int Version => 1;
    public string Title => "Statutory timescale";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "Our focus in this review: delays from referral to removal",
            "The review looked at delays throughout the period from receiving the referrals in September 2013 until the removal of the children 10 months later"),
        new("004", "Child BF", "Finding BF4",
            "Delays in starting the Child and Family Assessment had a knock on impact on the timing of the pre-birth assessment; the ICPC; holding the Legal Gateway meeting"),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } =
        [ReferralDecision, CriticalReferralDecision, Assessment, InitialConference, FirstCoreGroup, FirstReview, LaterReviews, TransferIn, Warn];

    /// <summary>For each running clock: when it stops, when it becomes near, and when it is due.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var clocks = ClocksAt(file, now);
        var next = new NextMoment(now);
        var warn = context.Policy.GetInt(Id, Warn);
        foreach (var clock in clocks)
        {
            if (clock.StoppedFrom <= now) continue;
            var due = Due(clock, context);
            next.At(clock.StoppedFrom).At(context.Calendar.NearFrom(clock.Trigger.When, due, warn)).At(due);
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var clocks = ClocksAt(file, now);
        if (clocks.Length == 0) return [];

        var warn = context.Policy.GetInt(Id, Warn);
        List<Finding>? found = null;
        foreach (var clock in clocks)
        {
            if (clock.StoppedFrom <= now || DelayReasonRecorded(file, clock, now)) continue;
            var due = Due(clock, context);
            if (now < context.Calendar.NearFrom(clock.Trigger.When, due, warn)) continue;
            var timescale = clock.Timescale;
            (found ??= []).Add(new Finding(
                $"{timescale.Key}:{clock.Trigger.CauseId()}",
                $"{timescale.Step}: {timescale.Started(clock.Trigger)}; {(now > due ? "it was due by" : "it is due by")} {TimelinessFacts.Describe(due)}.",
                $"{timescale.AskFor} by {TimelinessFacts.Describe(due)}, or record the reason for exceeding the timescale.",
                due,
                [clock.Trigger.Id],
                Owner(file, clock, now),
                Reminder: now <= due));
        }
        if (found is null) return [];
        return found;
    }

    /// <summary>When the step is due: the timescale's working days (or months) after the entry that started the clock.</summary>
    private DateTimeOffset Due(Clock clock, SafeguardContext context)
    {
        var setting = ReferenceEquals(clock.Timescale, ReferralDecisionClock) && clock.Trigger.Entry.Significance == Chronology.Significance.Critical
            ? CriticalReferralDecision : clock.Timescale.Within;
        var within = context.Policy.GetInt(Id, setting);
        return clock.Timescale.InMonths
            ? TimelinessFacts.DueAfterMonths(clock.Trigger.When, within)
            : context.Calendar.DueAfterWorkingDays(clock.Trigger.When, within);
    }

    /// <summary>The front door manager owns a referral decision; any other step, the professional its clock names, or else the lead social worker.</summary>
    private static Guid? Owner(CaseFile file, Clock clock, DateTimeOffset now) =>
        ReferenceEquals(clock.Timescale, ReferralDecisionClock)
            ? file.FrontDoorManager()?.Id
            : clock.Owner ?? file.LeadSocialWorker(now.Day())?.Id;

    /// <summary>The reason for exceeding the timescale is on record: a decision on "delay-reason" about the entry that started the clock, or about the one that decided on the step.</summary>
    private static bool DelayReasonRecorded(CaseFile file, Clock clock, DateTimeOffset now) =>
        file.HasDecisionAbout(clock.Trigger, now, DecisionTopic.DelayReason)
        || (clock.DecidedBy is { } decision && file.HasDecisionAbout(decision, now, DecisionTopic.DelayReason));

    /// <summary>
    /// The clocks started by entries recorded by <paramref name="known"/>, each cause only once (as first found), less
    /// those whose step was on record or no longer needed by then. At any later moment nothing more starts or stops
    /// them but a step whose own time is after that moment.
    /// </summary>
    private static Clock[] ClocksAt(CaseFile file, DateTimeOffset known)
    {
        var started = new List<Clock>();
        ReferralDecisions(file, known, started);
        Assessments(file, known, started);
        InitialConferences(file, known, started);
        AfterConferences(file, known, started);
        TransfersIn(file, known, started);
        var running = new List<Clock>();
        for (var i = 0; i < started.Count; i++)
            if (started[i].StoppedFrom > known && IsFirstOfItsCause(started, i)) running.Add(started[i]);
        return [.. running];
    }

    /// <summary>No clock before this one has the same cause: the same timescale key for the same entry.</summary>
    private static bool IsFirstOfItsCause(List<Clock> clocks, int index)
    {
        var clock = clocks[index];
        for (var i = 0; i < index; i++)
            if (clocks[i].Timescale.Key == clock.Timescale.Key && clocks[i].Trigger.CauseId() == clock.Trigger.CauseId()) return false;
        return true;
    }

    /// <summary>A step on record (or no longer needed) when the clocks are read stops its clock from the start.</summary>
    private static DateTimeOffset StoppedIf(bool stopped) => stopped ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;

    /// <summary>CP-01: a decision on every contact or referral within a working day. A decision that names no contact answers the earliest undecided one before it.</summary>
    private static void ReferralDecisions(CaseFile file, DateTimeOffset known, List<Clock> clocks)
    {
        var contacts = file.KnownAboutChild<ContactReceived>(known).Entries;
        if (contacts.Count == 0) return;
        var decided = contacts.Select(contact => NamedByDecision(file, known, contact)).ToArray();
        foreach (var (decision, details) in file.KnownAboutChild<ContactDecision>(known))
        {
            if (details.ContactEntryId is not null) continue;
            var earliest = Enumerable.Range(0, contacts.Count).FirstOrDefault(i => !decided[i] && contacts[i].When <= decision.When, -1);
            if (earliest >= 0) decided[earliest] = true;
        }
        for (var i = 0; i < contacts.Count; i++)
            clocks.Add(new Clock(ReferralDecisionClock, contacts[i], null, null, StoppedIf(decided[i])));
    }

    /// <summary>A decision on a contact (about the child or not) recorded by then names this contact.</summary>
    private static bool NamedByDecision(CaseFile file, DateTimeOffset known, CaseEntry contact) =>
        file.Known<ContactDecision>(known).Any(d => contact.IsReferencedBy(d.Details.ContactEntryId));

    /// <summary>
    /// CP-18: a child and family (or pre-birth) assessment concluded within 45 working days of the referral. The clock
    /// starts from the referral when the decision is to assess, even if the assessment never starts; an assessment
    /// started with no referral decision on record starts its own clock from its referral, or from its own start.
    /// </summary>
    private static void Assessments(CaseFile file, DateTimeOffset known, List<Clock> clocks)
    {
        var first = clocks.Count;
        foreach (var (entry, decision) in file.KnownAboutChild<ContactDecision>(known))
            if (decision.Decision is ContactOutcome.ChildAndFamilyAssessment or ContactOutcome.PreBirthAssessment)
                clocks.Add(AssessmentClockFrom(file, known, ReferralBefore(file, known, decision.ContactEntryId, entry), entry, null));
        foreach (var (entry, strategy) in file.KnownAboutChild<StrategyDiscussion>(known))
            if (strategy.Decision == StrategyOutcome.ChildAndFamilyAssessment)
                clocks.Add(AssessmentClockFrom(file, known, ReferralBefore(file, known, null, entry), entry, null));
        foreach (var (entry, started) in file.KnownAboutChild<AssessmentStarted>(known))
        {
            if (!IsChildAndFamily(started.Type) || PartOfRunningAssessment(file, known, clocks, first, entry)) continue;
            clocks.Add(AssessmentClockFrom(file, known, NamedContact(file, known, started.TriggerEntryId) ?? entry, entry, started.LeadProfessionalId));
        }
    }

    private static bool IsChildAndFamily(AssessmentType type) => type is AssessmentType.ChildAndFamily or AssessmentType.PreBirth;

    /// <summary>The assessment clock from a referral, stopped by any child and family assessment completed since.</summary>
    private static Clock AssessmentClockFrom(CaseFile file, DateTimeOffset known, CaseEntry referral, CaseEntry decidedBy, Guid? owner) =>
        new(AssessmentClock, referral, decidedBy, owner, StoppedIf(ChildAndFamilyAssessmentCompleted(file, known, referral.When, DateTimeOffset.MaxValue)));

    /// <summary>An assessment started is part of a clock already running from an earlier decision to assess: none completed between.</summary>
    private static bool PartOfRunningAssessment(CaseFile file, DateTimeOffset known, List<Clock> clocks, int first, CaseEntry start) =>
        clocks.Skip(first).Any(clock => clock.Trigger.When <= start.When && !ChildAndFamilyAssessmentCompleted(file, known, clock.Trigger.When, start.When));

    /// <summary>A child and family (or pre-birth) assessment of the child completed at or after <paramref name="from"/> and before <paramref name="before"/>.</summary>
    private static bool ChildAndFamilyAssessmentCompleted(CaseFile file, DateTimeOffset known, DateTimeOffset from, DateTimeOffset before) =>
        file.KnownAboutChild<AssessmentCompleted>(known).Any(c => c.Entry.When >= from && c.Entry.When < before && IsChildAndFamily(c.Details.Type));

    /// <summary>The referral a decision to assess follows: the contact it names, else the latest contact by the decision, else the decision itself.</summary>
    private static CaseEntry ReferralBefore(CaseFile file, DateTimeOffset known, Guid? named, CaseEntry decision) =>
        NamedContact(file, known, named)
        ?? file.KnownAboutChild<ContactReceived>(known).Entries.LastOrDefault(contact => contact.When <= decision.When)
        ?? decision;

    /// <summary>The first contact about the child the reference points at.</summary>
    private static CaseEntry? NamedContact(CaseFile file, DateTimeOffset known, Guid? reference) =>
        reference is null ? null : file.KnownAboutChild<ContactReceived>(known).Entries.FirstOrDefault(contact => contact.IsReferencedBy(reference));

    /// <summary>
    /// CP-08: the initial conference within 15 working days of the strategy discussion that started the section 47
    /// enquiry. Later strategy discussions in the same enquiry do not restart it. It stops when the conference is
    /// held or the enquiry concludes that no conference is needed; an enquiry during a child protection plan leads
    /// to a review conference instead.
    /// </summary>
    private static void InitialConferences(CaseFile file, DateTimeOffset known, List<Clock> clocks)
    {
        var enquiries = file.KnownAboutChild<StrategyDiscussion>(known).Where(s => s.Details.InitiatesSection47).Select(s => s.Entry)
            .Concat(file.KnownAboutChild<AssessmentStarted>(known).Where(a => a.Details.Type == AssessmentType.Section47).Select(a => a.Entry));
        CaseEntry? running = null;
        foreach (var start in enquiries.OrderBy(e => e.When))
        {
            if (running is not null && EnquiryConcludedFrom(file, known, running.When) > start.When) continue;
            if (file.IsOnChildProtectionPlan(start.When)) continue;
            running = start;
            clocks.Add(new Clock(InitialConferenceClock, start, null, null, EnquiryConcludedFrom(file, known, start.When)));
        }
    }

    /// <summary>
    /// The first time at or after <paramref name="from"/> that an initial conference was held, or a section 47 enquiry
    /// concluded that none is needed; <see cref="DateTimeOffset.MaxValue"/> if neither is on record.
    /// </summary>
    private static DateTimeOffset EnquiryConcludedFrom(CaseFile file, DateTimeOffset known, DateTimeOffset from) =>
        file.KnownAboutChild<MeetingHeld>(known)
            .Where(m => m.Details.Type == MeetingType.InitialChildProtectionConference).Select(m => m.Entry.When)
            .Concat(file.KnownAboutChild<AssessmentCompleted>(known)
                .Where(c => c.Details.Type == AssessmentType.Section47
                            && c.Details.Outcome is not (AssessmentOutcome.InitialChildProtectionConference or AssessmentOutcome.ContinueAssessment))
                .Select(c => c.Entry.When))
            .Where(when => when >= from)
            .DefaultIfEmpty(DateTimeOffset.MaxValue).Min();

    /// <summary>
    /// CP-14, CP-15, CP-16: after an initial (or transfer-in) conference that makes a child protection plan, the first
    /// core group within 10 working days and the first review within 3 months; after each review that keeps the
    /// plan, the next review within 6 months. A clock stops when its meeting is held or the plan ends.
    /// </summary>
    private static void AfterConferences(CaseFile file, DateTimeOffset known, List<Clock> clocks)
    {
        var meetings = file.KnownAboutChild<MeetingHeld>(known);
        var conferences = meetings.Where(m => IsConference(m.Details.Type)).ToList();
        if (conferences.Count == 0) return;
        var lastConference = conferences.Max(c => c.Entry.When);
        var lastCoreGroup = meetings.Where(m => m.Details.Type == MeetingType.CoreGroup).Select(m => (DateTimeOffset?)m.Entry.When).Max();
        var planEnded = LastChildProtectionPlanEnd(file, known);

        foreach (var (entry, conference) in conferences)
        {
            var initial = IsInitialConference(conference.Type);
            var keepsPlan = initial
                ? conference.Decision == ConferenceDecision.ChildProtectionPlan
                  || (conference.Decision is null && ChildProtectionPlanStartedOn(file, known, entry.When.Day()))
                : conference.Decision is not (ConferenceDecision.PlanEnds or ConferenceDecision.NoFurtherAction or ConferenceDecision.ChildInNeedPlan);
            if (!keepsPlan) continue;
            var planEndedSince = planEnded >= entry.When;

            if (initial)
                clocks.Add(new Clock(FirstCoreGroupClock, entry, null, null, StoppedIf(lastCoreGroup >= entry.When || planEndedSince)));
            clocks.Add(new Clock(initial ? FirstReviewClock : LaterReviewClock, entry, null, conference.ChairProfessionalId,
                StoppedIf(lastConference > entry.When || planEndedSince)));
        }
    }

    private static bool IsInitialConference(MeetingType type) => type is MeetingType.InitialChildProtectionConference or MeetingType.TransferInConference;

    private static bool IsConference(MeetingType type) => IsInitialConference(type) || type == MeetingType.ReviewChildProtectionConference;

    /// <summary>A child protection plan for the child started on the day.</summary>
    private static bool ChildProtectionPlanStartedOn(CaseFile file, DateTimeOffset known, DateOnly day) =>
        file.KnownAboutChild<PlanStarted>(known).Any(p => p.Details.Type == PlanType.ChildProtection && p.Entry.When.Day() == day);

    /// <summary>When the latest ending of one of the child's child protection plans happened, if any is on record.</summary>
    private static DateTimeOffset? LastChildProtectionPlanEnd(CaseFile file, DateTimeOffset known)
    {
        var plans = file.KnownAboutChild<PlanStarted>(known).Where(p => p.Details.Type == PlanType.ChildProtection).Select(p => p.Entry).ToList();
        return file.Known<PlanEnded>(known)
            .Where(end => plans.Exists(plan => plan.IsReferencedBy(end.Details.PlanEntryId)))
            .Select(end => (DateTimeOffset?)end.Entry.When).Max();
    }

    /// <summary>
    /// The transfer-in conference within 15 working days of learning that a child on a child protection plan in
    /// another area has moved in. Chronicle learns it from records received from the other area saying the child is
    /// on a plan there, or from the child's move into this area (an address change from another local authority)
    /// while a plan recorded by an agency of another area is open. The first of these starts the clock; a
    /// transfer-in or initial conference stops it.
    /// </summary>
    private static void TransfersIn(CaseFile file, DateTimeOffset known, List<Clock> clocks)
    {
        var notices = file.KnownAboutChild<RecordsReceived>(known)
            .Where(r => r.Details.OnChildProtectionPlan && !TimelinessFacts.SameArea(r.Details.FromArea, file.HomeArea(r.Entry.When.Day())))
            .Select(r => r.Entry)
            .Concat(file.KnownAboutChild<AddressChange>(known).Entries.Where(move => MovedInOnPlanElsewhere(file, move)));
        CaseEntry? running = null;
        foreach (var notice in notices.OrderBy(e => e.When))
        {
            if (running is not null && !ConferenceHeld(file, known, running.When, notice.When)) continue;
            running = notice;
            clocks.Add(new Clock(TransferInClock, notice, null, null, StoppedIf(ConferenceHeld(file, known, notice.When, DateTimeOffset.MaxValue))));
        }
    }

    /// <summary>A move into this area from another local authority while a child protection plan recorded by an agency of another area is open.</summary>
    private static bool MovedInOnPlanElsewhere(CaseFile file, CaseEntry entry)
    {
        var move = (AddressChange)entry.Details;
        var home = file.HomeArea(entry.When.Day());
        var into = TimelinessFacts.SameArea(move.LocalAuthority, home) || (move.LocalAuthority is null && home is not null);
        if (!into || string.IsNullOrWhiteSpace(move.PreviousLocalAuthority) || TimelinessFacts.SameArea(move.PreviousLocalAuthority, home)) return false;
        var plans = file.ActivePlans(entry.When);
        for (var i = 0; i < plans.Count; i++)
        {
            var (planEntry, plan) = plans[i];
            if (plan.Type == PlanType.ChildProtection
                && file.Agencies.TryGetValue(planEntry.Entry.RecordedByAgencyId, out var agency)
                && agency.Area is not null && !TimelinessFacts.SameArea(agency.Area, home)) return true;
        }
        return false;
    }

    /// <summary>An initial or transfer-in conference was held from <paramref name="from"/> up to <paramref name="upTo"/>.</summary>
    private static bool ConferenceHeld(CaseFile file, DateTimeOffset known, DateTimeOffset from, DateTimeOffset upTo) =>
        file.KnownAboutChild<MeetingHeld>(known).Any(m => m.Entry.When >= from && m.Entry.When <= upTo && IsInitialConference(m.Details.Type));
}
