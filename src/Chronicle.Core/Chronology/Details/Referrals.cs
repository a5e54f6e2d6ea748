using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum ContactType { Contact, Referral }

/// <summary>A contact or referral to children's social care.</summary>
public sealed record ContactReceived : EntryDetails
{
    public ContactType Type { get; init; } = ContactType.Referral;
    [Names(ReferenceTarget.Agency)]
    public Guid? ReferrerAgencyId { get; init; }
    public string? ReferrerName { get; init; }
    public required string Concerns { get; init; }
    /// <summary>True when the referral concerns a pregnancy (a pre-birth referral).</summary>
    public bool PreBirth { get; init; }
    /// <summary>The kinds of harm the contact is worried about, where the referrer names them (neglect, for cumulative harm).</summary>
    public IReadOnlyList<AbuseCategory> ConcernCategories { get; init; } = [];
    /// <summary>
    /// True when the referrer suspects the child is being exploited (criminally or sexually) by people outside the
    /// family: harm outside the home, which the four categories of abuse within the family do not name.
    /// </summary>
    public bool SuspectedExploitation { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("concerns", Concerns, "Enter the concerns the contact raised");
}

public enum ContactOutcome
{
    NoFurtherAction,
    InformationAndAdvice,
    EarlyHelp,
    ChildAndFamilyAssessment,
    StrategyDiscussion,
    ImmediateProtection,
    AlreadyOpen,
    [ForChild(LifeStage.Unborn)]
    PreBirthAssessment,
}

/// <summary>Children's social care's decision on a contact or referral.</summary>
public sealed record ContactDecision : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public Guid? ContactEntryId { get; init; }
    public required ContactOutcome Decision { get; init; }
    public required string Rationale { get; init; }
    /// <summary>
    /// The entries already on record whose risk the decision weighed (a parent's history, earlier incidents). Null when
    /// not recorded: older decisions did not say.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }
    /// <summary>The accounts the decision relied on (a parent's account, a referrer's), where it names them.</summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid> AccountsReliedOn { get; init; } = [];

    /// <summary>
    /// The social worker or team manager of children's social care the case is allocated to, where the decision names
    /// one: they are recorded as working with each child the decision is about, from the day of the decision. Until
    /// someone there holds the case, the contact waits at the front door for allocation (<see cref="OpenContacts"/>).
    /// </summary>
    [Names(ReferenceTarget.Professional)]
    public Guid? AllocatedToProfessionalId { get; init; }

    /// <summary>The contact goes no further in children's social care: no further action, advice, or early help.</summary>
    public bool StepsDown => Decision is ContactOutcome.NoFurtherAction or ContactOutcome.InformationAndAdvice or ContactOutcome.EarlyHelp;

    /// <summary>The contact goes on in children's social care as new work, which someone there must be allocated: not stepped down, nor a case already open.</summary>
    public bool TakesFurther => !StepsDown && Decision != ContactOutcome.AlreadyOpen;

    public override void Validate(Problems problems)
    {
        problems.Required("rationale", Rationale, "Enter the reason for the decision");
        if (AllocatedToProfessionalId is not null && !TakesFurther)
            problems.Add("allocatedToProfessionalId", "Allocate a case only when the decision takes it further in children's social care: leave 'Allocate to' empty for this decision");
    }
}

/// <summary>A request for records from another area or agency.</summary>
public sealed record RecordsRequested : EntryDetails
{
    public required string FromArea { get; init; }
    public required string FromAgency { get; init; }
    public string? What { get; init; }

    public override void Validate(Problems problems)
    {
        problems.Required("fromArea", FromArea, "Enter the area the records are requested from");
        problems.Required("fromAgency", FromAgency, "Enter the agency the records are requested from");
    }
}

/// <summary>Records received from another area or agency.</summary>
public sealed record RecordsReceived : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public Guid? RequestEntryId { get; init; }
    public required string FromArea { get; init; }
    public required string Summary { get; init; }
    /// <summary>True when the records show the child subject to a child protection plan in that area: a transfer-in conference is due.</summary>
    public bool OnChildProtectionPlan { get; init; }

    public override void Validate(Problems problems)
    {
        problems.Required("fromArea", FromArea, "Enter the area the records came from");
        problems.Required("summary", Summary, "Enter what the records say");
    }
}
