using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// How SG-07 and SG-12 read what a judgement of risk says it weighed, where it does not record it in the newer lists
/// (<c>risksAnalysed</c>, <c>parentingAssessed</c>): an assessment's <c>considered</c> topics, in the words a
/// practitioner uses ("domestic abuse", "parental-mental-health", "father's history", "parenting capacity"), and the
/// information about an adult that bears on risk.
/// </summary>
public static class RiskReading
{
    /// <summary>
    /// Parts of words that make a considered topic a harm or a risk (rather than a need such as housing, routines or a
    /// support network): harm, abuse, neglect, violence, mental health, substances, parenting, safety, risk, a history
    /// or experiences, offending, injury, protection, exploitation.
    /// </summary>
    private static readonly string[] RiskWords =
    [
        "harm", "abuse", "neglect", "violen", "mental", "substance", "alcohol", "drug", "parenting", "safe", "risk",
        "history", "experience", "aces", "offend", "injur", "protect", "exploit", "coerci", "trauma",
        // The everyday and shorthand words practitioners write for the same harms: a topic read as "no risk" raises an
        // alert, so anything that may name a risk counts as one.
        "domestic", "drink", "cannabis", "cocaine", "heroin", "opiat", "methadone", "overdose", "addict", "criminal",
        "convict", "arrest", "police", "prison", "assault", "aggress", "anger", "threat", "weapon", "sexual", "grooming",
        "missing", "bruis", "fractur", "burn", "suicid", "depress", "anxiety", "psych", "bipolar", "schizo", "postnatal",
        "learning disab", "control", "conflict", "gang", "county lines", "radicali", "honour", "concern", "welfare",
    ];

    /// <summary>Shorthand that names a harm only as a whole word (DV, DA, CSA, CSE, FGM, PND, NAI, SUDI).</summary>
    private static readonly HashSet<string> RiskAbbreviations = new(StringComparer.Ordinal) { "dv", "da", "dva", "csa", "cse", "fgm", "pnd", "nai", "sudi", "sud" };

    /// <summary>
    /// Parts of words that make a considered topic a recognised need rather than a harm or a risk: housing and money,
    /// work and school, the practical care of a baby, the family's support and moves. Only a topic recognised as one of
    /// these (and naming no risk) is read as "no risk weighed"; wording recognised as neither is unknown.
    /// </summary>
    private static readonly string[] NeedWords =
    [
        "housing", "accommodation", "tenancy", "rent", "financ", "money", "debt", "benefit", "income", "budget",
        "employment", "education", "school", "nursery", "childcare", "support network", "support from", "practical support",
        "routine", "feeding", "sleep", "development", "young parent", "move", "relocat", "transport", "equipment",
        "preparation",
    ];

    /// <summary>Whether a considered topic names a harm or a risk to the child.</summary>
    public static bool IsRiskTopic(string topic)
    {
        var words = topic.ToLowerInvariant();
        foreach (var word in RiskWords)
            if (words.Contains(word, StringComparison.Ordinal)) return true;
        foreach (var word in words.Split([' ', '-', '_', '/', ',', '\'', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries))
            if (RiskAbbreviations.Contains(word)) return true;
        return false;
    }

    /// <summary>Whether a considered topic is recognised as a need that names no harm or risk (housing, a support network).</summary>
    public static bool IsNeedTopic(string topic)
    {
        if (IsRiskTopic(topic)) return false;
        var words = topic.ToLowerInvariant();
        foreach (var word in NeedWords)
            if (words.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// The assessment says what it considered, and every topic is a recognised need that names no harm or risk: what it
    /// references it mentioned, and did not analyse. False when it records nothing considered, or any topic is wording
    /// recognised as neither a risk nor a need: what it weighed is then unknown and read as it always was, never as a
    /// definite "no risk weighed" (an alert is a promise that someone must act).
    /// </summary>
    public static bool WeighedNoRisk(AssessmentCompleted assessment)
    {
        if (assessment.RisksAnalysed is not null || assessment.Considered.Count == 0) return false;
        foreach (var topic in assessment.Considered)
            if (!IsNeedTopic(topic)) return false;
        return true;
    }

    /// <summary>
    /// Information about an adult that bears on risk to a child they parent or live with: substance or alcohol misuse,
    /// mental health, offending, a learning disability, or a concern of another kind (a history written in words);
    /// not their whereabouts (in prison, released).
    /// </summary>
    public static bool BearsOnRisk(AdultConcern concern) =>
        concern.Type is not (AdultConcernType.Imprisonment or AdultConcernType.ReleaseFromPrison);

    /// <summary>The adult an entry is information about (an adult concern or a parent's history), or null.</summary>
    public static Guid? AdultOf(CaseEntry entry) => entry.Details switch
    {
        AdultConcern a when BearsOnRisk(a) => a.AdultPersonId,
        ParentHistory h => h.AdultPersonId,
        _ => null,
    };

    /// <summary>
    /// Seen by an older assessment (one that does not record whom it assessed as a parent), but not assessed as a
    /// parent: the assessment weighed no risk, though information about the adult that bears on their parenting was on
    /// record when it was completed.
    /// </summary>
    public static bool SeenNotAssessedAsParent(CaseFile file, CaseEntry assessment, Guid adult)
    {
        if (assessment.Details is not AssessmentCompleted { ParentingAssessed: null } details || !WeighedNoRisk(details)) return false;
        foreach (var entry in file.Of<AdultConcern>().Concat(file.Of<ParentHistory>()))
            if (AdultOf(entry) == adult && entry.When <= assessment.When && entry.RecordedAt <= assessment.RecordedAt) return true;
        return false;
    }
}
