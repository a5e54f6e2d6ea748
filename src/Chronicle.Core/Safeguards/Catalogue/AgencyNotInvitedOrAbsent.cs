using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-10: a strategy meeting, conference or core group must invite every involved agency (the GP, health visiting or
/// school nursing, and the school or early years setting always, where the family has one; police for strategy
/// meetings and conferences); after it, each invited agency must have attended or sent a report.
/// </summary>
public sealed class AgencyNotInvitedOrAbsent : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "After the meeting, chase the report or record why absent within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    private static readonly HashSet<MeetingType> Meetings =
    [
        MeetingType.StrategyMeeting, MeetingType.InitialChildProtectionConference, MeetingType.ReviewChildProtectionConference,
        MeetingType.TransferInConference, MeetingType.CoreGroup,
    ];

    private static readonly HashSet<AgencyKind> AlwaysExpected =
        [AgencyKind.GeneralPractice, AgencyKind.HealthVisiting, AgencyKind.SchoolNursing, AgencyKind.School, AgencyKind.EarlyYears];

    public string Id => "SG-10";
    public int Version => 1;
    public string Title => "Agency not invited, absent, or no report";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("004", "Child BF", "Finding BF6",
            "In this case not all agencies involved with the family were invited to the ICPC or asked for information."),
        new("004", "Child BF", "Lesson BF6.1",
            "Conference chairs should make particular efforts to ensure that the relevant GP is invited and receives the record of meetings."),
        new("003", "Emily", "Processes, planning and engagement",
            "Schools seek to put arrangements in place to contribute to Child Protection Conferences and Core Groups during school holidays."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var today = context.Now.Day();
        var scheduled = file.KnownAboutChild<MeetingScheduled>(context.Now).Where(m => Meetings.Contains(m.Details.Type)).ToList();
        var held = file.KnownAboutChild<MeetingHeld>(context.Now).Where(m => Meetings.Contains(m.Details.Type)).ToList();
        if (scheduled.Count == 0 && held.Count == 0) yield break;
        List<(CaseEntry Entry, DecisionRecorded Details)>? decisions = null;

        bool Explained(Guid agencyId, params CaseEntry?[] meeting) =>
            (decisions ??= file.Known<DecisionRecorded>(context.Now).Where(d => d.Details.AboutAgencyId is not null).ToList())
            .Exists(d => d.Details.AboutAgencyId == agencyId && meeting.Any(m => m is not null && m.IsReferencedBy(d.Details.AboutEntryId)));

        foreach (var (entry, meeting) in scheduled)
        {
            var outcome = held.Find(h => entry.IsReferencedBy(h.Details.ScheduledEntryId));
            var day = meeting.ScheduledFor.Day() < today ? meeting.ScheduledFor.Day() : today;
            var invited = Invited(file, entry, meeting.ChairProfessionalId, meeting.Invited.Select(i => (i.AgencyId, i.ProfessionalId)));
            if (outcome.Entry is not null)
                invited.UnionWith(Invited(file, outcome.Entry, outcome.Details.ChairProfessionalId,
                    outcome.Details.Attendance.Where(a => a.Invited || a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId))));
            foreach (var agency in Expected(file, meeting.Type, day).Where(a => !invited.Contains(a.Id) && !Explained(a.Id, entry, outcome.Entry)))
                yield return NotInvited(meeting.Type, entry, agency, meeting.ScheduledFor, meeting.ChairProfessionalId ?? entry.Entry.RecordedByProfessionalId);
        }

        foreach (var (entry, meeting) in held)
        {
            var (scheduleEntry, schedule) = scheduled.Find(s => s.Entry.IsReferencedBy(meeting.ScheduledEntryId));
            var chair = meeting.ChairProfessionalId ?? (scheduleEntry is null ? null : schedule.ChairProfessionalId) ?? entry.Entry.RecordedByProfessionalId;
            var present = Invited(file, entry, meeting.ChairProfessionalId,
                meeting.Attendance.Where(a => a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId)));
            if (scheduleEntry is null)
            {
                // Held with no invitations on record: the attendance list is the invitation list.
                var listed = Invited(file, entry, meeting.ChairProfessionalId, meeting.Attendance.Where(a => a.Invited || a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId)));
                foreach (var agency in Expected(file, meeting.Type, entry.Day()).Where(a => !listed.Contains(a.Id) && !Explained(a.Id, entry)))
                    yield return NotInvited(meeting.Type, entry, agency, entry.When, chair);
            }

            var invited = new HashSet<Guid>();
            if (scheduleEntry is not null)
                invited.UnionWith(Invited(file, null, null, schedule.Invited.Select(i => (i.AgencyId, i.ProfessionalId))));
            invited.UnionWith(Invited(file, null, null, meeting.Attendance.Where(a => a.Invited).Select(a => (a.AgencyId, a.ProfessionalId))));
            foreach (var agencyId in invited.Where(a => !present.Contains(a)).Order())
            {
                if (Explained(agencyId, entry, scheduleEntry) || ReportSentLater(file, context, agencyId, entry, scheduleEntry)) continue;
                var name = file.Agencies.TryGetValue(agencyId, out var agency) ? agency.Name : "An invited agency";
                var due = context.Calendar.DueAfterWorkingDays(entry.When, respondWithin);
                yield return new Finding(
                    $"absent:{entry.CauseId()}:{agencyId}",
                    $"{name} was invited to {Describe(meeting.Type)} but neither attended nor sent a report.",
                    $"Chase the report, or record a decision on why they were absent (naming the agency and the meeting), {FindingWords.By(due)}.",
                    due,
                    [entry.Id],
                    chair);
            }
        }
    }

    private static Finding NotInvited(MeetingType type, CaseEntry meeting, Agency agency, DateTimeOffset due, Guid? owner) => new(
        $"invite:{meeting.CauseId()}:{agency.Id}",
        $"{agency.Name}, involved with the family, is not invited to {Describe(type)}.",
        $"Invite them before the meeting, {FindingWords.By(due)}, or record a decision on why not (naming the agency and the meeting).",
        due,
        [meeting.Id],
        owner);

    /// <summary>The agencies invited, or present: by agency, or by the professional's agency. The organiser's and the chair's own agencies are there by definition.</summary>
    private static HashSet<Guid> Invited(CaseFile file, CaseEntry? meeting, Guid? chair, IEnumerable<(Guid? Agency, Guid? Professional)> people)
    {
        var agencies = new HashSet<Guid>();
        if (meeting is not null) agencies.Add(meeting.Entry.RecordedByAgencyId);
        if (file.AgencyOfProfessional(chair) is { } chairs) agencies.Add(chairs.Id);
        foreach (var (agency, professional) in people)
        {
            if (agency is { } a) agencies.Add(a);
            if (file.AgencyOfProfessional(professional) is { } p) agencies.Add(p.Id);
        }
        return agencies;
    }

    /// <summary>
    /// The team's agencies on the day, and the always-expected kinds wherever the family has one among its involvements.
    /// Police are expected at strategy meetings and conferences (the family's police involvement, or the partnership's
    /// police force when it has exactly one), and not at core groups, where the catalogue does not name them.
    /// </summary>
    private static IEnumerable<Agency> Expected(CaseFile file, MeetingType type, DateOnly day)
    {
        var policeToo = type != MeetingType.CoreGroup;
        var expected = file.TeamAgencies(day).Where(id => policeToo || !file.Agencies.TryGetValue(id, out var a) || a.Kind != AgencyKind.Police).ToHashSet();
        foreach (var involvement in file.Involvements.Where(i => i.IsActiveOn(day) && file.People.ContainsKey(i.PersonId)))
            if (file.Agencies.TryGetValue(involvement.AgencyId, out var a) && (AlwaysExpected.Contains(a.Kind) || (policeToo && a.Kind == AgencyKind.Police)))
                expected.Add(a.Id);
        if (policeToo && !expected.Any(id => file.Agencies.TryGetValue(id, out var a) && a.Kind == AgencyKind.Police))
        {
            var forces = file.Agencies.Values.Where(a => a.Kind == AgencyKind.Police).ToList();
            if (forces.Count == 1) expected.Add(forces[0].Id);
        }
        return expected.Where(file.Agencies.ContainsKey).Select(id => file.Agencies[id]).OrderBy(a => a.Id);
    }

    /// <summary>A report sent after the meeting: information shared about it by someone from the agency.</summary>
    private static bool ReportSentLater(CaseFile file, SafeguardContext context, Guid agencyId, CaseEntry held, CaseEntry? schedule)
    {
        var sharesOf = file.Pointing<InformationShared>("shares-by-entry", static s => s.AboutEntryId);
        return SharedBy(sharesOf, held.Id, agencyId, context.Now) || SharedBy(sharesOf, held.Entry.SupersedesEntryId, agencyId, context.Now)
               || (schedule is not null && (SharedBy(sharesOf, schedule.Id, agencyId, context.Now) || SharedBy(sharesOf, schedule.Entry.SupersedesEntryId, agencyId, context.Now)));
    }

    private static bool SharedBy(Dictionary<Guid, List<CaseEntry>> sharesOf, Guid? about, Guid agencyId, DateTimeOffset now)
    {
        if (about is not { } id || !sharesOf.TryGetValue(id, out var shares)) return false;
        foreach (var share in shares)
            if (share.RecordedAt <= now && share.Entry.RecordedByAgencyId == agencyId) return true;
        return false;
    }

    private static string Describe(MeetingType type) => type switch
    {
        MeetingType.StrategyMeeting => "a strategy meeting",
        MeetingType.InitialChildProtectionConference => "an initial child protection conference",
        MeetingType.ReviewChildProtectionConference => "a review child protection conference",
        MeetingType.TransferInConference => "a transfer-in conference",
        _ => "a core group",
    };
}
