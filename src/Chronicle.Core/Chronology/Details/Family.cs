using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

/// <summary>A home visit, and whether the child was seen.</summary>
public sealed record HomeVisit : EntryDetails
{
    public required bool ChildSeen { get; init; }
    public bool? ChildSeenAlone { get; init; }
    /// <summary>Whether the visitor got in; null when not recorded (a child seen means access was gained).</summary>
    public bool? AccessGained { get; init; }
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid> PeopleSeen { get; init; } = [];
    public string? Observations { get; init; }
}

public enum EngagementType { DeclinedAssessment, DeclinedService, MissedVisit, MissedAppointment, NoAccess, Engaged }

/// <summary>A parent's engagement with the work, or its absence.</summary>
public sealed record ParentalEngagement : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid ParentPersonId { get; init; }
    public required EngagementType Type { get; init; }
    public string? Detail { get; init; }

    public bool IsNonEngagement => Type != EngagementType.Engaged;
}

public enum IncidentType { DomesticAbuse, Violence, Disturbance, Other }

/// <summary>A domestic abuse or other police incident.</summary>
public sealed record PoliceIncident : EntryDetails
{
    public required IncidentType Type { get; init; }
    public required string Description { get; init; }
    public bool ChildrenPresent { get; init; }
    public string? Reference { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("description", Description, "Enter what happened");
}

public enum AdultConcernType { SubstanceMisuse, Alcohol, MentalHealth, Offending, Imprisonment, ReleaseFromPrison, LearningDisability, Other }

/// <summary>Information about an adult that bears on the children: substance misuse, mental health, offending.</summary>
public sealed record AdultConcern : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid AdultPersonId { get; init; }
    public required AdultConcernType Type { get; init; }
    public required string Description { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("description", Description, "Enter what is known");
}

/// <summary>A fact of a parent's or carer's own history that bears on the risk to a child.</summary>
public enum ParentHistoryFact
{
    /// <summary>A child in their care (any child, wherever that child lives now) was harmed.</summary>
    HarmToAChild,
    /// <summary>A court's finding of fact about harm to a child.</summary>
    FindingOfFact,
    /// <summary>Care proceedings about a child of theirs.</summary>
    CareProceedings,
    /// <summary>A child of theirs removed from their care, or adopted.</summary>
    ChildRemoved,
    /// <summary>A child of theirs was subject to a child protection plan.</summary>
    ChildProtectionPlan,
    /// <summary>They were looked after as a child (a care leaver).</summary>
    CareExperience,
    /// <summary>Adverse childhood experiences of their own.</summary>
    AdverseChildhoodExperiences,
    /// <summary>Children of theirs who live elsewhere, with little or no contact.</summary>
    ChildrenLivingElsewhere,
}

/// <summary>
/// A parent's or carer's history as structured facts: harm to any child, findings of fact, proceedings, children
/// removed, their own care experience and adverse childhood experiences.
/// </summary>
public sealed record ParentHistory : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid AdultPersonId { get; init; }
    public required IReadOnlyList<ParentHistoryFact> Facts { get; init; }
    /// <summary>The other child the history is about, where it is one child and that child is on record.</summary>
    [Names(ReferenceTarget.Person)]
    public Guid? OtherChildPersonId { get; init; }
    /// <summary>When it happened, in words ("2015-2016").</summary>
    public string? Period { get; init; }
    public required string Description { get; init; }

    public override void Validate(Problems problems)
    {
        if (Facts.Count == 0) problems.Add("facts", "Choose at least one fact of the history");
        problems.Required("description", Description, "Enter what is known");
    }

    /// <summary>The history tells of harm to a child, or of the protection of a child from the adult.</summary>
    public bool OfHarm => Facts.Any(f => f is ParentHistoryFact.HarmToAChild or ParentHistoryFact.FindingOfFact or ParentHistoryFact.CareProceedings or ParentHistoryFact.ChildRemoved or ParentHistoryFact.ChildProtectionPlan);
}

/// <summary>
/// Someone's account of an incident or event (a parent's, a child's, a witness's or a professional's), and the
/// recorded entries it disagrees with.
/// </summary>
public sealed record IncidentAccount : EntryDetails
{
    /// <summary>The incident, referral or observation the account is about.</summary>
    [Names(ReferenceTarget.Entry)]
    public required Guid AboutEntryId { get; init; }
    [Names(ReferenceTarget.Person)]
    public Guid? GivenByPersonId { get; init; }
    public string? GivenByName { get; init; }
    public required string Account { get; init; }
    /// <summary>The recorded entries whose account of what happened this one contradicts.</summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid> Contradicts { get; init; } = [];

    public override void Validate(Problems problems)
    {
        problems.Required("account", Account, "Enter the account given");
        if (GivenByPersonId is null && string.IsNullOrWhiteSpace(GivenByName)) problems.Add("givenByName", "Enter who gave the account");
    }
}

/// <summary>What was noticed: interaction, home conditions, the child's own words.</summary>
public enum ObservationTopic { ChildsVoice, ParentChildInteraction, HomeConditions, Development, Other }

public sealed record Observation : EntryDetails
{
    public required ObservationTopic Topic { get; init; }
    public required string Text { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("text", Text, "Enter what was observed");
}

/// <summary>A change of address, which also becomes the recording agency's current address for the people it is about.</summary>
public sealed record AddressChange : EntryDetails
{
    public required string NewAddress { get; init; }
    public string? Postcode { get; init; }
    public string? LocalAuthority { get; init; }
    public DateOnly? MovedOn { get; init; }
    public string? PreviousAddress { get; init; }
    public string? PreviousLocalAuthority { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("newAddress", NewAddress, "Enter the new address");
}

public enum HouseholdChangeType { Joined, Left }

/// <summary>Someone joining or leaving a household.</summary>
public sealed record HouseholdChange : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid PersonId { get; init; }
    public required HouseholdChangeType Change { get; init; }
    [Names(ReferenceTarget.Household)]
    public Guid? HouseholdId { get; init; }
    public string? Detail { get; init; }
}
