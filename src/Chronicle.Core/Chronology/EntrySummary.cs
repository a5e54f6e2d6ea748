using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

/// <summary>One line saying what an entry records, in plain words. Results say exactly what the record holds.</summary>
public static class EntrySummary
{
    /// <summary>The summary headed by its kind's label, unless it already begins with it ("Home visit: child seen", said once).</summary>
    public static string Titled(string label, string summary) =>
        summary.StartsWith(label, StringComparison.OrdinalIgnoreCase) ? summary : $"{label}: {summary}";

    public static string Of(EntryDetails details, Names names) => details switch
    {
        ContactReceived c => $"{Labels.Of(c.Type)}{(c.PreBirth ? " (pre-birth)" : "")}{(c.ReferrerAgencyId is null ? "" : $" from {names.Agency(c.ReferrerAgencyId)}")}: {c.Concerns}",
        ContactDecision d => $"Decision: {Labels.Of(d.Decision).ToLowerInvariant()}. {d.Rationale}",
        AssessmentStarted a => $"{Labels.Of(a.Type)} started",
        AssessmentCompleted a => $"{Labels.Of(a.Type)} completed ({Labels.Of(a.Outcome).ToLowerInvariant()}): {a.Conclusion}",
        StrategyDiscussion s => $"Strategy discussion with {s.AgenciesPresent.Count} agencies: {Labels.Of(s.Decision).ToLowerInvariant()}",
        DecisionRecorded d => $"Decision ({Labels.Of(d.Topic).ToLowerInvariant()}): {d.Decision}",
        ChildProtectionMedical m => $"Child protection medical: opinion {Labels.Of(m.Opinion).ToLowerInvariant()}. {m.Findings}{(m.Actions.Count > 0 ? $" ({m.Actions.Count} actions)" : "")}",
        MedicalReportReceived => "Medical report received",
        InjuryObserved i => $"{Labels.Of(i.Type)} seen: {i.Site}. {i.Description}{(i.ChildMobility == Mobility.NotRecorded ? "" : $" Child {Labels.Of(i.ChildMobility).ToLowerInvariant()}.")}",
        TestResult t => $"{t.Test}{(t.Substance is null ? "" : $" ({t.Substance})")}: {Labels.Of(t.Outcome)}{(t.SampleQuality is SampleQuality.NotKnown or SampleQuality.Adequate ? "" : $"; sample {Labels.Of(t.SampleQuality).ToLowerInvariant()}")}{(t.OutcomeReason is null ? "" : $". {t.OutcomeReason}")}",
        HomeVisit h => h.AccessGained != false || h.ChildSeen ? $"Home visit: child {(h.ChildSeen ? "seen" : "not seen")}{(h.ChildSeenAlone == true ? " alone" : "")}" : "Home visit: no access",
        Appointment a => $"{a.Service} appointment: {Labels.Of(a.Outcome).ToLowerInvariant()}",
        ParentalEngagement e => $"{names.Person(e.ParentPersonId)}: {Labels.Of(e.Type).ToLowerInvariant()}{(e.Detail is null ? "" : $". {e.Detail}")}",
        PoliceIncident p => $"{Labels.Of(p.Type)} incident: {p.Description}",
        AdultConcern a => $"{names.Person(a.AdultPersonId)}, {Labels.Of(a.Type).ToLowerInvariant()}: {a.Description}",
        Observation o => $"{Labels.Of(o.Topic)}: {o.Text}",
        Pregnancy p => $"Pregnancy {Labels.Of(p.Stage).ToLowerInvariant()}{(p.ExpectedDelivery is { } edd ? $", due {edd:d MMMM yyyy}" : "")}",
        Birth b => $"{names.Person(b.ChildPersonId)} born on {b.BornOn:d MMMM yyyy}",
        HospitalAttendance h => $"{Labels.Of(h.Setting)} attendance: {h.Reason}",
        HospitalAdmission h => $"Admitted to hospital: {h.Reason}",
        HospitalDischarge h => $"Discharge {Labels.Of(h.Stage).ToLowerInvariant()}{(h.DischargedToPersonId is null ? "" : $" to {names.Person(h.DischargedToPersonId)}")}",
        DischargeDecision d => $"Discharge {(d.DischargeAgreed switch { true => "agreed", false => "not agreed", null => "decided" })} to {names.Person(d.CarerPersonId)}: {d.SafetyPlan}",
        PoliceProtection p => $"Taken into police protection (s46): {p.PlaceOfSafety}",
        CourtOrder c => $"{Labels.Of(c.Order)}: {Labels.Of(c.Stage).ToLowerInvariant()}",
        PreProceedings p => $"Pre-proceedings: {p.Step}",
        MeetingScheduled m => $"{Labels.Of(m.Type)} arranged for {m.ScheduledFor:d MMMM yyyy}; {m.Invited.Count} invited",
        MeetingChanged { Change: MeetingChange.Cancelled } m => $"{Labels.Of(m.Type)} cancelled: {m.Reason}",
        MeetingChanged m => $"{Labels.Of(m.Type)} moved{(m.MovedTo is { } to ? $" to {to:d MMMM yyyy}" : "")}: {m.Reason}",
        MeetingHeld m => $"{Labels.Of(m.Type)} held{(m.Decision is { } d ? $": {Labels.Of(d).ToLowerInvariant()}" : "")}",
        PlanStarted p => $"{Labels.Of(p.Type)} started{(p.Category is { } c ? $" ({Labels.Of(c).ToLowerInvariant()})" : "")}{(p.Draft ? " as a draft" : "")}, {p.Items.Count} items",
        PlanReviewed => "Plan reviewed",
        PlanEnded p => $"Plan ended: {p.Reason}",
        Supervision s => $"Supervision ({Labels.Of(s.Point).ToLowerInvariant()}) of {names.Professional(s.SuperviseeId)} by {names.Professional(s.SupervisorId)}",
        StaffAbsence a => $"{names.Professional(a.ProfessionalId)} absent from {a.From:d MMMM yyyy}{(a.To is { } to ? $" to {to:d MMMM yyyy}" : "")}",
        CaseClosure c => $"Case {(c.Stage == ClosureStage.Proposed ? "proposed for closure" : "closed")}: {c.Reason}",
        AddressChange a => $"Moved to {a.NewAddress}{(a.LocalAuthority is null ? "" : $" ({a.LocalAuthority})")}",
        HouseholdChange h => $"{names.Person(h.PersonId)} {(h.Change == HouseholdChangeType.Joined ? "joined" : "left")} the household",
        RecordsRequested r => $"Records requested from {r.FromAgency}, {r.FromArea}",
        RecordsReceived r => $"Records received from {r.FromArea}: {r.Summary}",
        InformationShared s => $"Shared with {string.Join(", ", s.RecipientProfessionalIds.Select(p => names.Professional(p)).Concat(s.RecipientAgencyIds.Select(a => names.Agency(a))))}: {s.Summary}",
        InformationAcknowledged a => $"Acknowledged by {names.Professional(a.ProfessionalId)}",
        _ => EntryKinds.Of(details).Label,
    };
}
