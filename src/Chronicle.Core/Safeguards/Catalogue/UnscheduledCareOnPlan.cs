using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-02: a child on a child protection plan, looked after, or in an open section 47 enquiry attends unscheduled care.
/// The lead social worker must be told at once and acknowledge it; when the cause may be non-accidental, police must
/// be told the same day.
/// </summary>
public sealed class UnscheduledCareOnPlan : ISafeguard
{
    public string Id => "SG-02";
    public int Version => 1;
    public string Title => "Child on a plan seen in unscheduled care";
    public Severity Severity => Severity.Urgent;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("004", "Child BF", "Finding BF7",
            "It was identified that Child BF was subject to a Child Protection Plan, but there was a delay in notifying the Police, until the next day."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [];

    /// <summary>What it finds is worked out from what is known, never compared with the moment: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        return Find(file, context.Now).ToList();
    }

    /// <summary>
    /// Every attendance known by then that is still outstanding. Nothing here compares with the moment itself or reads
    /// a setting: what is found is the same at every later moment.
    /// </summary>
    private static IEnumerable<Finding> Find(CaseFile file, DateTimeOffset known)
    {
        foreach (var (attendance, details) in file.KnownAboutChild<HospitalAttendance>(known))
        {
            var at = attendance.When;
            if (!file.IsOnChildProtectionPlan(at) && !file.IsLookedAfter(at) && !file.HasOpenEnquiry(at)) continue;

            // "At once" and "the same day" are calendar days: unscheduled care does not wait for Monday.
            var due = WorkingDayCalendar.EndOfUkDay(attendance.Day());
            var socialWorker = file.LeadSocialWorker(attendance.Day());
            var outstanding = new List<string>();
            if (!SocialCareAcknowledged(file, known, attendance, socialWorker?.Id))
                outstanding.Add("the lead social worker's acknowledgement that they have been told");
            if (details.PossiblyNonAccidental && !PoliceTold(file, known, attendance))
                outstanding.Add("that police have been notified");
            if (outstanding.Count == 0) continue;

            yield return new Finding(
                $"attendance:{attendance.CauseId()}",
                $"A child who is {Status(file, at)} attended unscheduled care"
                    + (details.PossiblyNonAccidental ? "; the cause may be non-accidental." : "."),
                $"Record {FindingWords.List(outstanding)} {FindingWords.By(due)}.",
                due,
                [attendance.Id],
                socialWorker?.Id);
        }
    }

    private static string Status(CaseFile file, DateTimeOffset at) =>
        file.IsOnChildProtectionPlan(at) ? "on a child protection plan" : file.IsLookedAfter(at) ? "looked after" : "in an open section 47 enquiry";

    /// <summary>
    /// An acknowledgement, by the lead social worker or (out of hours, or with no lead recorded) another children's social
    /// care professional, of information shared about the attendance. Social care recording the attendance itself also counts.
    /// </summary>
    private static bool SocialCareAcknowledged(CaseFile file, DateTimeOffset known, CaseEntry attendance, Guid? socialWorker)
    {
        if (file.RecordedBy(attendance, AgencyKind.ChildrensSocialCare)) return true;
        var shares = file.Known<InformationShared>(known).Where(s => attendance.IsReferencedBy(s.Details.AboutEntryId)).Select(s => s.Entry).ToList();
        return file.Known<InformationAcknowledged>(known).Any(a =>
            shares.Any(s => s.IsReferencedBy(a.Details.SharedEntryId))
            && (a.Details.ProfessionalId == socialWorker || file.WorksFor(a.Details.ProfessionalId, AgencyKind.ChildrensSocialCare)));
    }

    /// <summary>Police know: information about the attendance shared with police, police present at a strategy discussion since, or police recording about the child since.</summary>
    private static bool PoliceTold(CaseFile file, DateTimeOffset known, CaseEntry attendance)
    {
        var sharedWithPolice = file.Known<InformationShared>(known).Any(s =>
            attendance.IsReferencedBy(s.Details.AboutEntryId)
            && (s.Details.RecipientAgencyIds.Any(a => file.Agencies.TryGetValue(a, out var agency) && agency.Kind == AgencyKind.Police)
                || s.Details.RecipientProfessionalIds.Any(p => file.WorksFor(p, AgencyKind.Police))));
        if (sharedWithPolice) return true;
        var since = attendance.Day();
        if (file.KnownAboutChild<StrategyDiscussion>(known).Any(s => s.Entry.Day() >= since
                && (s.Details.AgenciesPresent.Any(a => file.Agencies.TryGetValue(a, out var agency) && agency.Kind == AgencyKind.Police)
                    || s.Details.ProfessionalsPresent.Any(p => file.WorksFor(p, AgencyKind.Police)))))
            return true;
        return file.Entries.Any(e => e.RecordedAt <= known && e.Id != attendance.Id && e.Day() >= since
                                     && e.Entry.IsAbout(file.Child.Id) && file.RecordedBy(e, AgencyKind.Police));
    }
}
