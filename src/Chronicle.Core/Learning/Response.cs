namespace Chronicle.Core.Learning;

/// <summary>Done is not the same as impact evidenced: an action is only finished when evidence shows practice changed.</summary>
public enum ActionStatus { NotStarted, InProgress, Done, ImpactEvidenced }

/// <summary>An action of the partnership's response: who owns it, by when, the impact expected, and how we will know.</summary>
public sealed class ResponseAction
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    /// <summary>The recommendation (or finding) it answers.</summary>
    public Guid? ItemId { get; set; }
    public required string Description { get; set; }
    /// <summary>A sub-group or an agency: "Learning & Improvement Subgroup", "CSCP Board".</summary>
    public string? Owner { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? ExpectedImpact { get; set; }
    public string? HowWeWillKnow { get; set; }
    public ActionStatus Status { get; set; }
    public DateOnly? DoneOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum EvidenceKind { MultiAgencyAudit, Section11Audit, Section175Audit, StaffSurvey, ChronicleFigure, Other }

/// <summary>Evidence that an action changed practice: an audit result, a survey, or a figure from Chronicle itself.</summary>
public sealed class EvidenceItem
{
    public Guid Id { get; set; }
    public Guid ActionId { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Summary { get; set; }
    public DateOnly RecordedOn { get; set; }
    public Guid? RecordedByProfessionalId { get; set; }
}

public enum DisseminationChannel { Newsletter, Workshop, TeamBriefing, Conference, Website, Training, Email, Other }

/// <summary>One act of sharing a review's learning, with its reach.</summary>
public sealed class Dissemination
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public DisseminationChannel Channel { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>How many practitioners it reached, where counted.</summary>
    public int? Reach { get; set; }
    public string? Audience { get; set; }
    public string? Notes { get; set; }
}

/// <summary>A practitioner's feedback on a review's briefing, given in Chronicle.</summary>
public sealed class BriefingFeedback
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public Guid? ProfessionalId { get; set; }
    /// <summary>1 (not useful) to 5 (very useful).</summary>
    public int Usefulness { get; set; }
    /// <summary>How the reader has used, or will use, the briefing to change practice.</summary>
    public string? PracticeChange { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset GivenAt { get; set; }

    /// <summary>
    /// The feedback that counts: each person's latest answer (a later answer supersedes an earlier one, which is kept);
    /// an answer recorded with no professional stands alone, as no one can be said to have answered again.
    /// </summary>
    public static IReadOnlyList<BriefingFeedback> Current(IEnumerable<BriefingFeedback> feedback) =>
        [.. feedback.GroupBy(f => f.ProfessionalId is { } p ? (object)p : f.Id)
            .Select(g => g.OrderBy(f => f.GivenAt).ThenBy(f => f.Id).Last())
            .OrderBy(f => f.GivenAt).ThenBy(f => f.Id)];
}
