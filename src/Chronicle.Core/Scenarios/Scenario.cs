using System.Text.Json;
using System.Text.Json.Serialization;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Scenarios;

// The scenario file format, documented in docs/scenarios.md. Things are named by keys that the file chooses;
// inside an entry's details, "@key" stands for the id of whatever the key names.

public sealed record Scenario
{
    public required string Name { get; init; }
    /// <summary>The seed document the scenario follows, if any.</summary>
    public string? Seed { get; init; }
    public string? Description { get; init; }
    /// <summary>Details the scenario invents where its source document is vague.</summary>
    public IReadOnlyList<string> Invented { get; init; } = [];
    /// <summary>The day the replay's clock runs on to after the last step (default: 30 days after it).</summary>
    public DateOnly? End { get; init; }
    public required ScenarioPartnership Partnership { get; init; }
    public IReadOnlyList<ScenarioPerson> People { get; init; } = [];
    public IReadOnlyList<ScenarioRelationship> Relationships { get; init; } = [];
    public IReadOnlyList<ScenarioHousehold> Households { get; init; } = [];
    public IReadOnlyList<ScenarioAddress> Addresses { get; init; } = [];
    public IReadOnlyList<ScenarioInvolvement> Involvements { get; init; } = [];
    public IReadOnlyList<ScenarioStep> Timeline { get; init; } = [];
    public IReadOnlyList<ScenarioExpectation> Expectations { get; init; } = [];
    /// <summary>The partnership's learning cycle in the story: serious incidents, their notification and rapid review, and the review that followed.</summary>
    public IReadOnlyList<ScenarioIncident> Incidents { get; init; } = [];
    /// <summary>
    /// Emergency access to a child by someone outside the team. It needs the person's sign-in account, which replay does
    /// not make: the web app's demo plays it once the accounts exist (replay checks only that it names who and whom).
    /// </summary>
    public IReadOnlyList<ScenarioBreakGlass> BreakGlass { get; init; } = [];

    /// <summary>
    /// The day the file's relative dates (<c>today-14</c>) were counted from, when it has any: a live story, which runs
    /// up to the moment it is played and is played as the running app works (every entry shared with the team around
    /// the child, the actions it asks for tracked). Null for a story told in dates, played as it happened.
    /// </summary>
    [JsonIgnore]
    public DateOnly? RelativeTo { get; init; }

    public bool IsLive => RelativeTo is not null;
}

public sealed record ScenarioPartnership
{
    public required string Name { get; init; }
    public required string Code { get; init; }
    public IReadOnlyList<ScenarioAgency> Agencies { get; init; } = [];
    public IReadOnlyList<ScenarioProfessional> Professionals { get; init; } = [];
    /// <summary>Policy settings that differ from the catalogue's defaults: "SG-15.count": "3".</summary>
    public IReadOnlyDictionary<string, string> Policy { get; init; } = new Dictionary<string, string>();
}

public sealed record ScenarioAgency
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required AgencyKind Kind { get; init; }
    public string? Area { get; init; }
}

public sealed record ScenarioProfessional
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string Agency { get; init; }
    public required ProfessionalRole Role { get; init; }
    public string? JobTitle { get; init; }
    public string? Manager { get; init; }
}

public sealed record ScenarioPerson
{
    public required string Key { get; init; }
    public required PersonKind Kind { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? KnownAs { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public DatePrecision? DateOfBirthPrecision { get; init; }
    public DateOnly? ExpectedDateOfDelivery { get; init; }
    public Sex? Sex { get; init; }
    public IReadOnlyList<IdentifierInput> Identifiers { get; init; } = [];
}

public sealed record ScenarioRelationship
{
    public required string Person { get; init; }
    public required RelationshipKind Kind { get; init; }
    public required string Of { get; init; }
    public string? Description { get; init; }
    public bool ParentalResponsibility { get; init; }
}

public sealed record ScenarioMember
{
    public required string Person { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Agency { get; init; }
}

public sealed record ScenarioHousehold
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<ScenarioMember> Members { get; init; } = [];
}

public sealed record ScenarioAddress
{
    public required string Person { get; init; }
    public required string Address { get; init; }
    public required string Agency { get; init; }
    public string? Postcode { get; init; }
    public string? LocalAuthority { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

public sealed record ScenarioInvolvement
{
    public string? Key { get; init; }
    public required string Person { get; init; }
    public required string Agency { get; init; }
    public string? Professional { get; init; }
    public required string Role { get; init; }
    public bool Lead { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

/// <summary>
/// One step of the timeline: an entry recorded (kind, by, about, details...), a correction of an earlier entry
/// (corrects + reason), a change to the record (involvement, endInvolvement, relationship, address, member), a
/// meeting arranged (meeting), or what was shared of an entry acknowledged (acknowledge).
/// </summary>
public sealed record ScenarioStep
{
    /// <summary>When it happened: "2015-01-16" (the day) or "2015-01-16T14:30" (UK time), or with an offset.</summary>
    public required string At { get; init; }
    /// <summary>When it was recorded, if later than it happened.</summary>
    public string? RecordedAt { get; init; }
    public string? Key { get; init; }
    public string? Kind { get; init; }
    public string? By { get; init; }
    public IReadOnlyList<string> About { get; init; } = [];
    public Source? Source { get; init; }
    public string? SourceName { get; init; }
    public Significance? Significance { get; init; }
    public SharingLevel? Sharing { get; init; }
    public DatePrecision? Precision { get; init; }
    public JsonElement? Details { get; init; }
    public string? Narrative { get; init; }
    /// <summary>What this step invents that its source document does not say.</summary>
    public string? Invented { get; init; }
    public string? Corrects { get; init; }
    public string? Reason { get; init; }
    public ScenarioInvolvement? Involvement { get; init; }
    public string? EndInvolvement { get; init; }
    public ScenarioRelationship? Relationship { get; init; }
    public ScenarioAddress? Address { get; init; }
    public ScenarioMemberChange? Member { get; init; }
    public ScenarioMeeting? Meeting { get; init; }
    public ScenarioAcknowledgement? Acknowledge { get; init; }
}

/// <summary>Professionals acknowledge what was shared with them of an entry (a live story's inbox), as each would in their inbox.</summary>
public sealed record ScenarioAcknowledgement
{
    public required string Entry { get; init; }
    public IReadOnlyList<string> By { get; init; } = [];
}

/// <summary>A meeting arranged (the step's moment) for a time to come, with its chair and invitees (professionals' or agencies' keys).</summary>
public sealed record ScenarioMeeting
{
    public string? Key { get; init; }
    public required string Child { get; init; }
    public required MeetingType Type { get; init; }
    public required string ScheduledFor { get; init; }
    public required string Organiser { get; init; }
    public string? Chair { get; init; }
    public IReadOnlyList<string> Invitees { get; init; } = [];
}

public sealed record ScenarioMemberChange
{
    public required string Household { get; init; }
    public required string Person { get; init; }
}

/// <summary>
/// An alert that must (or must not) be raised. With "on", it must be raised on that UK day; with "by", on or
/// before it. "notRaised" turns the expectation around; safeguard "*" with notRaised means no alert at all.
/// </summary>
public sealed record ScenarioExpectation
{
    public required string Safeguard { get; init; }
    public string? Subject { get; init; }
    public DateOnly? On { get; init; }
    public DateOnly? By { get; init; }
    public bool NotRaised { get; init; }
    public string? Note { get; init; }
}

/// <summary>Break-glass access asked for at a moment by a professional of the story (a key) to a child (a key), with the reason they gave.</summary>
public sealed record ScenarioBreakGlass
{
    public required string At { get; init; }
    public required string By { get; init; }
    public required string Child { get; init; }
    public required string Reason { get; init; }
}

/// <summary>
/// A serious incident: when the local authority became aware, when the national panel was notified, the rapid review
/// and its decision when done, and the review that followed, if any. Played after the timeline, through the learning
/// cycle's own service, in the order written.
/// </summary>
public sealed record ScenarioIncident
{
    public required string Title { get; init; }
    public required string Summary { get; init; }
    /// <summary>Children of the story the incident concerns (keys); none when the child is not on the record.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];
    public required DateOnly AwareOn { get; init; }
    public DateOnly? NotifiedOn { get; init; }
    public ScenarioRapidReview? RapidReview { get; init; }
    public ScenarioReview? Review { get; init; }
}

public sealed record ScenarioRapidReview
{
    public required DateOnly CompletedOn { get; init; }
    public required Learning.ReviewDecision Decision { get; init; }
    public required string Rationale { get; init; }
    public DateOnly? DecidedOn { get; init; }
}

/// <summary>A review in progress: its lessons so far (each with the safeguards that carry it) and the partnership's response actions.</summary>
public sealed record ScenarioReview
{
    public required string Title { get; init; }
    public required Learning.ReviewType Type { get; init; }
    public string? LeadReviewer { get; init; }
    public IReadOnlyList<string> AgenciesScrutinised { get; init; } = [];
    public string? Focus { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public IReadOnlyList<ScenarioLesson> Lessons { get; init; } = [];
    public IReadOnlyList<ScenarioResponseAction> Actions { get; init; } = [];
}

public sealed record ScenarioLesson
{
    public string? Number { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<string> Safeguards { get; init; } = [];
}

/// <summary>A response action: its owner, deadline, expected impact and how we will know; where it stands, and the evidence of its impact.</summary>
public sealed record ScenarioResponseAction
{
    public required string Description { get; init; }
    public string? Owner { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? ExpectedImpact { get; init; }
    public string? HowWeWillKnow { get; init; }
    public Learning.ActionStatus Status { get; init; } = Learning.ActionStatus.NotStarted;
    public DateOnly? DoneOn { get; init; }
    public IReadOnlyList<ScenarioEvidence> Evidence { get; init; } = [];
}

public sealed record ScenarioEvidence
{
    public required Learning.EvidenceKind Kind { get; init; }
    public required string Summary { get; init; }
    public required DateOnly RecordedOn { get; init; }
}
