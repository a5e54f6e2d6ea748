using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-19: the statutory clocks of the child protection process (Working Together 2023, domain reference CP-01,
/// CP-08, CP-14, CP-15, CP-16, CP-18) and the transfer-in conference. Each clock instance is one cause, found
/// from the day it is near (the warning) until the step is on record, is no longer needed, or the reason for
/// exceeding the timescale is recorded: a decision on "delay-reason" about the entry that started the clock.
/// </summary>
public sealed class StatutoryTimescale : ISafeguard
{
    public static readonly SettingDefinition ReferralDecision = new("referral-decision", "Decision on a contact or referral within", "1", "working days");
    public static readonly SettingDefinition Assessment = new("assessment", "Child and family assessment within (from the referral)", "45", "working days");
    public static readonly SettingDefinition InitialConference = new("icpc", "Initial child protection conference within (from the strategy discussion that started the enquiry)", "15", "working days");
    public static readonly SettingDefinition FirstCoreGroup = new("first-core-group", "First core group within (from the initial conference)", "10", "working days");
    public static readonly SettingDefinition FirstReview = new("first-review", "First review conference within (from the initial conference)", "3", "months");
    public static readonly SettingDefinition LaterReviews = new("later-reviews", "Later review conferences within (from the previous review)", "6", "months");
    public static readonly SettingDefinition TransferIn = new("transfer-in", "Transfer-in conference within (from learning a child on a plan elsewhere has moved in)", "15", "working days");
    public static readonly SettingDefinition Warn = new("warn", "Warn before the due day", "2", "working days");

    private static readonly AssessmentType[] ChildAndFamilyAssessments = [AssessmentType.ChildAndFamily, AssessmentType.PreBirth];

    private static readonly MeetingType[] InitialConferences = [MeetingType.InitialChildProtectionConference, MeetingType.TransferInConference];

    /// <summary>One running clock: what starts it, when the step is due, and whether the step is done or no longer needed.</summary>
    private sealed record Clock(string CauseKey, string Step, Func<string> Started, string AskFor, CaseEntry Trigger, DateTimeOffset Due, bool Stopped, Guid? Owner, IReadOnlyList<CaseEntry> ReasonAbout);

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
        [ReferralDecision, Assessment, InitialConference, FirstCoreGroup, FirstReview, LaterReviews, TransferIn, Warn];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var warn = context.Policy.GetInt(Id, Warn);
        var clocks = ReferralDecisions(file, context)
            .Concat(Assessments(file, context))
            .Concat(InitialConferenceClocks(file, context))
            .Concat(AfterConferences(file, context))
            .Concat(TransfersIn(file, context))
            .DistinctBy(c => c.CauseKey);

        foreach (var clock in clocks)
        {
            if (clock.Stopped) continue;
            if (clock.ReasonAbout.Any(e => file.HasDecisionAbout(e, now, DecisionTopic.DelayReason))) continue;
            if (now < context.Calendar.NearFrom(clock.Trigger.When, clock.Due, warn)) continue;
            var passed = now > clock.Due;
            yield return new Finding(
                clock.CauseKey,
                $"{clock.Step}: {clock.Started()}; {(passed ? "it was due by" : "it is due by")} {TimelinessFacts.Describe(clock.Due)}.",
                $"{clock.AskFor} by {TimelinessFacts.Describe(clock.Due)}, or record the reason for exceeding the timescale.",
                clock.Due,
                [clock.Trigger.Id],
                clock.Owner);
        }
    }

    /// <summary>CP-01: a decision on every contact or referral within a working day. A decision that names no contact answers the earliest undecided one before it.</summary>
    private IEnumerable<Clock> ReferralDecisions(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var contacts = file.KnownAboutChild<ContactReceived>(now).ToList();
        var named = file.Known<ContactDecision>(now).Where(d => d.Details.ContactEntryId is not null).Select(d => d.Details.ContactEntryId).ToList();
        var decided = contacts.Where(c => named.Exists(c.Entry.IsReferencedBy)).Select(c => c.Entry.Id).ToHashSet();
        foreach (var (entry, _) in file.KnownAboutChild<ContactDecision>(now).Where(d => d.Details.ContactEntryId is null))
        {
            var answered = contacts.FirstOrDefault(c => !decided.Contains(c.Entry.Id) && c.Entry.When <= entry.When);
            if (answered.Entry is not null) decided.Add(answered.Entry.Id);
        }
        var days = context.Policy.GetInt(Id, ReferralDecision);
        var owner = file.FrontDoorManager()?.Id;
        foreach (var (entry, contact) in contacts)
            yield return new Clock(
                $"referral-decision:{entry.CauseId()}", "Decision on a referral",
                () => $"the {(contact.Type == ContactType.Contact ? "contact" : "referral")} of {TimelinessFacts.Describe(entry.When.Day())} has no recorded decision",
                "Record the decision on the contact or referral", entry,
                context.Calendar.DueAfterWorkingDays(entry.When, days), decided.Contains(entry.Id), owner, [entry]);
    }

    /// <summary>
    /// CP-18: a child and family (or pre-birth) assessment concluded within 45 working days of the referral. The clock
    /// starts from the referral when the decision is to assess, even if the assessment never starts; an assessment
    /// started with no referral decision on record starts its own clock from its referral, or from its own start.
    /// </summary>
    private IEnumerable<Clock> Assessments(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var contacts = file.KnownAboutChild<ContactReceived>(now).Select(c => c.Entry).ToList();
        var completions = file.KnownAboutChild<AssessmentCompleted>(now).Where(a => ChildAndFamilyAssessments.Contains(a.Details.Type)).Select(a => a.Entry.When).ToList();
        CaseEntry ReferralBefore(Guid? named, CaseEntry fallback) =>
            contacts.FirstOrDefault(c => c.IsReferencedBy(named)) ?? contacts.LastOrDefault(c => c.When <= fallback.When) ?? fallback;

        var starts = new List<(CaseEntry Referral, CaseEntry Cause, Guid? Owner)>();
        foreach (var (entry, decision) in file.KnownAboutChild<ContactDecision>(now)
                     .Where(d => d.Details.Decision is ContactOutcome.ChildAndFamilyAssessment or ContactOutcome.PreBirthAssessment))
            starts.Add((ReferralBefore(decision.ContactEntryId, entry), entry, null));
        foreach (var (entry, _) in file.KnownAboutChild<StrategyDiscussion>(now).Where(s => s.Details.Decision == StrategyOutcome.ChildAndFamilyAssessment))
            starts.Add((ReferralBefore(null, entry), entry, null));
        foreach (var (entry, started) in file.KnownAboutChild<AssessmentStarted>(now).Where(a => ChildAndFamilyAssessments.Contains(a.Details.Type)))
        {
            // Part of a clock already running from an earlier decision to assess.
            if (starts.Any(s => s.Referral.When <= entry.When && !completions.Any(c => c >= s.Referral.When && c < entry.When))) continue;
            starts.Add((contacts.FirstOrDefault(c => c.IsReferencedBy(started.TriggerEntryId)) ?? entry, entry, started.LeadProfessionalId));
        }

        var days = context.Policy.GetInt(Id, Assessment);
        foreach (var (referral, cause, owner) in starts)
            yield return new Clock(
                $"assessment:{referral.CauseId()}", "Child and family assessment",
                () => $"the assessment following the referral of {TimelinessFacts.Describe(referral.When.Day())} is not completed",
                "Complete the assessment", referral,
                context.Calendar.DueAfterWorkingDays(referral.When, days),
                completions.Any(c => c >= referral.When),
                owner ?? file.LeadSocialWorker(now.Day())?.Id,
                [referral, cause]);
    }

    /// <summary>
    /// CP-08: the initial conference within 15 working days of the strategy discussion that started the section 47
    /// enquiry. Later strategy discussions in the same enquiry do not restart it. It stops when the conference is
    /// held or the enquiry concludes that no conference is needed; an enquiry during a child protection plan leads
    /// to a review conference instead.
    /// </summary>
    private IEnumerable<Clock> InitialConferenceClocks(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var held = file.KnownAboutChild<MeetingHeld>(now).Where(m => m.Details.Type == MeetingType.InitialChildProtectionConference).Select(m => m.Entry.When).ToList();
        var concluded = file.KnownAboutChild<AssessmentCompleted>(now)
            .Where(a => a.Details.Type == AssessmentType.Section47 && a.Details.Outcome is not (AssessmentOutcome.InitialChildProtectionConference or AssessmentOutcome.ContinueAssessment))
            .Select(a => a.Entry.When).ToList();
        bool StoppedBy(DateTimeOffset start, DateTimeOffset at) => held.Concat(concluded).Any(t => t >= start && t <= at);

        var enquiries = file.KnownAboutChild<StrategyDiscussion>(now).Where(s => s.Details.InitiatesSection47).Select(s => s.Entry)
            .Concat(file.KnownAboutChild<AssessmentStarted>(now).Where(a => a.Details.Type == AssessmentType.Section47).Select(a => a.Entry))
            .OrderBy(e => e.When);
        var days = context.Policy.GetInt(Id, InitialConference);
        CaseEntry? running = null;
        foreach (var start in enquiries)
        {
            if (running is not null && !StoppedBy(running.When, start.When)) continue;
            if (file.IsOnChildProtectionPlan(start.When)) continue;
            running = start;
            yield return new Clock(
                $"icpc:{start.CauseId()}", "Initial child protection conference",
                () => $"the section 47 enquiry started on {TimelinessFacts.Describe(start.When.Day())} has no initial conference on record",
                "Hold the initial child protection conference, or record that the enquiry concluded that no conference is needed", start,
                context.Calendar.DueAfterWorkingDays(start.When, days), StoppedBy(start.When, now),
                file.LeadSocialWorker(now.Day())?.Id, [start]);
        }
    }

    /// <summary>
    /// CP-14, CP-15, CP-16: after an initial (or transfer-in) conference that makes a child protection plan, the first
    /// core group within 10 working days and the first review within 3 months; after each review that keeps the
    /// plan, the next review within 6 months. A clock stops when its meeting is held or the plan ends.
    /// </summary>
    private IEnumerable<Clock> AfterConferences(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var meetings = file.KnownAboutChild<MeetingHeld>(now).ToList();
        var conferences = meetings.Where(m => InitialConferences.Contains(m.Details.Type) || m.Details.Type == MeetingType.ReviewChildProtectionConference).ToList();
        var childProtectionPlans = file.KnownAboutChild<PlanStarted>(now).Where(p => p.Details.Type == PlanType.ChildProtection).ToList();
        var planEnds = file.Known<PlanEnded>(now).Where(p => childProtectionPlans.Exists(c => c.Entry.IsReferencedBy(p.Details.PlanEntryId))).Select(p => p.Entry.When).ToList();
        bool PlanEndedAfter(DateTimeOffset t) => planEnds.Any(e => e >= t);
        var owner = file.LeadSocialWorker(now.Day())?.Id;

        foreach (var (entry, conference) in conferences)
        {
            var initial = InitialConferences.Contains(conference.Type);
            var keepsPlan = initial
                ? conference.Decision == ConferenceDecision.ChildProtectionPlan
                  || (conference.Decision is null && childProtectionPlans.Any(p => p.Entry.When.Day() == entry.When.Day()))
                : conference.Decision is not (ConferenceDecision.PlanEnds or ConferenceDecision.NoFurtherAction or ConferenceDecision.ChildInNeedPlan);
            if (!keepsPlan) continue;

            if (initial)
            {
                var coreGroupHeld = meetings.Any(m => m.Details.Type == MeetingType.CoreGroup && m.Entry.When >= entry.When);
                yield return new Clock(
                    $"core-group:{entry.CauseId()}", "First core group",
                    () => $"no core group is on record since the conference of {TimelinessFacts.Describe(entry.When.Day())} made a child protection plan",
                    "Hold the first core group", entry,
                    context.Calendar.DueAfterWorkingDays(entry.When, context.Policy.GetInt(Id, FirstCoreGroup)),
                    coreGroupHeld || PlanEndedAfter(entry.When), owner, [entry]);
            }

            var months = context.Policy.GetInt(Id, initial ? FirstReview : LaterReviews);
            var nextConference = conferences.Any(c => c.Entry.When > entry.When);
            yield return new Clock(
                $"review-conference:{entry.CauseId()}", initial ? "First review conference" : "Review conference",
                () => $"no review conference is on record since the conference of {TimelinessFacts.Describe(entry.When.Day())}",
                "Hold the review child protection conference", entry,
                TimelinessFacts.DueAfterMonths(entry.When, months),
                nextConference || PlanEndedAfter(entry.When), conference.ChairProfessionalId ?? owner, [entry]);
        }
    }

    /// <summary>
    /// The transfer-in conference within 15 working days of learning that a child on a child protection plan in
    /// another area has moved in. Chronicle learns it from records received from the other area saying the child is
    /// on a plan there, or from the child's move into this area (an address change from another local authority)
    /// while a plan recorded by an agency of another area is open. The first of these starts the clock; a
    /// transfer-in or initial conference stops it.
    /// </summary>
    private IEnumerable<Clock> TransfersIn(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var conferencesHeld = file.KnownAboutChild<MeetingHeld>(now).Where(m => InitialConferences.Contains(m.Details.Type)).Select(m => m.Entry.When).ToList();
        var notices = new List<CaseEntry>();
        foreach (var (entry, records) in file.KnownAboutChild<RecordsReceived>(now).Where(r => r.Details.OnChildProtectionPlan))
            if (!TimelinessFacts.SameArea(records.FromArea, file.HomeArea(entry.When.Day()))) notices.Add(entry);
        foreach (var (entry, move) in file.KnownAboutChild<AddressChange>(now))
        {
            var home = file.HomeArea(entry.When.Day());
            var into = TimelinessFacts.SameArea(move.LocalAuthority, home) || (move.LocalAuthority is null && home is not null);
            if (!into || string.IsNullOrWhiteSpace(move.PreviousLocalAuthority) || TimelinessFacts.SameArea(move.PreviousLocalAuthority, home)) continue;
            var planElsewhere = file.ActivePlans(entry.When).Any(p =>
                p.Plan.Type == PlanType.ChildProtection
                && file.Agencies.TryGetValue(p.Entry.Entry.RecordedByAgencyId, out var agency)
                && agency.Area is not null && !TimelinessFacts.SameArea(agency.Area, home));
            if (planElsewhere) notices.Add(entry);
        }

        var days = context.Policy.GetInt(Id, TransferIn);
        CaseEntry? running = null;
        foreach (var notice in notices.OrderBy(n => n.When))
        {
            if (running is not null && !conferencesHeld.Any(c => c >= running.When && c <= notice.When)) continue;
            running = notice;
            yield return new Clock(
                $"transfer-in:{notice.CauseId()}", "Transfer-in conference",
                () => $"a child on a child protection plan in another area was known to have moved in on {TimelinessFacts.Describe(notice.When.Day())}",
                "Hold the transfer-in conference", notice,
                context.Calendar.DueAfterWorkingDays(notice.When, days),
                conferencesHeld.Any(c => c >= notice.When),
                file.LeadSocialWorker(now.Day())?.Id, [notice]);
        }
    }
}
