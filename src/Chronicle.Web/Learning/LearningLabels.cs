using Chronicle.Core.Learning;
using Chronicle.Web.Children;

namespace Chronicle.Web.Learning;

/// <summary>The learning cycle's words on the pages: labels and tag colours for its types and states.</summary>
public static class LearningLabels
{
    /// <summary>
    /// The status of an action of a review held as history, in words: an import gives each action "not started" for
    /// want of any other, which is not the document saying so; a status someone set since is theirs.
    /// </summary>
    public static string AsRecorded(ActionStatus status) => status == ActionStatus.NotStarted ? "Not given in the document" : Of(status);

    /// <summary>What a review's impact figures count and over which days, in words.</summary>
    public static string Of(ImpactPeriod period)
    {
        var opening = period.Basis switch
        {
            ImpactBasis.Published => $"Alerts raised since the review was published on {Display.Date(period.From)}, up to today: the practice since its learning was issued.",
            ImpactBasis.Decided => $"Alerts raised since the review was decided on {Display.Date(period.From)}, up to today. It is not published yet: these show practice while it runs, not yet what its learning changed.",
            _ => $"Alerts raised since this review was recorded in Chronicle on {Display.Date(period.From)}, up to today: no day of its decision or publication is on record, so nothing earlier can be said to come after it.",
        };
        var began = Core.Time.WorkingDayCalendar.UkDate(period.Since);
        var loaded = !period.FromPartnershipStart ? ""
            : began == period.From ? " Records loaded into Chronicle as it began that day, told as they happened, are not counted: they are not practice it saw."
            : $" Chronicle began holding this partnership's records on {Display.Date(began)}, so the count starts then: records loaded as it began, told as they happened, are not practice it saw.";
        return opening + loaded + " Nothing earlier is counted, the case the review looked at included.";
    }

    public static string Of(ReviewType type) => type switch
    {
        ReviewType.ChildSafeguardingPracticeReview => "Child safeguarding practice review (CSPR)",
        ReviewType.SeriousCaseReview => "Serious case review (SCR)",
        ReviewType.ChildProtectionIncidentReview => "Child protection incident review (CPIR)",
        ReviewType.SingleAgencyReview => "Single agency review",
        _ => "Other review",
    };

    public static string Of(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "Draft: to be checked",
        ReviewStatus.InProgress => "In progress",
        _ => "Published",
    };

    public static string Of(ReviewDecision decision) => decision switch
    {
        ReviewDecision.LocalPracticeReview => "Local child safeguarding practice review",
        ReviewDecision.LocalLearningReview => "Local learning review",
        ReviewDecision.SingleAgencyReview => "Single agency review",
        _ => "No review",
    };

    public static string Of(ReviewItemType type) => type switch
    {
        ReviewItemType.Finding => "Finding",
        ReviewItemType.Lesson => "Lesson",
        ReviewItemType.Recommendation => "Recommendation",
        _ => "Good practice",
    };

    public static string Plural(ReviewItemType type) => type switch
    {
        ReviewItemType.Finding => "Findings",
        ReviewItemType.Lesson => "Lessons",
        ReviewItemType.Recommendation => "Recommendations",
        _ => "Good practice",
    };

    public static string Of(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "Not started",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done, impact not evidenced",
        _ => "Impact evidenced",
    };

    public static string Colour(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "grey",
        ActionStatus.InProgress => "blue",
        ActionStatus.Done => "yellow",
        _ => "green",
    };

    public static string Of(ClockState state) => state switch
    {
        ClockState.Running => "Running",
        ClockState.Met => "Met",
        ClockState.MetLate => "Late",
        _ => "Overdue",
    };

    public static string Colour(ClockState state) => state switch
    {
        ClockState.Running => "blue",
        ClockState.Met => "green",
        ClockState.MetLate => "orange",
        _ => "red",
    };

    public static string Of(EvidenceKind kind) => kind switch
    {
        EvidenceKind.MultiAgencyAudit => "Multi-agency audit result",
        EvidenceKind.Section11Audit => "Section 11 audit",
        EvidenceKind.Section175Audit => "Section 175 audit",
        EvidenceKind.StaffSurvey => "Staff survey",
        EvidenceKind.ChronicleFigure => "Figure from Chronicle",
        _ => "Other evidence",
    };

    public static string Of(DisseminationChannel channel) => channel switch
    {
        DisseminationChannel.Newsletter => "Newsletter",
        DisseminationChannel.Workshop => "Workshop",
        DisseminationChannel.TeamBriefing => "Team briefing",
        DisseminationChannel.Conference => "Conference",
        DisseminationChannel.Website => "Website",
        DisseminationChannel.Training => "Training",
        DisseminationChannel.Email => "Email",
        _ => "Other",
    };

    public static string Theme(string code) => Themes.Find(code)?.Label ?? code;

    public static string Days(double? days) => days is { } d ? (d < 1 ? $"{d * 24:0.#} hours" : $"{d:0.#} days") : "None resolved yet";

    /// <summary>A form's date, day/month/year as people write it in England, or an error naming the field.</summary>
    public static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (Forms.DateText.TryParse(text, out var d))
        {
            date = d;
            return true;
        }
        return false;
    }

    public static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) ? value : null;
}
