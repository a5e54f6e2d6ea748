using System.Text;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

/// <summary>
/// Plain-English labels for enum values. Test outcomes have their own fixed labels: "inconclusive" is shown as
/// "Inconclusive" everywhere, never as anything that reads like a negative.
/// </summary>
public static class Labels
{
    private static readonly Dictionary<Enum, string> Special = new()
    {
        [TestOutcome.Positive] = "Positive",
        [TestOutcome.Negative] = "Negative",
        [TestOutcome.Inconclusive] = "Inconclusive (no result: not negative)",
        [TestOutcome.NotDone] = "Not done (no result)",
        [TestOutcome.SampleRejected] = "Sample rejected (no result)",
        [Source.SeenByRecorder] = "Seen by the recorder",
        [Source.ReportedBy] = "Reported",
        [Source.Inconclusive] = "Inconclusive",
        [Source.Unknown] = "Source not known",
        [Mobility.NotIndependentlyMobile] = "Not independently mobile",
        [MedicalOpinion.NonAccidental] = "Non-accidental",
        [MedicalOpinion.Undetermined] = "Undetermined: cause not known",
        [InjuryExplanation.Undetermined] = "Undetermined: cause not known",
        [AppointmentOutcome.WasNotBrought] = "Was not brought",
        [AppointmentOutcome.DidNotAttend] = "Did not attend",
        [CareSetting.EmergencyDepartment] = "A&E",
        [MeetingType.InitialChildProtectionConference] = "Initial child protection conference",
        [MeetingType.ReviewChildProtectionConference] = "Review child protection conference",
        [MeetingType.Marac] = "MARAC",
        [MeetingType.ChildInNeedReview] = "Child in need review",
        [PlanType.ChildInNeed] = "Child in need plan",
        [PlanType.ChildProtection] = "Child protection plan",
        [PlanType.Safety] = "Safety plan",
        [AssessmentType.Section47] = "Section 47 enquiry",
        [AssessmentType.ChildAndFamily] = "Child and family assessment",
        [ContactOutcome.ChildAndFamilyAssessment] = "Child and family assessment",
        [StrategyOutcome.Section47Enquiry] = "Section 47 enquiry",
        [ObservationTopic.ChildsVoice] = "Child's voice",
        [SharingLevel.Team] = "Team around the child",
        [SharingLevel.AgencyOnly] = "Recording agency and lead professional",
        [SharingLevel.RestrictedPoliceIntelligence] = "Restricted: police intelligence",
        [SharingLevel.RestrictedHealth] = "Restricted: health",
    };

    public static string Of(Enum value) => Special.TryGetValue(value, out var label) ? label : Words(value.ToString());

    /// <summary>A name in code as words: "ChildSeenAlone" reads "Child seen alone".</summary>
    public static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1])) words.Append(' ').Append(char.ToLowerInvariant(c));
            else words.Append(i == 0 ? c : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
