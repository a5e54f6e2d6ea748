using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

/// <summary>A kind of chronology entry: its code, its label, and the record that holds its details.</summary>
public sealed record EntryKind(string Code, string Label, Type DetailsType, string Description);

/// <summary>The vocabulary of the chronology. Every event in the five seed reviews can be said with these kinds.</summary>
public static class EntryKinds
{
    public static readonly EntryKind Contact = Kind<ContactReceived>("contact", "Contact or referral", "A contact or referral to children's social care.");
    public static readonly EntryKind ContactDecision = Kind<ContactDecision>("contact-decision", "Decision on a contact", "Children's social care's decision on a contact or referral, with its reason.");
    public static readonly EntryKind AssessmentStarted = Kind<AssessmentStarted>("assessment-started", "Assessment started", "A child and family, s47, pre-birth or specialist assessment begun.");
    public static readonly EntryKind AssessmentCompleted = Kind<AssessmentCompleted>("assessment-completed", "Assessment completed", "An assessment's conclusion, the people seen, the risks it addressed and how it explains any injury.");
    public static readonly EntryKind StrategyDiscussion = Kind<StrategyDiscussion>("strategy-discussion", "Strategy discussion", "A strategy discussion or meeting: who took part and what was decided.");
    public static readonly EntryKind Decision = Kind<DecisionRecorded>("decision", "Decision recorded", "A decision and its reasons, such as on a strategy discussion, a repeat test or which of two conflicting facts is right.");
    public static readonly EntryKind ChildProtectionMedical = Kind<ChildProtectionMedical>("cp-medical", "Child protection medical", "A paediatric child protection medical: opinion (accidental, non-accidental, undetermined), dictation, actions.");
    public static readonly EntryKind MedicalReportReceived = Kind<MedicalReportReceived>("medical-report-received", "Medical report received", "The written report of a child protection medical received.");
    public static readonly EntryKind Injury = Kind<InjuryObserved>("injury", "Injury or mark observed", "An injury, bruise or mark seen on a child: site, description, the child's mobility, any explanation.");
    public static readonly EntryKind TestResult = Kind<TestResult>("test-result", "Test result", "A test and its real outcome: positive, negative, inconclusive, not done or sample rejected.");
    public static readonly EntryKind HomeVisit = Kind<HomeVisit>("home-visit", "Home visit", "A home visit and whether the child was seen.");
    public static readonly EntryKind Appointment = Kind<Appointment>("appointment", "Appointment", "An appointment attended, not brought to, missed or cancelled.");
    public static readonly EntryKind Engagement = Kind<ParentalEngagement>("engagement", "Parental engagement", "A parent declining, missing or engaging with visits, appointments and assessments.");
    public static readonly EntryKind PoliceIncident = Kind<PoliceIncident>("police-incident", "Domestic abuse or police incident", "A domestic abuse or other incident attended by police.");
    public static readonly EntryKind AdultConcern = Kind<AdultConcern>("adult-concern", "Information about an adult", "Substance misuse, alcohol, mental health, offending or prison: information about an adult in the child's life.");
    public static readonly EntryKind ParentHistory = Kind<ParentHistory>("parent-history", "A parent's history", "A parent's or carer's history as facts: harm to any child, a finding of fact, proceedings, children removed, care experience, adverse childhood experiences.");
    public static readonly EntryKind Account = Kind<IncidentAccount>("account", "Account of an incident", "Someone's account of what happened in an incident or event, and the recorded entries it contradicts.");
    public static readonly EntryKind Observation = Kind<Observation>("observation", "Observation", "Something noticed: the child's own words, parent-child interaction, home conditions.");
    public static readonly EntryKind Pregnancy = Kind<Pregnancy>("pregnancy", "Pregnancy", "A pregnancy confirmed or booked, with expected delivery and risk factors.");
    public static readonly EntryKind Birth = Kind<Birth>("birth", "Birth", "A baby born.");
    public static readonly EntryKind HospitalAttendance = Kind<HospitalAttendance>("hospital-attendance", "Attendance at unscheduled care", "An attendance at A&E, urgent care, a walk-in centre or a minor injury unit.");
    public static readonly EntryKind HospitalAdmission = Kind<HospitalAdmission>("hospital-admission", "Hospital admission", "A child admitted to hospital.");
    public static readonly EntryKind HospitalDischarge = Kind<HospitalDischarge>("hospital-discharge", "Hospital discharge", "A discharge from hospital planned or completed.");
    public static readonly EntryKind DischargeDecision = Kind<DischargeDecision>("discharge-decision", "Discharge safety decision", "Social care's decision on a child's discharge: who the child goes home to, and the safety plan.");
    public static readonly EntryKind PoliceProtection = Kind<PoliceProtection>("police-protection", "Police protection (s46)", "A child taken into police protection under Children Act 1989 s46.");
    public static readonly EntryKind CourtOrder = Kind<CourtOrder>("court-order", "Court order", "A court application or order, or a decision not to apply.");
    public static readonly EntryKind PreProceedings = Kind<PreProceedings>("pre-proceedings", "Pre-proceedings", "A step under the Public Law Outline: legal gateway, letter before proceedings, meeting.");
    public static readonly EntryKind MeetingScheduled = Kind<MeetingScheduled>("meeting-scheduled", "Meeting scheduled", "A conference, core group, strategy meeting, CIN review, MARAC or professionals' meeting arranged, with its invitations.");
    public static readonly EntryKind MeetingHeld = Kind<MeetingHeld>("meeting-held", "Meeting held", "A meeting held: attendance, reports received, decisions and actions.");
    public static readonly EntryKind PlanStarted = Kind<PlanStarted>("plan-started", "Plan started", "A CIN, CP or safety plan started, with its items and contingencies.");
    public static readonly EntryKind PlanReviewed = Kind<PlanReviewed>("plan-reviewed", "Plan reviewed", "A plan's items reviewed for progress.");
    public static readonly EntryKind PlanEnded = Kind<PlanEnded>("plan-ended", "Plan ended", "A plan ended, with the reason.");
    public static readonly EntryKind Supervision = Kind<Supervision>("supervision", "Management supervision", "Management supervision of the case at opening, during or at closing.");
    public static readonly EntryKind StaffAbsence = Kind<StaffAbsence>("staff-absence", "Staff absence", "A professional working on the case recorded as absent.");
    public static readonly EntryKind CaseClosure = Kind<CaseClosure>("case-closure", "Case closure", "A case proposed for closure, or closed.");
    public static readonly EntryKind AddressChange = Kind<AddressChange>("address-change", "Change of address", "A person recorded at a new address by an agency.");
    public static readonly EntryKind HouseholdChange = Kind<HouseholdChange>("household-change", "Change of household", "Someone joining or leaving the child's household.");
    public static readonly EntryKind RecordsRequested = Kind<RecordsRequested>("records-requested", "Records requested", "Records requested from another area or agency.");
    public static readonly EntryKind RecordsReceived = Kind<RecordsReceived>("records-received", "Records received", "Records received from another area or agency.");
    public static readonly EntryKind InformationShared = Kind<InformationShared>("information-shared", "Information shared", "Information shared with named professionals, with its lawful basis.");
    public static readonly EntryKind InformationAcknowledged = Kind<InformationAcknowledged>("information-acknowledged", "Information acknowledged", "A professional confirming they received shared information.");

    public static IReadOnlyList<EntryKind> All { get; } =
    [
        Contact, ContactDecision, AssessmentStarted, AssessmentCompleted, StrategyDiscussion, Decision,
        ChildProtectionMedical, MedicalReportReceived, Injury, TestResult, HomeVisit, Appointment, Engagement,
        PoliceIncident, AdultConcern, ParentHistory, Account, Observation, Pregnancy, Birth, HospitalAttendance, HospitalAdmission,
        HospitalDischarge, DischargeDecision, PoliceProtection, CourtOrder, PreProceedings, MeetingScheduled,
        MeetingHeld, PlanStarted, PlanReviewed, PlanEnded, Supervision, StaffAbsence, CaseClosure, AddressChange,
        HouseholdChange, RecordsRequested, RecordsReceived, InformationShared, InformationAcknowledged,
    ];

    private static readonly Dictionary<string, EntryKind> ByCode = All.ToDictionary(k => k.Code);
    private static readonly Dictionary<Type, EntryKind> ByType = All.ToDictionary(k => k.DetailsType);

    public static EntryKind? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var kind) ? kind : null;

    public static EntryKind Of<T>() where T : EntryDetails => ByType[typeof(T)];

    public static EntryKind Of(EntryDetails details) => ByType[details.GetType()];

    private static EntryKind Kind<T>(string code, string label, string description) where T : EntryDetails =>
        new(code, label, typeof(T), description);
}
