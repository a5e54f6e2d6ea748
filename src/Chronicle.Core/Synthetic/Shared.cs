using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Synthetic;

/// <summary>
/// Details that many entries hold alike (a routine appointment, a home visit, a negative test), shared between
/// entries as immutable records so that ten million entries fit in memory. Details that point at other entries or
/// people are made for each entry.
/// </summary>
internal static class Shared
{
    public static readonly Appointment[] Antenatal =
    [
        new() { Service = "Antenatal clinic", Outcome = AppointmentOutcome.Attended, Purpose = "Booking" },
        new() { Service = "Antenatal clinic", Outcome = AppointmentOutcome.Attended, Purpose = "Scan" },
        new() { Service = "Antenatal clinic", Outcome = AppointmentOutcome.DidNotAttend, Purpose = "Scan", Health = false },
    ];

    public static readonly Appointment[] Appointments =
    [
        .. new[] { "GP", "Dental", "Immunisation", "Optician", "Audiology", "Speech and language therapy", "CAMHS", "Paediatric outpatients" }
            .SelectMany(service => new Appointment[]
            {
                new() { Service = service, Outcome = AppointmentOutcome.Attended },
                new() { Service = service, Outcome = AppointmentOutcome.Attended },
                new() { Service = service, Outcome = AppointmentOutcome.Attended },
                new() { Service = service, Outcome = AppointmentOutcome.Attended },
                new() { Service = service, Outcome = AppointmentOutcome.CancelledByService },
                new() { Service = service, Outcome = AppointmentOutcome.CancelledByFamily },
            }),
    ];

    public static readonly Appointment[] Missed =
    [
        new() { Service = "GP", Outcome = AppointmentOutcome.WasNotBrought },
        new() { Service = "Dental", Outcome = AppointmentOutcome.WasNotBrought },
        new() { Service = "Immunisation", Outcome = AppointmentOutcome.WasNotBrought },
        new() { Service = "Paediatric outpatients", Outcome = AppointmentOutcome.WasNotBrought },
        new() { Service = "Paediatric outpatients", Outcome = AppointmentOutcome.DidNotAttend },
        new() { Service = "Youth club", Outcome = AppointmentOutcome.DidNotAttend, Health = false },
    ];

    public static readonly HomeVisit[] HealthVisits =
    [
        new() { ChildSeen = true, Observations = "Developmental review: milestones met" },
        new() { ChildSeen = true, Observations = "Weighed; feeding well" },
        new() { ChildSeen = false, AccessGained = false, Observations = "No answer; card left" },
    ];

    public static readonly HomeVisit[] HomeVisits =
    [
        new() { ChildSeen = true, ChildSeenAlone = true, Observations = "Child seen alone in their bedroom" },
        new() { ChildSeen = true, ChildSeenAlone = false, Observations = "Child seen with mother" },
        new() { ChildSeen = true, ChildSeenAlone = true, Observations = "Home conditions adequate" },
        new() { ChildSeen = false, AccessGained = false, Observations = "No answer; letter left" },
        new() { ChildSeen = false, AccessGained = true, Observations = "Child at nursery" },
    ];

    public static readonly Observation[] Observations =
    [
        new() { Topic = ObservationTopic.ChildsVoice, Text = "Said they like school and their teacher" },
        new() { Topic = ObservationTopic.ChildsVoice, Text = "Said mum shouts a lot at night" },
        new() { Topic = ObservationTopic.Development, Text = "Speech delayed for age" },
        new() { Topic = ObservationTopic.HomeConditions, Text = "Came to school hungry and in the same clothes" },
        new() { Topic = ObservationTopic.ParentChildInteraction, Text = "Warm interaction at collection" },
    ];

    public static readonly EngagementType[] EngagementTypes =
    [
        EngagementType.Engaged, EngagementType.Engaged, EngagementType.Engaged, EngagementType.MissedVisit, EngagementType.MissedVisit,
        EngagementType.MissedAppointment, EngagementType.DeclinedService, EngagementType.DeclinedAssessment, EngagementType.NoAccess,
    ];

    public static readonly PoliceIncident[] Incidents =
    [
        new() { Type = IncidentType.DomesticAbuse, Description = "Verbal argument; no offences disclosed", ChildrenPresent = true },
        new() { Type = IncidentType.DomesticAbuse, Description = "Assault on mother by partner", ChildrenPresent = true },
        new() { Type = IncidentType.DomesticAbuse, Description = "Ex-partner at the address in breach of bail", ChildrenPresent = false },
        new() { Type = IncidentType.Disturbance, Description = "Neighbours reported shouting", ChildrenPresent = false },
        new() { Type = IncidentType.Other, Description = "Concern for welfare call", ChildrenPresent = true },
    ];

    private static readonly InjuryObserved[] Injuries =
    [
        .. new[] { Mobility.NotIndependentlyMobile, Mobility.IndependentlyMobile, Mobility.NotRecorded }.SelectMany(mobility => new InjuryObserved[]
        {
            new() { Type = InjuryType.Bruise, Site = "Cheek", Description = "Bruise 1cm", ChildMobility = mobility, ExplanationGiven = "Fell against the cot" },
            new() { Type = InjuryType.Bruise, Site = "Shin", Description = "Several bruises of different colours", ChildMobility = mobility },
            new() { Type = InjuryType.Mark, Site = "Forearm", Description = "Red mark", ChildMobility = mobility, ExplanationGiven = "Sibling grabbed them" },
            new() { Type = InjuryType.Burn, Site = "Hand", Description = "Small burn", ChildMobility = mobility, ExplanationGiven = "Touched the oven door" },
        }),
    ];

    public static InjuryObserved Injury(Random random, Mobility mobility)
    {
        var of = Injuries.Where(i => i.ChildMobility == mobility).ToArray();
        return of[random.Next(of.Length)];
    }

    public static readonly HospitalAttendance[] Attendances =
    [
        new() { Setting = CareSetting.EmergencyDepartment, Reason = "Injury", Injury = true, Hospital = "Northshire General Hospital" },
        new() { Setting = CareSetting.EmergencyDepartment, Reason = "Injury", Injury = true, PossiblyNonAccidental = true, Hospital = "Northshire General Hospital" },
        new() { Setting = CareSetting.MinorInjuryUnit, Reason = "Injury", Injury = true },
    ];

    public static readonly MedicalOpinion[] Opinions =
    [
        MedicalOpinion.Accidental, MedicalOpinion.Accidental, MedicalOpinion.Accidental, MedicalOpinion.Accidental, MedicalOpinion.Accidental,
        MedicalOpinion.Undetermined, MedicalOpinion.Undetermined, MedicalOpinion.NonAccidental, MedicalOpinion.NonAccidental, MedicalOpinion.Pending,
    ];

    public static readonly TestResult[] Results =
    [
        .. Enumerable.Repeat(new TestResult { Test = "Urine toxicology", Substance = "Cannabis", Outcome = TestOutcome.Negative, SampleQuality = SampleQuality.Adequate }, 12),
        new() { Test = "Urine toxicology", Substance = "Cannabis", Outcome = TestOutcome.Positive, SampleQuality = SampleQuality.Adequate },
        new() { Test = "Urine toxicology", Substance = "Cocaine", Outcome = TestOutcome.Positive, SampleQuality = SampleQuality.Adequate },
        new() { Test = "Urine toxicology", Substance = "Cannabis", Outcome = TestOutcome.Inconclusive, SampleQuality = SampleQuality.Dilute },
        new() { Test = "Hair strand", Substance = "Alcohol", Outcome = TestOutcome.NotDone, OutcomeReason = "Insufficient hair" },
    ];

    public static readonly HospitalAdmission[] Admissions =
    [
        new() { Reason = "Bronchiolitis", Ward = "Children's ward" },
        new() { Reason = "Head injury observation", Ward = "Children's ward" },
        new() { Reason = "Dehydration", Ward = "Children's ward" },
    ];

    public static readonly HospitalDischarge[] Discharges =
    [
        new() { Stage = DischargeStage.Planned, Notes = "Medically fit" },
        new() { Stage = DischargeStage.Completed, Notes = "Home" },
    ];

    public static readonly string[] Concerns =
    [
        "Child came to school with a bruise", "Home conditions poor", "Domestic abuse incident overnight", "Mother presenting as intoxicated",
        "Child repeatedly late and hungry", "Missed health appointments", "Concerns about the mother's mental health", "Anonymous neighbour concern",
    ];

    public static readonly IReadOnlyList<AbuseCategory> Neglect = [AbuseCategory.Neglect];

    public static readonly IReadOnlyList<string>[] Considered =
    [
        [], [], [], ["neglect"], ["neglect", "cumulative-harm"], ["physical-harm"], ["neglect", "physical-harm"],
    ];

    public static readonly IReadOnlyList<string> CumulativeHarm = ["neglect", "cumulative-harm"];

    public static readonly AbuseCategory?[] Categories =
    [
        AbuseCategory.Neglect, AbuseCategory.Neglect, AbuseCategory.Neglect, AbuseCategory.EmotionalAbuse, AbuseCategory.EmotionalAbuse,
        AbuseCategory.PhysicalAbuse, AbuseCategory.SexualAbuse,
    ];

    public static readonly string[] ItemConcerns =
        ["Home conditions", "School attendance", "Mother's alcohol use", "Domestic abuse", "Health appointments"];

    public static readonly string[] ItemActions =
        ["Weekly home visits", "Daily attendance monitoring", "Engage with the recovery service", "Complete the domestic abuse programme", "Attend every health appointment"];

    public static readonly ItemProgress[] Achieved = [.. Enumerable.Range(0, 5).Select(i => new ItemProgress { ItemIndex = i, Progress = "Achieved", Achieved = true })];

    public static readonly ItemProgress[] InProgress = [.. Enumerable.Range(0, 5).Select(i => new ItemProgress { ItemIndex = i, Progress = "Some progress" })];

    public static readonly IReadOnlyList<SafetyParticipant> CompleteParticipants =
    [
        new() { Role = "Maternal grandmother", IfConcernsEscalate = "Call the police and the duty social worker", IfChildCannotBeSeen = "Tell the social worker the same day" },
        new() { Role = "School support worker", IfConcernsEscalate = "Call the duty social worker", IfChildCannotBeSeen = "Visit home that afternoon" },
    ];

    public static readonly IReadOnlyList<SafetyParticipant> VagueParticipants =
    [
        new() { Role = "Maternal grandmother", IfConcernsEscalate = "Call the police" },
        new() { Role = "School support worker" },
    ];
}
