using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-29: a professional escalates (challenges a decision about the child under the escalation protocol) and no
/// response to the escalation is recorded within the setting.
/// </summary>
public sealed class EscalationNotAnswered : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "A response to a professional's escalation within", "5", "working days");

    public string Id => "SG-29";
    public int Version => 1;
    public string Title => "Escalation not answered";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("birmingham-2020-21-01", "Birmingham CSPR 2020-21-01", "Learning",
            "attempts by the referring agencies to escalate the concerns took too long"),
        new("devon-cn18", "Devon Baby F (CN18)", "Key lines of enquiry",
            "Barriers to challenging professionals about decision making"),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    /// <summary>The due time of each escalation still within it.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now);
        var within = context.Policy.GetInt(Id, RespondWithin);
        foreach (var (escalation, details) in file.KnownAboutChild<DecisionRecorded>(context.Now))
            if (details.Topic == DecisionTopic.Escalation) next.At(context.Calendar.DueAfterWorkingDays(escalation.When, within));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var decisions = file.KnownAboutChild<DecisionRecorded>(now);
        if (decisions.Count == 0) return [];
        var within = context.Policy.GetInt(Id, RespondWithin);
        List<Finding>? found = null;
        foreach (var (escalation, details) in decisions)
        {
            if (details.Topic != DecisionTopic.Escalation || AnswersAnEarlierEscalation(file, escalation, decisions, now)) continue;
            var due = context.Calendar.DueAfterWorkingDays(escalation.When, within);
            if (now <= due || Answered(file, escalation, now)) continue;
            (found ??= []).Add(new Finding(
                $"escalation:{escalation.CauseId()}",
                $"A professional's escalation of {TimelinessFacts.Describe(escalation.Day())} has no recorded response; it was due by {TimelinessFacts.Describe(due)}.",
                "The manager the escalation went to records the response (a decision on escalation-response naming the escalation), and the professional who escalated is told.",
                due,
                [escalation.Id],
                file.FrontDoorManager()?.Id ?? file.LeadSocialWorker(now.Day())?.Id));
        }
        return found ?? [];
    }

    /// <summary>
    /// A response names the escalation, or a later decision is about it; or the agency whose decision was challenged
    /// records a decision on the escalation about the child (a manager upholding or rejecting it, in the words
    /// "escalation" or "escalation response") after it.
    /// </summary>
    private static bool Answered(CaseFile file, CaseEntry escalation, DateTimeOffset now)
    {
        Guid? challenged = null;
        foreach (var (entry, decision) in file.Known<DecisionRecorded>(now))
        {
            if (entry.Id == escalation.Id || entry.When < escalation.When) continue;
            if (decision.Topic == DecisionTopic.EscalationResponse && decision.RespondsToEntryIds.Any(id => escalation.IsReferencedBy(id))) return true;
            // A decision about the escalation answers it, unless it is itself an escalation (challenging again).
            if (decision.Topic != DecisionTopic.Escalation && escalation.IsReferencedBy(decision.AboutEntryId)) return true;
            // A decision on the escalation that names no escalation it answers, by the agency whose decision was challenged
            // (where the escalation says which that is).
            if ((decision.Topic == DecisionTopic.Escalation || decision is { Topic: DecisionTopic.EscalationResponse, RespondsToEntryIds.Count: 0 }) && entry.Entry.IsAbout(file.Child.Id)
                && entry.Entry.RecordedByAgencyId != escalation.Entry.RecordedByAgencyId
                && (challenged ??= ChallengedAgency(file, escalation, now)) is { } agency && entry.Entry.RecordedByAgencyId == agency)
                return true;
        }
        return false;
    }

    /// <summary>A decision on escalation by the agency an earlier escalation challenged is its response, not a challenge.</summary>
    private static bool AnswersAnEarlierEscalation(CaseFile file, CaseEntry decision, IReadOnlyList<(CaseEntry Entry, DecisionRecorded Details)> decisions, DateTimeOffset now)
    {
        foreach (var (earlier, details) in decisions)
            if (details.Topic == DecisionTopic.Escalation && earlier.When < decision.When && earlier.Entry.RecordedByAgencyId != decision.Entry.RecordedByAgencyId
                && ChallengedAgency(file, earlier, now) == decision.Entry.RecordedByAgencyId)
                return true;
        return false;
    }

    /// <summary>
    /// The agency whose decision the escalation challenges, from the escalation's own fields: the one that decided on the
    /// contact or referral it names (or recorded the decision it names); failing that, the agency it names
    /// (<c>aboutAgencyId</c>). Null when it names neither: which agency was challenged is then not known, and is never
    /// guessed, so only a response that names the escalation (or a decision about it) answers it.
    /// </summary>
    private static Guid? ChallengedAgency(CaseFile file, CaseEntry escalation, DateTimeOffset now)
    {
        var details = (DecisionRecorded)escalation.Details;
        var about = details.AboutEntryId;
        if (about is not null)
        {
            CaseEntry? decided = null;
            foreach (var (entry, decision) in file.Known<ContactDecision>(now))
                if (entry.When <= escalation.When && decision.ContactEntryId is { } contact && contact == about) decided = entry;
            if (decided is not null) return decided.Entry.RecordedByAgencyId;
            foreach (var entry in file.Entries)
                if (entry.IsReferencedBy(about) && entry.Details is ContactDecision or StrategyDiscussion or AssessmentCompleted or MeetingHeld)
                    return entry.Entry.RecordedByAgencyId;
        }
        return details.AboutAgencyId;
    }
}
