using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum InjuryType { Bruise, Mark, Fracture, HeadInjury, Burn, Laceration, Bite, Other }

/// <summary>Whether a child moves about independently (rolling, crawling, cruising or walking).</summary>
public enum Mobility { NotIndependentlyMobile, IndependentlyMobile, NotRecorded }

/// <summary>An injury, bruise or mark seen on a child.</summary>
public sealed record InjuryObserved : EntryDetails
{
    public required InjuryType Type { get; init; }
    public required string Site { get; init; }
    public required string Description { get; init; }
    public Mobility ChildMobility { get; init; } = Mobility.NotRecorded;
    public string? ExplanationGiven { get; init; }
    public string? ExplanationGivenBy { get; init; }
    /// <summary>
    /// True when the explanation given is a clinical one (a cannula, a procedure, a birth mark, a condition); null when
    /// not recorded. It does not close anything by itself: a recorded decision accepting it does (SG-01).
    /// </summary>
    public bool? MedicalCause { get; init; }

    public override void Validate(Problems problems)
    {
        problems.Required("site", Site, "Enter where on the body the injury is");
        problems.Required("description", Description, "Enter a description of the injury");
    }
}

public enum MedicalOpinion { Accidental, NonAccidental, Undetermined, Pending }

/// <summary>A child protection medical: the paediatrician's opinion, when the report was dictated, and its actions.</summary>
public sealed record ChildProtectionMedical : EntryDetails
{
    [Names(ReferenceTarget.Professional)]
    public Guid? PaediatricianId { get; init; }
    public required MedicalOpinion Opinion { get; init; }
    public required string Findings { get; init; }
    public DateTimeOffset? DictatedAt { get; init; }
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid> InjuryEntryIds { get; init; } = [];
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];

    public override void Validate(Problems problems)
    {
        problems.Required("findings", Findings, "Enter the medical's findings");
        for (var i = 0; i < Actions.Count; i++) Actions[i].Validate(problems.For($"actions[{i}]"));
    }
}

/// <summary>The written report of a child protection medical reaching its reader.</summary>
public sealed record MedicalReportReceived : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public required Guid MedicalEntryId { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? ReceivedByProfessionalId { get; init; }
}

/// <summary>A test's real outcome. There is deliberately no way to turn one value into another.</summary>
public enum TestOutcome { Positive, Negative, Inconclusive, NotDone, SampleRejected }

public enum SampleQuality { Adequate, Dilute, Contaminated, Insufficient, NotKnown }

/// <summary>A test result, for example a urine toxicology screen.</summary>
public sealed record TestResult : EntryDetails
{
    public required string Test { get; init; }
    public string? Substance { get; init; }
    public required TestOutcome Outcome { get; init; }
    public SampleQuality SampleQuality { get; init; } = SampleQuality.NotKnown;
    public string? OutcomeReason { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? RequestedByProfessionalId { get; init; }
    public DateOnly? SampleTakenOn { get; init; }

    public override void Validate(Problems problems)
    {
        problems.Required("test", Test, "Enter which test was done");
        if (Outcome == TestOutcome.Negative && SampleQuality is SampleQuality.Dilute or SampleQuality.Contaminated or SampleQuality.Insufficient)
            problems.Add("outcome", $"A {Labels.Of(SampleQuality).ToLowerInvariant()} sample cannot give a negative result: record the outcome as inconclusive or sample rejected");
        if (Outcome is TestOutcome.Inconclusive or TestOutcome.SampleRejected or TestOutcome.NotDone && string.IsNullOrWhiteSpace(OutcomeReason) && SampleQuality is SampleQuality.NotKnown or SampleQuality.Adequate)
            problems.Add("outcomeReason", "Enter why the test gave no result");
    }
}

public enum AppointmentOutcome { Attended, WasNotBrought, DidNotAttend, CancelledByFamily, CancelledByService }

/// <summary>A health or other appointment for a child (or an adult), and whether it happened.</summary>
public sealed record Appointment : EntryDetails
{
    public required string Service { get; init; }
    public required AppointmentOutcome Outcome { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? ProfessionalId { get; init; }
    public string? Purpose { get; init; }
    /// <summary>
    /// True for a health appointment (a was-not-brought there is a health safeguarding matter); null when not
    /// recorded, which SG-16 treats as possibly health rather than let a missed appointment pass unnoticed.
    /// </summary>
    public bool? Health { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("service", Service, "Enter the service the appointment was with");
}

public enum PregnancyStage { Confirmed, Booked, Ended }

public sealed record Pregnancy : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid MotherPersonId { get; init; }
    [Names(ReferenceTarget.Person)]
    public Guid? UnbornPersonId { get; init; }
    public PregnancyStage Stage { get; init; } = PregnancyStage.Booked;
    public DateOnly? ExpectedDelivery { get; init; }
    public int? GestationWeeks { get; init; }
    public string? RiskFactors { get; init; }

    public override void Validate(Problems problems)
    {
        if (GestationWeeks is < 0 or > 45) problems.Add("gestationWeeks", "Gestation must be between 0 and 45 weeks");
    }
}

public sealed record Birth : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid ChildPersonId { get; init; }
    public required DateOnly BornOn { get; init; }
    public int? GestationWeeks { get; init; }
    public string? Place { get; init; }
}

public enum CareSetting { EmergencyDepartment, UrgentCareCentre, WalkInCentre, MinorInjuryUnit, OutOfHoursGp, Ambulance }

/// <summary>An attendance at unscheduled care.</summary>
public sealed record HospitalAttendance : EntryDetails
{
    public required CareSetting Setting { get; init; }
    public required string Reason { get; init; }
    public bool Injury { get; init; }
    /// <summary>True when non-accidental injury is one possible cause of the presentation.</summary>
    public bool PossiblyNonAccidental { get; init; }
    public string? Hospital { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("reason", Reason, "Enter the reason for the attendance");
}

public sealed record HospitalAdmission : EntryDetails
{
    public required string Reason { get; init; }
    public string? Ward { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("reason", Reason, "Enter the reason for the admission");
}

public enum DischargeStage { Planned, Completed }

public sealed record HospitalDischarge : EntryDetails
{
    public required DischargeStage Stage { get; init; }
    [Names(ReferenceTarget.Person)]
    public Guid? DischargedToPersonId { get; init; }
    public string? Notes { get; init; }
}

/// <summary>Social care's decision on a child's discharge from hospital: to whom, and on what safety plan.</summary>
public sealed record DischargeDecision : EntryDetails
{
    [Names(ReferenceTarget.Person)]
    public required Guid CarerPersonId { get; init; }
    public required string SafetyPlan { get; init; }
    /// <summary>Whether social care agreed to the discharge; null when not recorded.</summary>
    public bool? DischargeAgreed { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("safetyPlan", SafetyPlan, "Enter the safety plan the child is discharged on");
}
