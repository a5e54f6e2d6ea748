using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-01: an injury, bruise or mark on a child who is not independently mobile asks for a referral the same working
/// day, children's social care's decision on it the same working day, a child protection medical, and a strategy
/// discussion (or, where the partnership appraises first, a decision on one after the medical). While each step is
/// within its time the pathway is a reminder; a late step, or a referral taken no further without a strategy
/// discussion, is an alert. A mark whose clinical explanation is accepted by a recorded decision leaves the pathway,
/// where the partnership's setting says so.
/// </summary>
public sealed class NonMobileInjury : ISafeguard
{
    public const string Always = "always";
    public const string AfterAppraisal = "after-appraisal";

    public static readonly SettingDefinition AgeThreshold =
        new("age-threshold", "When mobility is not recorded, treat a child younger than this as not independently mobile", "6", "months");
    public static readonly SettingDefinition ReferralWithin =
        new("referral-within", "Referral to children's social care within (0 is the same working day)", "0", "working days");
    public static readonly SettingDefinition DecisionWithin =
        new("decision-within", "Children's social care's decision on the referral within (0 is the same working day)", "0", "working days");
    public static readonly SettingDefinition OpinionWithin =
        new("opinion-within", "Paediatric opinion (child protection medical) within", "1", "working days");
    public static readonly SettingDefinition StrategyDiscussionMode =
        new("strategy-discussion", "Strategy discussion: always held, or decided after an initial appraisal", Always, "choice", [Always, AfterAppraisal]);

    public const string ByDecision = "decision";
    public const string Pathway = "pathway";

    public static readonly SettingDefinition MedicalCause =
        new("medical-cause", "A mark with a clinical explanation (a cannula, a birth mark): its pathway closed by a recorded decision accepting the explanation, or the full pathway always", ByDecision, "choice", [ByDecision, Pathway]);

    public string Id => "SG-01";
    public int Version => 1;
    public string Title => "Injury to a non-mobile child";
    public Severity Severity => Severity.Urgent;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we know about the family and what happened",
            "When Baby R was 6 days old a midwife noticed a bruise on the baby's face."),
        new("002", "Family S22", "The significance of bruising in non-mobile babies and children",
            "When bruising is first observed on a non-mobile child and a professional is seeking an explanation from the parents or carers, it is important to remember the NICE guideline 'When to suspect Child Maltreatment'"),
        new("004", "Child BF", "Finding BF7",
            "Multi-agency audit will evidence that professionals follow the procedure for injuries to immobile babies"),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AgeThreshold, ReferralWithin, DecisionWithin, OpinionWithin, StrategyDiscussionMode, MedicalCause];

    /// <summary>The due times of the pathway's steps for each injury not yet answered: a step late turns the reminder into an alert.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now);
        foreach (var (injury, _) in Unanswered(file, context.Now))
        {
            next.At(context.Calendar.DueAfterWorkingDays(injury.When, context.Policy.GetInt(Id, ReferralWithin)));
            next.At(context.Calendar.DueAfterWorkingDays(injury.When, context.Policy.GetInt(Id, DecisionWithin)));
            next.At(context.Calendar.DueAfterWorkingDays(injury.When, context.Policy.GetInt(Id, OpinionWithin)));
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var threshold = context.Policy.GetInt(Id, AgeThreshold);
        var referralWithin = context.Policy.GetInt(Id, ReferralWithin);
        var decisionWithin = context.Policy.GetInt(Id, DecisionWithin);
        var opinionWithin = context.Policy.GetInt(Id, OpinionWithin);
        var appraiseFirst = string.Equals(context.Policy.Get(Id, StrategyDiscussionMode), AfterAppraisal, StringComparison.OrdinalIgnoreCase);
        var medicalCauseByDecision = string.Equals(context.Policy.Get(Id, MedicalCause), ByDecision, StringComparison.OrdinalIgnoreCase);
        var now = context.Now;

        foreach (var (injury, details) in Unanswered(file, now))
        {
            if (!IsNotIndependentlyMobile(file.Child, details.ChildMobility, injury.Day(), threshold)) continue;
            if (medicalCauseByDecision && file.HasDecisionAbout(injury, now, DecisionTopic.MedicalExplanation)) continue;

            var referralDue = context.Calendar.DueAfterWorkingDays(injury.When, referralWithin);
            var decisionDue = context.Calendar.DueAfterWorkingDays(injury.When, decisionWithin);
            var opinionDue = context.Calendar.DueAfterWorkingDays(injury.When, opinionWithin);
            var medicals = Medicals(file, now, injury).ToList();
            var outstanding = new List<(string Ask, DateTimeOffset Due)>();
            if (!Referred(file, now, injury))
                outstanding.Add(("the referral to children's social care", referralDue));
            if (!FrontDoorDecided(file, now, injury))
                outstanding.Add(("children's social care's decision on the referral", decisionDue));
            if (medicals.Count == 0)
                outstanding.Add(("a paediatric opinion (child protection medical)", opinionDue));
            var steppedDown = !appraiseFirst && SteppedDownWithoutStrategyDiscussion(file, now, injury);
            if (!StrategyDecided(file, context, injury, medicals, appraiseFirst))
                outstanding.Add((appraiseFirst ? "a decision, after the medical, on a strategy discussion" : "a strategy discussion", opinionDue));
            if (outstanding.Count == 0) continue;

            // Under way within its time, the pathway is a reminder of its next steps; a step late, or closed off by a
            // decision to take the referral no further without a strategy discussion, is an alert.
            var late = outstanding.Exists(o => now > o.Due);
            // Where on the body, as recorded: two injuries seen at one visit are two findings a reader must tell apart.
            var mark = (details.Type == InjuryType.Other ? "An injury" : "A " + Labels.Of(details.Type).ToLowerInvariant())
                + (string.IsNullOrWhiteSpace(details.Site) ? "" : $" ({details.Site.Trim()})");
            yield return new Finding(
                $"injury:{injury.CauseId()}",
                $"{mark} was recorded on a child who is not independently mobile"
                    + (details.ChildMobility == Mobility.NotRecorded ? " (mobility not recorded; treated as not mobile by age or because age is not known)" : "")
                    + (steppedDown ? "; the referral was taken no further without a strategy discussion." : late ? "; a step of the pathway is late." : "."),
                "Record " + FindingWords.List([.. outstanding.Select(o => $"{o.Ask} {FindingWords.By(o.Due)}")]) + ".",
                outstanding.Min(o => o.Due),
                [injury.Id],
                injury.Entry.RecordedByProfessionalId,
                Reminder: !late && !steppedDown);
        }
    }

    /// <summary>
    /// Children's social care has decided on the referral: a decision on a contact, a strategy discussion, or its recorded
    /// decision on a strategy discussion, about the child since the injury's day.
    /// </summary>
    private static bool FrontDoorDecided(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        file.KnownAboutChild<ContactDecision>(known).Any(x => x.Entry.Day() >= injury.Day())
        || file.KnownAboutChild<StrategyDiscussion>(known).Any(x => x.Entry.Day() >= injury.Day())
        || file.KnownAboutChild<DecisionRecorded>(known).Any(x => x.Details.Topic == DecisionTopic.StrategyDiscussion && x.Entry.Day() >= injury.Day() && file.RecordedBy(x.Entry, AgencyKind.ChildrensSocialCare));

    /// <summary>Since the injury, children's social care decided to take a contact no further, and no strategy discussion has been held.</summary>
    private static bool SteppedDownWithoutStrategyDiscussion(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        !StrategyDiscussionSince(file, known, injury)
        && file.KnownAboutChild<ContactDecision>(known).Any(x => x.Entry.Day() >= injury.Day() && x.Details.StepsDown);

    /// <summary>
    /// The injuries to the child known by then that are not yet answered by everything the pathway asks for whatever
    /// the settings say: a referral, a medical covering the injury, and a strategy discussion since.
    /// </summary>
    private static List<(CaseEntry Entry, InjuryObserved Details)> Unanswered(CaseFile file, DateTimeOffset known)
    {
        var unanswered = new List<(CaseEntry, InjuryObserved)>();
        foreach (var (injury, details) in file.KnownAboutChild<InjuryObserved>(known))
            if (!Referred(file, known, injury) || !Medicals(file, known, injury).Any() || !StrategyDiscussionSince(file, known, injury))
                unanswered.Add((injury, details));
        return unanswered;
    }

    /// <summary>
    /// Not independently mobile as recorded; or, with no mobility recorded, younger than the threshold. A child whose
    /// age is not known is treated as not mobile: "we don't know" is not "mobile".
    /// </summary>
    public static bool IsNotIndependentlyMobile(Person child, Mobility mobility, DateOnly on, int thresholdMonths) => mobility switch
    {
        Mobility.NotIndependentlyMobile => true,
        Mobility.IndependentlyMobile => false,
        _ => child.AgeInMonths(on) is not { } months || months < thresholdMonths,
    };

    /// <summary>Children's social care knows: a contact or referral, its decision or a strategy discussion since the injury's day, or social care recorded the injury itself.</summary>
    private static bool Referred(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        file.RecordedBy(injury, AgencyKind.ChildrensSocialCare)
        || file.KnownAboutChild<ContactReceived>(known).Any(x => x.Entry.Day() >= injury.Day())
        || file.KnownAboutChild<ContactDecision>(known).Any(x => x.Entry.Day() >= injury.Day())
        || file.KnownAboutChild<StrategyDiscussion>(known).Any(x => x.Entry.Day() >= injury.Day());

    /// <summary>Child protection medicals since the injury's day that cover it (naming it, or naming no injury in particular).</summary>
    private static IEnumerable<CaseEntry> Medicals(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        file.KnownAboutChild<ChildProtectionMedical>(known)
            .Where(x => x.Entry.Day() >= injury.Day() && (x.Details.InjuryEntryIds.Count == 0 || injury.IsReferencedByAny(x.Details.InjuryEntryIds)))
            .Select(x => x.Entry);

    private static bool StrategyDiscussionSince(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        file.KnownAboutChild<StrategyDiscussion>(known).Any(x => x.Entry.Day() >= injury.Day());

    private static bool StrategyDecided(CaseFile file, SafeguardContext context, CaseEntry injury, List<CaseEntry> medicals, bool appraiseFirst)
    {
        if (StrategyDiscussionSince(file, context.Now, injury)) return true;
        if (!appraiseFirst || medicals.Count == 0) return false;
        var firstMedical = medicals.Min(m => m.Day());
        return file.KnownAboutChild<DecisionRecorded>(context.Now).Any(x =>
            x.Details.Topic == DecisionTopic.StrategyDiscussion
            && x.Entry.Day() >= firstMedical
            && (x.Details.AboutEntryId is null || injury.IsReferencedBy(x.Details.AboutEntryId) || medicals.Any(m => m.IsReferencedBy(x.Details.AboutEntryId))));
    }
}
