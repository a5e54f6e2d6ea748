using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Chronology;

/// <summary>
/// A kind of chronology entry: its code, its label, the record that holds its details, and the agencies whose
/// professionals usually record it (offered to them first; any agency may record any kind).
/// </summary>
public sealed record EntryKind(string Code, string Label, Type DetailsType, string Description)
{
    public IReadOnlySet<AgencyKind> UsuallyRecordedBy { get; init; } = new HashSet<AgencyKind>();

    /// <summary>Whether it can be about a child not yet born, only one born, or either (<see cref="LifeStages"/>).</summary>
    public LifeStage ForChild { get; init; } = LifeStage.Any;

    /// <summary>
    /// Whether it records what the recorder did or saw themselves, usually the day it happened (a visit, an
    /// observation, a decision): the form offers today's date and "I saw or heard it myself", both shown and changeable.
    /// </summary>
    public bool RecordersOwn { get; init; }

    /// <summary>Whether professionals of this agency usually record this kind.</summary>
    public bool IsUsualFor(AgencyKind? agency) => agency is { } a && UsuallyRecordedBy.Contains(a);
}

/// <summary>The vocabulary of the chronology. Every event in the five seed reviews can be said with these kinds.</summary>
public static class EntryKinds
{
    public static readonly EntryKind Contact = Kind<ContactReceived>("contact", "Contact or referral", "A contact or referral to children's social care.", [AgencyKind.ChildrensSocialCare, AgencyKind.Police, AgencyKind.GeneralPractice, AgencyKind.HealthVisiting, AgencyKind.SchoolNursing, AgencyKind.Midwifery, AgencyKind.Hospital, AgencyKind.School, AgencyKind.EarlyYears, AgencyKind.EarlyHelp]);
    public static readonly EntryKind ContactDecision = Kind<ContactDecision>("contact-decision", "Decision on a contact", "Children's social care's decision on a contact or referral, with its reason.", [AgencyKind.ChildrensSocialCare]);
    public static readonly EntryKind AssessmentStarted = Kind<AssessmentStarted>("assessment-started", "Assessment started", "A child and family, s47, pre-birth or specialist assessment begun.", [AgencyKind.ChildrensSocialCare, AgencyKind.EarlyHelp]);
    public static readonly EntryKind AssessmentCompleted = Kind<AssessmentCompleted>("assessment-completed", "Assessment completed", "An assessment's conclusion, the people seen, the risks it addressed and how it explains any injury.", [AgencyKind.ChildrensSocialCare, AgencyKind.EarlyHelp, AgencyKind.HealthVisiting]);
    public static readonly EntryKind StrategyDiscussion = Kind<StrategyDiscussion>("strategy-discussion", "Strategy discussion", "A strategy discussion or meeting: who took part and what was decided.", [AgencyKind.ChildrensSocialCare, AgencyKind.Police]);
    public static readonly EntryKind Decision = Kind<DecisionRecorded>("decision", "Decision recorded", "A decision and its reasons, such as on a strategy discussion, a repeat test or which of two conflicting facts is right.", Everyone) with { RecordersOwn = true };
    public static readonly EntryKind ChildProtectionMedical = Kind<ChildProtectionMedical>("cp-medical", "Child protection medical", "A paediatric child protection medical: opinion (accidental, non-accidental, undetermined), dictation, actions.", [AgencyKind.Hospital, AgencyKind.CommunityPaediatrics]) with { ForChild = LifeStage.Born };
    public static readonly EntryKind MedicalReportReceived = Kind<MedicalReportReceived>("medical-report-received", "Medical report received", "The written report of a child protection medical received.");
    public static readonly EntryKind Injury = Kind<InjuryObserved>("injury", "Injury or mark observed", "An injury, bruise or mark seen on a child: site, description, the child's mobility, any explanation.", [AgencyKind.Hospital, AgencyKind.CommunityPaediatrics, AgencyKind.GeneralPractice, AgencyKind.HealthVisiting, AgencyKind.SchoolNursing, AgencyKind.Midwifery, AgencyKind.School, AgencyKind.EarlyYears]) with { ForChild = LifeStage.Born };
    public static readonly EntryKind TestResult = Kind<TestResult>("test-result", "Test result", "A test and its real outcome: positive, negative, inconclusive, not done or sample rejected.", [AgencyKind.Hospital, AgencyKind.CommunityPaediatrics, AgencyKind.GeneralPractice, AgencyKind.SubstanceMisuseService]);
    public static readonly EntryKind HomeVisit = Kind<HomeVisit>("home-visit", "Home visit", "A home visit and whether the child was seen.", [AgencyKind.ChildrensSocialCare, AgencyKind.HealthVisiting, AgencyKind.Midwifery, AgencyKind.EarlyHelp]) with { RecordersOwn = true };
    public static readonly EntryKind Appointment = Kind<Appointment>("appointment", "Appointment", "An appointment attended, not brought to, missed or cancelled.", [AgencyKind.GeneralPractice, AgencyKind.HealthVisiting, AgencyKind.SchoolNursing, AgencyKind.Midwifery, AgencyKind.Hospital, AgencyKind.CommunityPaediatrics, AgencyKind.AdultMentalHealth, AgencyKind.SubstanceMisuseService]) with { RecordersOwn = true };
    public static readonly EntryKind Engagement = Kind<ParentalEngagement>("engagement", "Parental engagement", "A parent declining, missing or engaging with visits, appointments and assessments.", [AgencyKind.ChildrensSocialCare, AgencyKind.HealthVisiting, AgencyKind.Midwifery, AgencyKind.GeneralPractice, AgencyKind.School, AgencyKind.EarlyYears, AgencyKind.EarlyHelp, AgencyKind.SubstanceMisuseService, AgencyKind.VoluntarySector]);
    public static readonly EntryKind PoliceIncident = Kind<PoliceIncident>("police-incident", "Domestic abuse or police incident", "A domestic abuse or other incident attended by police.", [AgencyKind.Police]);
    public static readonly EntryKind AdultConcern = Kind<AdultConcern>("adult-concern", "Information about an adult", "Substance misuse, alcohol, mental health, offending or prison: information about an adult in the child's life.", Everyone);
    public static readonly EntryKind ParentHistory = Kind<ParentHistory>("parent-history", "A parent's history", "A parent's or carer's history as facts: harm to any child, a finding of fact, proceedings, children removed, care experience, adverse childhood experiences.", [AgencyKind.Midwifery, AgencyKind.AdultSocialCare, AgencyKind.Probation]);
    public static readonly EntryKind Account = Kind<IncidentAccount>("account", "Account of an incident", "Someone's account of what happened in an incident or event, and the recorded entries it contradicts.", [AgencyKind.Police]);
    public static readonly EntryKind Observation = Kind<Observation>("observation", "Observation", "Something noticed: the child's own words, parent-child interaction, home conditions.", Everyone) with { RecordersOwn = true };
    public static readonly EntryKind Pregnancy = Kind<Pregnancy>("pregnancy", "Pregnancy", "A pregnancy confirmed or booked, with expected delivery and risk factors.", [AgencyKind.Midwifery, AgencyKind.GeneralPractice, AgencyKind.HealthVisiting]);
    public static readonly EntryKind Birth = Kind<Birth>("birth", "Birth", "A baby born.", [AgencyKind.Midwifery, AgencyKind.HealthVisiting, AgencyKind.Hospital]) with { ForChild = LifeStage.Unborn };
    public static readonly EntryKind HospitalAttendance = Kind<HospitalAttendance>("hospital-attendance", "Attendance at unscheduled care", "An attendance at A&E, urgent care, a walk-in centre or a minor injury unit.", [AgencyKind.Hospital, AgencyKind.Ambulance]);
    public static readonly EntryKind HospitalAdmission = Kind<HospitalAdmission>("hospital-admission", "Hospital admission", "A child admitted to hospital.", [AgencyKind.Hospital]);
    public static readonly EntryKind HospitalDischarge = Kind<HospitalDischarge>("hospital-discharge", "Hospital discharge", "A discharge from hospital planned or completed.", [AgencyKind.Hospital, AgencyKind.Midwifery]);
    public static readonly EntryKind DischargeDecision = Kind<DischargeDecision>("discharge-decision", "Discharge safety decision", "Social care's decision on a child's discharge: who the child goes home to, and the safety plan.");
    public static readonly EntryKind PoliceProtection = Kind<PoliceProtection>("police-protection", "Police protection (s46)", "A child taken into police protection under Children Act 1989 s46.", [AgencyKind.Police]) with { ForChild = LifeStage.Born };
    public static readonly EntryKind CourtOrder = Kind<CourtOrder>("court-order", "Court order", "A court application or order, or a decision not to apply.", [AgencyKind.LegalServices]);
    public static readonly EntryKind PreProceedings = Kind<PreProceedings>("pre-proceedings", "Pre-proceedings", "A step under the Public Law Outline: legal gateway, letter before proceedings, meeting.", [AgencyKind.LegalServices]);
    public static readonly EntryKind MeetingScheduled = Kind<MeetingScheduled>("meeting-scheduled", "Meeting scheduled", "A conference, core group, strategy meeting, CIN review, MARAC or professionals' meeting arranged, with its invitations.");
    public static readonly EntryKind MeetingChanged = Kind<MeetingChanged>("meeting-changed", "Meeting moved or cancelled", "A meeting arranged moved to a new date and time, or cancelled, with the reason; its invitees are told.");
    public static readonly EntryKind MeetingHeld = Kind<MeetingHeld>("meeting-held", "Meeting held", "A meeting held: attendance, reports received, decisions and actions.");
    public static readonly EntryKind PlanStarted = Kind<PlanStarted>("plan-started", "Plan started", "A CIN, CP or safety plan started, with its items and contingencies.");
    public static readonly EntryKind PlanReviewed = Kind<PlanReviewed>("plan-reviewed", "Plan reviewed", "A plan's items reviewed for progress.");
    public static readonly EntryKind PlanEnded = Kind<PlanEnded>("plan-ended", "Plan ended", "A plan ended, with the reason.");
    public static readonly EntryKind Supervision = Kind<Supervision>("supervision", "Management supervision", "Management supervision of the case at opening, during or at closing.", [AgencyKind.ChildrensSocialCare]) with { RecordersOwn = true };
    public static readonly EntryKind StaffAbsence = Kind<StaffAbsence>("staff-absence", "Staff absence", "A professional working on the case recorded as absent.");
    public static readonly EntryKind CaseClosure = Kind<CaseClosure>("case-closure", "Case closure", "A case proposed for closure, or closed.");
    public static readonly EntryKind AddressChange = Kind<AddressChange>("address-change", "Change of address", "A person recorded at a new address by an agency.", [AgencyKind.GeneralPractice, AgencyKind.Midwifery, AgencyKind.Housing, AgencyKind.School]);
    public static readonly EntryKind HouseholdChange = Kind<HouseholdChange>("household-change", "Change of household", "Someone joining or leaving the child's household.");
    public static readonly EntryKind RecordsRequested = Kind<RecordsRequested>("records-requested", "Records requested", "Records requested from another area or agency.");
    public static readonly EntryKind RecordsReceived = Kind<RecordsReceived>("records-received", "Records received", "Records received from another area or agency.");
    public static readonly EntryKind InformationShared = Kind<InformationShared>("information-shared", "Information shared", "Information shared with named professionals, with its lawful basis.", Everyone);
    public static readonly EntryKind InformationAcknowledged = Kind<InformationAcknowledged>("information-acknowledged", "Information acknowledged", "A professional confirming they received shared information.");

    public static IReadOnlyList<EntryKind> All { get; } =
    [
        Contact, ContactDecision, AssessmentStarted, AssessmentCompleted, StrategyDiscussion, Decision,
        ChildProtectionMedical, MedicalReportReceived, Injury, TestResult, HomeVisit, Appointment, Engagement,
        PoliceIncident, AdultConcern, ParentHistory, Account, Observation, Pregnancy, Birth, HospitalAttendance, HospitalAdmission,
        HospitalDischarge, DischargeDecision, PoliceProtection, CourtOrder, PreProceedings, MeetingScheduled,
        MeetingChanged, MeetingHeld, PlanStarted, PlanReviewed, PlanEnded, Supervision, StaffAbsence, CaseClosure, AddressChange,
        HouseholdChange, RecordsRequested, RecordsReceived, InformationShared, InformationAcknowledged,
    ];

    private static readonly Dictionary<string, EntryKind> ByCode = All.ToDictionary(k => k.Code);
    private static readonly Dictionary<Type, EntryKind> ByType = All.ToDictionary(k => k.DetailsType);

    public static EntryKind? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var kind) ? kind : null;

    public static EntryKind Of<T>() where T : EntryDetails => ByType[typeof(T)];

    public static EntryKind Of(EntryDetails details) => ByType[details.GetType()];

    private static EntryKind Kind<T>(string code, string label, string description, IEnumerable<AgencyKind>? usuallyRecordedBy = null) where T : EntryDetails =>
        new(code, label, typeof(T), description) { UsuallyRecordedBy = (usuallyRecordedBy ?? []).ToHashSet() };

    /// <summary>What any agency records: an observation, a decision, information about an adult, a share.</summary>
    private static AgencyKind[] Everyone => Enum.GetValues<AgencyKind>();
}
