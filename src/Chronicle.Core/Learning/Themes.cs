namespace Chronicle.Core.Learning;

/// <summary>
/// A theme of the learning taxonomy. Phrases suggest the theme when found in a learning document: matched whole-word
/// and ignoring case, a hyphen may also be a space or nothing, a trailing * matches any ending ("father*") and a lone
/// * matches any one word.
/// </summary>
public sealed record Theme(string Code, string Label, string Covers, IReadOnlyList<string> Phrases);

/// <summary>The controlled taxonomy every review's findings, lessons and recommendations are themed against.</summary>
public static class Themes
{
    public const string InformationSharing = "information-sharing";
    public const string FathersAndSignificantAdults = "fathers-and-significant-adults";
    public const string NonMobileInjuries = "non-mobile-injuries";
    public const string RuleOfOptimism = "rule-of-optimism";
    public const string AccurateRecording = "accurate-recording";
    public const string Supervision = "supervision";
    public const string DriftAndStaffing = "drift-and-staffing";
    public const string MultiAgencyMeetings = "multi-agency-meetings";
    public const string Plans = "plans";
    public const string MovesAndTransitions = "moves-and-transitions";
    public const string PreBirth = "pre-birth";
    public const string NeglectAndCumulativeHarm = "neglect-and-cumulative-harm";
    public const string DomesticAbuse = "domestic-abuse";
    public const string ParentalSubstanceMisuse = "parental-substance-misuse";
    public const string ParentalMentalHealth = "parental-mental-health";
    public const string EngagementAndDisguisedCompliance = "engagement-and-disguised-compliance";
    public const string WasNotBrought = "was-not-brought";
    public const string EscalationAndChallenge = "escalation-and-challenge";
    public const string VoiceOfTheChild = "voice-of-the-child";

    public static IReadOnlyList<Theme> All { get; } =
    [
        new(InformationSharing, "Information sharing",
            "Whether what one agency knew reached the others who needed it, promptly and in full.",
            ["information sharing", "shar* information", "sharing of information", "information * shared",
             "shared promptly", "not shared", "share records", "share this information",
             "communication systems", "communicated promptly", "effective communication", "informed of the change",
             "asked for information"]),
        new(FathersAndSignificantAdults, "Fathers and significant adults",
            "Fathers, partners and other adults in the child's life: known about, assessed and included.",
            ["father*", "significant adult*", "significant male*", "male carer*", "all parents", "absent parent*",
             "mother's partner", "new partner", "step-father*"]),
        new(NonMobileInjuries, "Injuries to non-mobile babies",
            "Bruises and other injuries to babies who are not yet moving on their own, and the response to them.",
            ["non-mobile", "immobile", "not independently mobile", "bruis*", "fractur*", "non-accidental",
             "head injur*", "head trauma"]),
        new(RuleOfOptimism, "Rule of optimism",
            "Explanations and reassurance accepted too readily; parents' accounts believed over the evidence.",
            ["rule of optimism", "optimis*", "high regard", "reasonable explanation", "face value", "reassurance*",
             "medical explanation"]),
        new(AccurateRecording, "Accurate recording",
            "Records that say what is known and what is not: results, addresses and findings written down as they are.",
            ["accurat*", "inaccura*", "record* carefully", "record findings", "recorded as a", "record facts",
             "record test results", "was not recorded", "not all the information shared between services was recorded"]),
        new(Supervision, "Supervision",
            "Supervision, reflective practice and management oversight of casework.",
            ["supervision", "supervisory", "reflective practice", "management oversight", "manager*"]),
        new(DriftAndStaffing, "Drift and staffing",
            "Delay and drift in casework, and the staffing, sickness and caseloads that cause it.",
            ["drift", "delay*", "staffing", "staff sickness", "staff are absent", "caseload*", "timescale*"]),
        new(MultiAgencyMeetings, "Multi-agency meetings",
            "Strategy discussions, conferences, core groups and other meetings: who is invited, who attends, what they share.",
            ["child protection conference*", "core group*", "strategy discussion*", "strategy meeting*",
             "S47 strateg*", "MARAC", "ICPC", "case conference*", "professionals meeting*", "conference chair*",
             "child in need meeting*", "multi-agency meeting*", "legal gateway meeting"]),
        new(Plans, "Plans",
            "Child in need, child protection and safety plans: clear, owned, reviewed and kept up to date.",
            ["child protection plan*", "child in need plan*", "CP plan*", "CiN plan*", "safety plan*", "action plan*",
             "review of the plan", "plans up-to-date", "strong plan", "any plans"]),
        new(MovesAndTransitions, "Moves and transitions",
            "Families moving home or area, cases transferring, and transitions such as leaving care or becoming an adult.",
            ["moved home", "new to the area", "moved to the area", "moves into a new area", "moved from",
             "change of address", "changes of address*", "address change*", "different address*", "separate address",
             "transfer*", "transition*", "geographical boundaries", "another area", "other areas"]),
        new(PreBirth, "Pre-birth",
            "Assessment and planning before a baby is born, from the first referral in pregnancy.",
            ["pre-birth", "unborn", "ante-natal", "before birth", "prior to the child's birth", "due date"]),
        new(NeglectAndCumulativeHarm, "Neglect and cumulative harm",
            "Neglect and harm that builds up over time, seen only when the whole history is put together.",
            ["neglect*", "cumulative", "long-term impact", "built up over time", "over time"]),
        new(DomesticAbuse, "Domestic abuse",
            "Domestic abuse between adults in the household and its impact on the child.",
            ["domestic abuse", "domestic violence", "MARAC", "anger issues", "coercive control*", "controlling behaviour"]),
        new(ParentalSubstanceMisuse, "Parental substance misuse",
            "Parents' use of drugs or alcohol, and children's exposure to substances.",
            ["substance misuse", "substance*", "methadone", "opioid*", "alcohol", "drug*"]),
        new(ParentalMentalHealth, "Parental mental health",
            "Parents' mental health, capacity and learning needs, and what they mean for the care of the child.",
            ["mental health", "depression", "mental capacity", "psychological", "anxiety", "learning disabilit*"]),
        new(EngagementAndDisguisedCompliance, "Engagement and disguised compliance",
            "Families who do not engage, or who appear to co-operate while change does not happen.",
            ["disguised compliance", "engag*", "non-engagement", "disengag*", "fail to engage"]),
        new(WasNotBrought, "Was not brought",
            "Children not brought to appointments, and visits where the child is not seen.",
            ["was not brought", "were not brought", "not brought", "did not attend", "missed appointment*",
             "no access visit*", "could not see the child*"]),
        new(EscalationAndChallenge, "Escalation and professional challenge",
            "Challenging colleagues and other agencies, professional curiosity, and escalating when views are not heard.",
            ["escalat*", "professional challenge", "open to challenge", "robust challenge", "to challenge",
             "challenged", "professional curiosity", "professional disagreement*"]),
        new(VoiceOfTheChild, "Voice of the child",
            "The child's own experience, wishes and needs kept at the centre of the work.",
            ["voice of the child", "child's voice", "lived experience", "impact on the child*", "child's needs",
             "focus on the child*", "focus on protecting the child", "wishes and feelings", "represent the child"]),
    ];

    public static Theme? Find(string code) => All.FirstOrDefault(t => t.Code == code);
}
