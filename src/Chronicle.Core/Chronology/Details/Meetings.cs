using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum MeetingType
{
    StrategyMeeting,
    InitialChildProtectionConference,
    ReviewChildProtectionConference,
    TransferInConference,
    CoreGroup,
    ChildInNeedReview,
    Marac,
    ProfessionalsMeeting,
    LegalGateway,
}

/// <summary>An invitation to a meeting, to a named professional or to an agency.</summary>
public sealed record Invitation
{
    [Names(ReferenceTarget.Professional)]
    public Guid? ProfessionalId { get; init; }
    [Names(ReferenceTarget.Agency)]
    public Guid? AgencyId { get; init; }
    public string? Name { get; init; }
}

/// <summary>Who was expected at a meeting, and whether they came or sent a report.</summary>
public sealed record Attendance
{
    [Names(ReferenceTarget.Professional)]
    public Guid? ProfessionalId { get; init; }
    [Names(ReferenceTarget.Agency)]
    public Guid? AgencyId { get; init; }
    public string? Name { get; init; }
    public bool Invited { get; init; } = true;
    public required bool Attended { get; init; }
    public bool ReportSent { get; init; }
    public string? ApologyReason { get; init; }
}

public sealed record MeetingScheduled : EntryDetails
{
    public required MeetingType Type { get; init; }
    public required DateTimeOffset ScheduledFor { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? ChairProfessionalId { get; init; }
    public IReadOnlyList<Invitation> Invited { get; init; } = [];

    public override void Validate(Problems problems)
    {
        for (var i = 0; i < Invited.Count; i++)
            if (Invited[i].ProfessionalId is null && Invited[i].AgencyId is null && string.IsNullOrWhiteSpace(Invited[i].Name))
                problems.Add($"invited[{i}]", "Name the professional or agency invited");
    }
}

public enum MeetingChange { Moved, Cancelled }

/// <summary>
/// A meeting arranged (its <c>meeting-scheduled</c> entry) moved to a new date and time or cancelled, why, and whom it
/// told: the invitees at the time. The meeting-scheduled entry stays as it was: this is what happened to it since.
/// </summary>
public sealed record MeetingChanged : EntryDetails
{
    public required MeetingType Type { get; init; }
    [Names(ReferenceTarget.Entry)]
    public Guid? ScheduledEntryId { get; init; }
    public required MeetingChange Change { get; init; }
    /// <summary>When the meeting was arranged for until this change.</summary>
    public DateTimeOffset? WasFor { get; init; }
    /// <summary>For a meeting moved: when it is now arranged for.</summary>
    public DateTimeOffset? MovedTo { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<Invitation> Invited { get; init; } = [];

    public override void Validate(Problems problems)
    {
        if (ScheduledEntryId is null) problems.Add("scheduledEntryId", "Select the meeting that was moved or cancelled");
        if (Change == MeetingChange.Moved && MovedTo is null) problems.Add("movedTo", "Enter the new date and time of the meeting");
        if (string.IsNullOrWhiteSpace(Reason)) problems.Add("reason", Change == MeetingChange.Cancelled ? "Enter why the meeting is cancelled" : "Enter why the meeting is moved");
        for (var i = 0; i < Invited.Count; i++)
            if (Invited[i].ProfessionalId is null && Invited[i].AgencyId is null && string.IsNullOrWhiteSpace(Invited[i].Name))
                problems.Add($"invited[{i}]", "Name the professional or agency invited");
    }
}

public enum ConferenceDecision { ChildProtectionPlan, ChildInNeedPlan, NoFurtherAction, PlanContinues, PlanEnds }

/// <summary>A meeting held: attendance and reports, decisions, actions, and whether the plan was reviewed.</summary>
public sealed record MeetingHeld : EntryDetails
{
    public required MeetingType Type { get; init; }
    [Names(ReferenceTarget.Entry)]
    public Guid? ScheduledEntryId { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? ChairProfessionalId { get; init; }
    public IReadOnlyList<Attendance> Attendance { get; init; } = [];
    public ConferenceDecision? Decision { get; init; }
    public IReadOnlyList<string> Decisions { get; init; } = [];
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];
    /// <summary>For core groups and CIN reviews: whether every plan item's progress was reviewed.</summary>
    public bool? PlanReviewed { get; init; }
    /// <summary>True when the conference was held after its timescale and the reason is recorded here.</summary>
    public string? DelayReason { get; init; }
    /// <summary>
    /// The adults the meeting (a conference) assessed in their role as a parent or carer of the child. Null when not
    /// recorded: older entries did not say, and an adult is then never read as assessed by it.
    /// </summary>
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid>? ParentingAssessed { get; init; }
    /// <summary>
    /// The entries already on record (a parent's history, earlier incidents) whose risk the meeting weighed. Null when not
    /// recorded: older entries did not say.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }

    public override void Validate(Problems problems)
    {
        for (var i = 0; i < Attendance.Count; i++)
            if (Attendance[i].ProfessionalId is null && Attendance[i].AgencyId is null && string.IsNullOrWhiteSpace(Attendance[i].Name))
                problems.Add($"attendance[{i}]", "Name the professional or agency");
        for (var i = 0; i < Actions.Count; i++) Actions[i].Validate(problems.For($"actions[{i}]"));
    }
}
