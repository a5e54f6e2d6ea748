using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Web.Recording;

namespace Chronicle.Web.Alerts;

/// <summary>What kind of screen a next step opens: each is a way of doing what an alert asks.</summary>
public enum StepKind
{
    /// <summary>Record an entry of a kind, with the child and what it answers chosen.</summary>
    Record,
    /// <summary>Correct an entry already on record.</summary>
    Correct,
    /// <summary>Share an entry already on record with the team.</summary>
    Share,
    /// <summary>Acknowledge what was shared, from the inbox.</summary>
    Acknowledge,
    /// <summary>Schedule a meeting, or open the child's meetings.</summary>
    Meeting,
    /// <summary>Add someone to the team around the child.</summary>
    Team,
    /// <summary>Record management supervision.</summary>
    Supervision,
    /// <summary>Settle the loose ends before a case closes.</summary>
    Closure,
    /// <summary>Not a screen: who does it, said plainly, where the reader may not do it themselves.</summary>
    Told,
}

/// <summary>
/// A button on an alert that does what it asks: a page, by name, with its route values. The page returns to the alert
/// with a confirmation when <c>alert</c> is among them.
/// </summary>
public sealed record NextStep(StepKind Kind, string Text, string Page, IDictionary<string, string> Route, string? Fragment = null);

/// <summary>
/// For each safeguard's alert, the screens that do what its "What to do" asks (docs/alerts.md): the entry to record
/// with its kind, the child and what it is about already chosen, the entry to share, the meeting to schedule, the
/// person to add to the team, the supervision to record. Only entries the reader may see are named.
/// </summary>
public static class AlertNextSteps
{
    public const string NewEntryPage = "/Recording/NewEntry";

    /// <summary>The route value that chooses who else an entry is about: ids separated by commas.</summary>
    public const string SubjectsKey = "subjects";

    /// <param name="also">
    /// The other children of the alert's family event (whose alert of it is open and whom the reader may see): an entry
    /// to record is about each of them too, so that one entry answers the event for every child.
    /// </param>
    /// <param name="closesCases">Whether the reader may close a child's case (children's social care: StatutoryWork); others are told who does.</param>
    public static IReadOnlyList<NextStep> For(AlertView view, IReadOnlyList<Guid>? also = null, bool closesCases = false)
    {
        var alert = view.Alert;
        var s = new Steps(alert.Id, view.ChildId, view.Evidence, also ?? [], closesCases);
        var key = alert.CauseKey;
        var first = s.First;
        switch (alert.SafeguardId)
        {
            case "SG-01":
                var injury = s.OfKind(EntryKinds.Injury) ?? first;
                s.Record(EntryKinds.StrategyDiscussion, "Record the strategy discussion");
                s.Meeting(MeetingType.StrategyMeeting, "Schedule a strategy meeting");
                s.Record(EntryKinds.ChildProtectionMedical, "Record the child protection medical");
                s.Record(EntryKinds.ContactDecision, "Record the decision on the referral", ("contactEntryId", s.OfKind(EntryKinds.Contact)));
                s.Decision(DecisionTopic.StrategyDiscussion, "Record a decision on a strategy discussion", ("aboutEntryId", injury));
                break;
            case "SG-02":
                s.Share(s.OfKind(EntryKinds.HospitalAttendance) ?? first, "Share the attendance with the lead social worker");
                s.Inbox("Acknowledge it in your inbox");
                s.Record(EntryKinds.StrategyDiscussion, "Record the strategy discussion (police notified)");
                break;
            case "SG-03":
                var statement = s.OfKind(EntryKinds.AssessmentCompleted) ?? s.OfKind(EntryKinds.Decision);
                if (statement is { } st) s.Correct(st, "Correct the assessment");
                s.Decision(DecisionTopic.ConflictingFacts, "Record a decision on why it differs", ("aboutEntryId", s.OfKind(EntryKinds.Injury) ?? first));
                break;
            case "SG-04":
                var medical = s.OfKind(EntryKinds.ChildProtectionMedical) ?? first;
                if (key.EndsWith(":report", StringComparison.Ordinal))
                    s.Record(EntryKinds.MedicalReportReceived, "Record the report as received", ("medicalEntryId", medical));
                else
                    s.Record(EntryKinds.PlanReviewed, "Record a review of the medical's actions", ("planEntryId", medical));
                break;
            case "SG-05":
                s.Record(EntryKinds.TestResult, "Record the repeat test's result");
                s.Decision(DecisionTopic.RepeatTest, "Record a decision on repeating the test", ("aboutEntryId", s.OfKind(EntryKinds.TestResult) ?? first));
                break;
            case "SG-06":
                if (key.StartsWith("corrected-referral:", StringComparison.Ordinal))
                    s.Record(EntryKinds.ContactDecision, "Record the decision on the corrected referral", ("contactEntryId", s.OfKind(EntryKinds.Contact)));
                s.Decision(DecisionTopic.ConflictingFacts, "Record which account or fact is right", ("aboutEntryId", first), ("aboutPersonId", Visible(view, GuidAfter(key, "person:"))));
                break;
            case "SG-07":
                s.Record(EntryKinds.AssessmentCompleted, "Record the assessment with the risks it analysed");
                s.Decision(DecisionTopic.Other, "Record a decision on the risk indicator", ("aboutEntryId", Last(view) ?? first));
                break;
            case "SG-08":
                if (key.StartsWith("acknowledge:", StringComparison.Ordinal)) s.Inbox("Acknowledge it in your inbox");
                else s.Share(first, "Share the entry with the team");
                break;
            case "SG-09":
                var agency = GuidAfter(key, "agency:");
                s.Team(agency, "Add them to the team around the child");
                s.Decision(DecisionTopic.TeamMembership, "Record a decision on why not", ("aboutAgencyId", agency));
                break;
            case "SG-10":
                var meetingAgency = LastGuid(key);
                var meeting = s.OfKind(EntryKinds.MeetingScheduled) ?? s.OfKind(EntryKinds.MeetingHeld) ?? first;
                if (key.StartsWith("invite:", StringComparison.Ordinal)) s.Meetings("Open the meeting to invite them");
                s.Decision(DecisionTopic.Other, key.StartsWith("invite:", StringComparison.Ordinal) ? "Record a decision on why they are not invited" : "Record a decision on why they were absent",
                    ("aboutEntryId", meeting), ("aboutAgencyId", meetingAgency));
                break;
            case "SG-11":
                s.Share(s.OfKind(EntryKinds.AddressChange) ?? first, "Share the move with the lead professional and the team");
                s.Inbox("Acknowledge it in your inbox");
                break;
            case "SG-12":
                var adult = Visible(view, GuidAfter(key, "person:") ?? GuidAfter(key, "no-contact:"));
                s.Record(EntryKinds.AssessmentCompleted, "Record the assessment that saw them");
                s.Decision(DecisionTopic.AdultNotAssessed, "Record the attempts made and why not", ("aboutPersonId", adult));
                break;
            case "SG-13":
                s.Record(EntryKinds.AssessmentCompleted, "Record the updated assessment");
                s.ReviewPlan("Review the plan");
                break;
            case "SG-14":
                var other = Visible(view, GuidAfter(key, "child:"));
                s.Decision(DecisionTopic.OtherChildren, "Record a decision on the other child", ("aboutPersonId", other));
                s.Record(EntryKinds.StrategyDiscussion, "Record a strategy discussion about them");
                break;
            case "SG-15":
                s.Decision(DecisionTopic.Other, "Record a decision about these contacts", ("aboutEntryId", Last(view) ?? first));
                s.Record(EntryKinds.AssessmentStarted, "Record an assessment started");
                break;
            case "SG-16":
                s.Decision(DecisionTopic.Other, "Record what was done about this appointment", ("aboutEntryId", Last(view) ?? first));
                break;
            case "SG-17":
                s.ReviewPlan("Review the plan");
                s.Decision(DecisionTopic.Escalation, "Record a decision on escalation");
                s.Meeting(MeetingType.InitialChildProtectionConference, "Schedule a child protection conference");
                break;
            case "SG-18":
                s.Record(EntryKinds.AssessmentCompleted, "Record an assessment that considers cumulative harm");
                s.Decision(DecisionTopic.CumulativeHarm, "Record a decision on cumulative harm");
                break;
            case "SG-19":
                Timescale(s, key);
                s.Decision(DecisionTopic.DelayReason, "Record the reason for exceeding the timescale", ("aboutEntryId", first));
                break;
            case "SG-20":
                s.Supervision("Record a manager's review as supervision (a manager records it)");
                s.Team(null, "Reassign the case in the team");
                break;
            case "SG-21":
                s.Supervision("Record management supervision (a manager records it)");
                break;
            case "SG-22":
                s.Closure("Settle the loose ends before closure");
                break;
            case "SG-23":
                var plan = s.OfKind(EntryKinds.PlanStarted);
                if (key.StartsWith("plan-items:", StringComparison.Ordinal) && plan is { } p) s.Correct(p, "Correct the plan's items");
                s.ReviewPlan("Review the plan");
                break;
            case "SG-24":
                if ((s.OfKind(EntryKinds.PlanStarted) ?? first) is { } safety) s.Correct(safety, "Correct the safety plan with its contingencies");
                break;
            case "SG-25":
                if (key.StartsWith("pre-birth-conference:", StringComparison.Ordinal))
                    s.Meeting(MeetingType.InitialChildProtectionConference, "Schedule the pre-birth conference");
                else
                    s.Record(EntryKinds.AssessmentCompleted, "Record the pre-birth assessment");
                break;
            case "SG-26":
                if (key.StartsWith("records-receipt:", StringComparison.Ordinal))
                    s.Record(EntryKinds.RecordsReceived, "Record the records received", ("requestEntryId", s.OfKind(EntryKinds.RecordsRequested)));
                else
                {
                    s.Record(EntryKinds.RecordsRequested, "Record the request for records");
                    s.Decision(DecisionTopic.RecordsFromAnotherArea, "Record a decision on records from the other area");
                }
                break;
            case "SG-27":
                s.Record(EntryKinds.CourtOrder, "Record the court application");
                s.Decision(DecisionTopic.CourtApplication, "Record a decision on a court application");
                break;
            case "SG-28":
                s.Record(EntryKinds.DischargeDecision, "Record the discharge decision");
                break;
            case "SG-29":
                s.Decision(DecisionTopic.EscalationResponse, "Record the response to the escalation", ("respondsToEntryIds", first));
                break;
            case "SG-30":
                s.Inbox("Acknowledge it in your inbox");
                s.Record(EntryKinds.ContactDecision, "Record the decision on what was shared", ("contactEntryId", s.OfKind(EntryKinds.InformationShared)));
                break;
            case "SG-31":
                s.Meeting(MeetingType.StrategyMeeting, "Schedule a strategy meeting");
                s.Record(EntryKinds.StrategyDiscussion, "Record the strategy discussion");
                s.Decision(DecisionTopic.StrategyDiscussion, "Record the decision not to hold one", ("aboutEntryId", s.OfKind(EntryKinds.ContactDecision) ?? first));
                break;
        }
        return s.All;
    }

    /// <summary>The step a statutory clock waits for (its cause names the clock).</summary>
    private static void Timescale(Steps s, string key)
    {
        switch (key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))])
        {
            case "referral-decision":
                s.Record(EntryKinds.ContactDecision, "Record the decision on the referral", ("contactEntryId", s.OfKind(EntryKinds.Contact)));
                break;
            case "assessment":
                s.Record(EntryKinds.AssessmentCompleted, "Record the completed assessment");
                break;
            case "icpc":
                s.Meeting(MeetingType.InitialChildProtectionConference, "Schedule the initial child protection conference");
                break;
            case "core-group":
                s.Meeting(MeetingType.CoreGroup, "Schedule the first core group");
                break;
            case "review-conference":
                s.Meeting(MeetingType.ReviewChildProtectionConference, "Schedule the review conference");
                break;
            case "transfer-in":
                s.Meeting(MeetingType.TransferInConference, "Schedule the transfer-in conference");
                break;
        }
    }

    /// <summary>The most recent piece of evidence the reader may see (the one a list of entries ends with).</summary>
    private static Guid? Last(AlertView view) => view.Evidence.Count == 0 ? null : view.Evidence[^1].EntryId;

    /// <summary>The id that follows a marker in a cause ("agency:{id}"), if there is one.</summary>
    /// <summary>A person a cause names, only if the reader may see them (and it is known whom they may not): otherwise no one is chosen.</summary>
    private static Guid? Visible(AlertView view, Guid? person) =>
        person is { } id && view.Withheld is { } withheld && !withheld.Hides(id) ? id : null;

    private static Guid? GuidAfter(string cause, string marker)
    {
        var at = cause.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = cause[(at + marker.Length)..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        return Guid.TryParse(end < 0 ? rest : rest[..end], out var id) ? id : null;
    }

    private static Guid? LastGuid(string cause) =>
        Guid.TryParse(cause[(cause.LastIndexOf(':') + 1)..], out var id) ? id : null;

    /// <summary>The steps of one alert as they are added.</summary>
    private sealed class Steps(Guid alertId, Guid childId, IReadOnlyList<EvidenceView> evidence, IReadOnlyList<Guid> also, bool closesCases)
    {
        public List<NextStep> All { get; } = [];
        public Guid? First => evidence.Count == 0 ? null : evidence[0].EntryId;

        public Guid? OfKind(EntryKind kind) => evidence.FirstOrDefault(e => e.KindCode == kind.Code)?.EntryId;

        private Dictionary<string, string> Route(params (string Key, Guid? Value)[] values)
        {
            var route = new Dictionary<string, string> { ["id"] = childId.ToString(), ["alert"] = alertId.ToString() };
            foreach (var (k, v) in values)
                if (v is { } value) route[k] = value.ToString();
            return route;
        }

        public void Record(EntryKind kind, string text, params (string Field, Guid? Value)[] details)
        {
            var route = Route([.. details.Select(d => ($"details.{d.Field}", d.Value))]);
            route["kind"] = kind.Code;
            if (also.Count > 0) route[SubjectsKey] = string.Join(',', also);
            All.Add(new NextStep(StepKind.Record, text, NewEntryPage, route));
        }

        public void Decision(DecisionTopic topic, string text, params (string Field, Guid? Value)[] details)
        {
            Record(EntryKinds.Decision, text, details);
            All[^1].Route["details.topic"] = EntryForm.Code(topic);
        }

        public void Correct(Guid entry, string text) =>
            All.Add(new NextStep(StepKind.Correct, text, NewEntryPage, Route(("corrects", entry))));

        public void Share(Guid? entry, string text)
        {
            if (entry is null) return;
            All.Add(new NextStep(StepKind.Share, text, "/TeamAroundChild/Sharing", Route(("entryId", entry)), "share"));
        }

        public void Inbox(string text) =>
            All.Add(new NextStep(StepKind.Acknowledge, text, "/Inbox/Index", new Dictionary<string, string>()));

        public void Meeting(MeetingType type, string text)
        {
            var route = Route();
            route["type"] = EntryForm.Code(type);
            All.Add(new NextStep(StepKind.Meeting, text, "/TeamAroundChild/ScheduleMeeting", route));
        }

        public void Meetings(string text) =>
            All.Add(new NextStep(StepKind.Meeting, text, "/TeamAroundChild/Meetings", new Dictionary<string, string> { ["id"] = childId.ToString() }));

        public void Team(Guid? agency, string text) =>
            All.Add(new NextStep(StepKind.Team, text, "/TeamAroundChild/Team", Route(("agencyId", agency)), "add"));

        public void Supervision(string text) =>
            All.Add(new NextStep(StepKind.Supervision, text, "/TeamAroundChild/Supervision", Route()));

        /// <summary>The review of the child's running plan: the page finds the plan, each item a row.</summary>
        public void ReviewPlan(string text) =>
            All.Add(new NextStep(StepKind.Record, text, "/TeamAroundChild/ReviewPlan", Route()));

        public void Closure(string text) =>
            All.Add(closesCases
                ? new NextStep(StepKind.Closure, text, "/TeamAroundChild/Closure", new Dictionary<string, string> { ["id"] = childId.ToString() })
                : new NextStep(StepKind.Told, "Children's social care closes the case: tell the allocated social worker what is still open", "", new Dictionary<string, string>()));
    }
}
