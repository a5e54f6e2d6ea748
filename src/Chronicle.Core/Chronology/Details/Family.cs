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
