using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

/// <summary>A child taken into police protection under Children Act 1989 s46 (72 hours at most).</summary>
public sealed record PoliceProtection : EntryDetails
{
    public required string PlaceOfSafety { get; init; }
    public string? Reason { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("placeOfSafety", PlaceOfSafety, "Enter where the child is kept safe");
}

public enum CourtOrderType
{
    EmergencyProtectionOrder,
    ChildAssessmentOrder,
    InterimCareOrder,
    CareOrder,
    InterimSupervisionOrder,
    SupervisionOrder,
    PlacementOrder,
    Other,
}

public enum CourtOrderStage { DecidedNotToApply, Applied, Granted, Refused, Extended, Discharged, Expired }

/// <summary>A step in a court application or order, including a decision not to apply.</summary>
public sealed record CourtOrder : EntryDetails
{
    public required CourtOrderType Order { get; init; }
    public required CourtOrderStage Stage { get; init; }
    public DateOnly? Expires { get; init; }
    public string? Court { get; init; }
    public string? Notes { get; init; }
}

/// <summary>Pre-proceedings under the Public Law Outline, and the legal gateway that decides on it.</summary>
public sealed record PreProceedings : EntryDetails
{
    public required string Step { get; init; }
    public string? Outcome { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("step", Step, "Enter the pre-proceedings step");
}
