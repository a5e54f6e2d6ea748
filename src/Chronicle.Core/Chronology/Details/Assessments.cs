using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum AssessmentType
{
    ChildAndFamily,
    Section47,
    [ForChild(LifeStage.Unborn)]
    PreBirth,
    Parenting,
    Psychological,
    EarlyHelp,
    HealthNeeds,
    /// <summary>A midwife's or health visitor's antenatal assessment of the family (for example the antenatal contact).</summary>
    [ForChild(LifeStage.Unborn)]
    Antenatal,
    /// <summary>The health visitor's new birth assessment.</summary>
    [ForChild(LifeStage.Born)]
    NewBirth,
    Other,
}

public enum AssessmentOutcome
{
    NoFurtherAction,
    EarlyHelp,
    ChildInNeedPlan,
    StrategyDiscussion,
    InitialChildProtectionConference,
    PreProceedings,
    CareProceedings,
    ContinueAssessment,
    Other,
}

/// <summary>How an assessment accounts for an injury.</summary>
public enum InjuryExplanation
{
    /// <summary>Recorded as explained (for example "from the birth").</summary>
    Explained,
    Accidental,
    NonAccidental,
    /// <summary>The assessment says the cause is not known.</summary>
    Undetermined,
}

public sealed record InjuryFinding
{
    [Names(ReferenceTarget.Entry)]
    public required Guid InjuryEntryId { get; init; }
    public required InjuryExplanation Explanation { get; init; }
    public string? Reasoning { get; init; }
}

/// <summary>An adult the assessment did not see, with the attempts made and why.</summary>
public sealed record PersonNotSeen
{
    [Names(ReferenceTarget.Person)]
    public required Guid PersonId { get; init; }
    public int Attempts { get; init; }
    public string? Reason { get; init; }
}

public sealed record AssessmentStarted : EntryDetails
{
    public required AssessmentType Type { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? LeadProfessionalId { get; init; }
    /// <summary>The strategy discussion or referral that started it.</summary>
    [Names(ReferenceTarget.Entry)]
    public Guid? TriggerEntryId { get; init; }
}

/// <summary>
/// A completed assessment: its conclusion, the people seen, the risks it addressed (by their entries), how it
/// accounts for any injury, and what it considered (for example "cumulative-harm", "physical-harm").
/// </summary>
public sealed record AssessmentCompleted : EntryDetails
{
    public required AssessmentType Type { get; init; }
    [Names(ReferenceTarget.Entry)]
    public Guid? StartedEntryId { get; init; }
    public required string Conclusion { get; init; }
    public required AssessmentOutcome Outcome { get; init; }
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid> PeopleSeen { get; init; } = [];
    public IReadOnlyList<PersonNotSeen> PeopleNotSeen { get; init; } = [];
    /// <summary>The entries the assessment refers to: mentioned or listed, analysed or not.</summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid> RisksAddressed { get; init; } = [];
    /// <summary>
    /// The entries whose meaning for the child's safety (and for each adult's parenting) the assessment analysed, as
    /// distinct from those it only mentions. Null when not recorded: older assessments did not say, and then only
    /// <see cref="RisksAddressed"/> is known.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }
    /// <summary>
    /// The adults the assessment assessed in their role as a parent or carer of the child (capacity, history as a
    /// parent), as distinct from those merely seen. Null when not recorded: older assessments did not say.
    /// </summary>
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid>? ParentingAssessed { get; init; }
    public IReadOnlyList<InjuryFinding> InjuryFindings { get; init; } = [];
    public IReadOnlyList<string> Considered { get; init; } = [];
    /// <summary>
    /// The harms the assessment found the child at risk of, as distinct from those it considered (and may have ruled
    /// out). Null when not recorded: older assessments did not say, and then only <see cref="Considered"/> is known.
    /// </summary>
    public IReadOnlyList<AbuseCategory>? RisksIdentified { get; init; }
    /// <summary>The reason, where the assessment took longer than its statutory timescale.</summary>
    public string? ExceededReason { get; init; }

    public override void Validate(Problems problems)
    {
        problems.Required("conclusion", Conclusion, "Enter the assessment's conclusion");
        for (var i = 0; i < PeopleNotSeen.Count; i++)
            if (PeopleNotSeen[i].Attempts < 0) problems.Add($"peopleNotSeen[{i}].attempts", "Attempts cannot be negative");
    }
}

public enum StrategyOutcome
{
    Section47Enquiry,
    NoFurtherAction,
    ChildAndFamilyAssessment,
    FurtherInformationNeeded,
    ImmediateProtection,
}

/// <summary>A strategy discussion: who took part and what it decided.</summary>
public sealed record StrategyDiscussion : EntryDetails
{
    [Names(ReferenceTarget.Agency)]
    public IReadOnlyList<Guid> AgenciesPresent { get; init; } = [];
    [Names(ReferenceTarget.Professional)]
    public IReadOnlyList<Guid> ProfessionalsPresent { get; init; } = [];
    public required StrategyOutcome Decision { get; init; }
    public string? Rationale { get; init; }
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];
    /// <summary>
    /// The entries already on record (a parent's history, earlier incidents) whose risk the discussion weighed. Null when not
    /// recorded: older entries did not say.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }
    /// <summary>
    /// The adults the discussion assessed in their role as a parent or carer of the child. Null when not recorded: older
    /// entries did not say, and an adult is then never read as assessed by it.
    /// </summary>
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid>? ParentingAssessed { get; init; }

    public bool InitiatesSection47 => Decision == StrategyOutcome.Section47Enquiry;

    public override void Validate(Problems problems)
    {
        for (var i = 0; i < Actions.Count; i++) Actions[i].Validate(problems.For($"actions[{i}]"));
    }
}

public enum DecisionTopic
{
    StrategyDiscussion,
    RepeatTest,
    ConflictingFacts,
    OtherChildren,
    TeamMembership,
    AdultNotAssessed,
    Escalation,
    CourtApplication,
    RecordsFromAnotherArea,
    CumulativeHarm,
    PlanReview,
    DelayReason,
    InformationSharing,
    /// <summary>A response to a professional's escalation (challenge of a decision): names what it answers in <c>respondsToEntryIds</c>.</summary>
    EscalationResponse,
    /// <summary>A clinical explanation of a mark (a cannula, a birth mark, a condition) accepted: who accepted it and why.</summary>
    MedicalExplanation,
    Other,
}

/// <summary>A decision recorded with its reasons: how a safeguard's question is answered when no other entry does.</summary>
public sealed record DecisionRecorded : EntryDetails
{
    public required DecisionTopic Topic { get; init; }
    public required string Decision { get; init; }
    public required string Rationale { get; init; }
    [Names(ReferenceTarget.Entry)]
    public Guid? AboutEntryId { get; init; }
    [Names(ReferenceTarget.Person)]
    public Guid? AboutPersonId { get; init; }
    /// <summary>The agency the decision is about: one missing from the team, or absent from a meeting.</summary>
    [Names(ReferenceTarget.Agency)]
    public Guid? AboutAgencyId { get; init; }
    /// <summary>How the decision accounts for the injury named by <see cref="AboutEntryId"/>, where it does.</summary>
    public InjuryExplanation? InjuryExplanation { get; init; }
    /// <summary>The entries this decision answers: for a response to an escalation, the escalations it responds to.</summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid> RespondsToEntryIds { get; init; } = [];

    public override void Validate(Problems problems)
    {
        problems.Required("decision", Decision, "Enter the decision");
        problems.Required("rationale", Rationale, "Enter the reason for the decision");
    }
}
