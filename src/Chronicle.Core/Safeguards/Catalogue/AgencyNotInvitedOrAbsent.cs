using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-10: a strategy meeting, conference or core group must invite every involved agency (the GP, health visiting or
/// school nursing, and the school or early years setting always, where the family has one; police for strategy
/// meetings and conferences: <see cref="ExpectedAgencies"/>, the rule the schedule form proposes); after it, each
/// invited agency must have attended or sent a report.
/// </summary>
public sealed class AgencyNotInvitedOrAbsent : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "After the meeting, chase the report or record why absent within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

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

    /// <summary>A meeting still to come is judged by the team as it is each day until it is held.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var meetings = MeetingsOf(file);
        var today = context.Now.Day();
        var next = new NextMoment(context.Now);
        foreach (var meeting in meetings.Scheduled)
            if (meeting.DayAt(context.Now) is { } day && day >= today) next.EndOfToday();
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var meetings = MeetingsOf(file);
        return meetings.Scheduled.Length == 0 && meetings.Held.Length == 0 ? [] : Findings(file, meetings, context);
    }

    /// <summary>The agencies expected but not invited to each meeting known by now, then those invited but absent with nothing since to answer it.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, ChildsMeetings meetings, SafeguardContext context)
    {
        var (scheduled, held) = meetings;
        var now = context.Now;
        var today = now.Day();

        foreach (var meeting in scheduled)
        {
            var entry = meeting.Entry;
            if (entry.RecordedAt > now) continue;
            var outcome = FirstKnown(meeting.Outcomes, now);
            // A meeting cancelled (and not held after all) invites no one; a meeting moved is judged on its new day.
            var change = LastKnown(meeting.Changes, now)?.Details as MeetingChanged;
            if (outcome is null && change?.Change == MeetingChange.Cancelled) continue;
            var arrangedFor = change is { Change: MeetingChange.Moved, MovedTo: { } movedTo } ? movedTo : meeting.Details.ScheduledFor;
            // A meeting still to come is judged by the team as it is today.
            var day = arrangedFor.Day() < today ? arrangedFor.Day() : today;
            var uninvited = outcome == meeting.Outcome && day == meeting.Day ? meeting.Uninvited : Uninvited(file, entry, outcome, day);
            foreach (var agency in uninvited)
                if (!Explained(file, agency.Id, now, entry, outcome))
                    yield return NotInvited(meeting.Details.Type, entry, agency, arrangedFor, meeting.Details.ChairProfessionalId ?? entry.Entry.RecordedByProfessionalId);
        }

        Dictionary<Guid, List<CaseEntry>>? sharesOf = null;
        foreach (var meeting in held)
        {
            var entry = meeting.Entry;
            if (entry.RecordedAt > now) continue;
            var schedule = FirstKnown(meeting.Schedules, now);
            var chair = meeting.Details.ChairProfessionalId ?? (schedule is null ? null : ((MeetingScheduled)schedule.Details).ChairProfessionalId) ?? entry.Entry.RecordedByProfessionalId;
            if (schedule is null)
                foreach (var agency in meeting.Unlisted ?? Unlisted(file, entry))
                    if (!Explained(file, agency.Id, now, entry, null))
                        yield return NotInvited(meeting.Details.Type, entry, agency, entry.When, chair);

            foreach (var agencyId in schedule == meeting.Schedule ? meeting.Absent : Absent(file, entry, schedule))
            {
                if (Explained(file, agencyId, now, entry, schedule)) continue;
                if (ReportSentLater(sharesOf ??= file.Pointing<InformationShared>(static s => s.AboutEntryId), agencyId, now, entry, schedule)) continue;
                var name = file.Agencies.TryGetValue(agencyId, out var agency) ? agency.Name : "An invited agency";
                var due = context.Calendar.DueAfterWorkingDays(entry.When, context.Policy.GetInt(Id, RespondWithin));
                yield return new Finding(
                    $"absent:{entry.CauseId()}:{agencyId}",
                    $"{name} was invited to {Describe(meeting.Details.Type)} but neither attended nor sent a report.",
                    $"Chase the report, or record a decision on why they were absent (naming the agency and the meeting), {FindingWords.By(due)}.",
                    due,
                    [entry.Id],
                    chair);
            }
        }
    }

    /// <summary>
    /// A meeting scheduled, the meetings held that name it and its moves and cancellation (each in chronology order),
    /// and, once everything in the file is known, the first of those held, the day it is arranged for and the agencies
    /// expected on that day that neither invited.
    /// </summary>
    private sealed record Scheduled(CaseEntry Entry, MeetingScheduled Details, DateOnly Day, CaseEntry[] Outcomes, CaseEntry? Outcome, Agency[] Uninvited, CaseEntry[] Changes)
    {
        /// <summary>The day the meeting is arranged for as known at <paramref name="now"/>: null once it is cancelled and not held.</summary>
        public DateOnly? DayAt(DateTimeOffset now)
        {
            var change = LastKnown(Changes, now)?.Details as MeetingChanged;
            if (change?.Change == MeetingChange.Cancelled) return FirstKnown(Outcomes, now) is null ? null : Day;
            return change is { Change: MeetingChange.Moved, MovedTo: { } to } ? to.Day() : Details.ScheduledFor.Day();
        }
    }

    /// <summary>
    /// A meeting held, the meetings scheduled that it names (in chronology order), and, once everything in the file is
    /// known, the first of those, the agencies expected but not on its attendance list when there is none (null when
    /// there is one), and the agencies invited that neither attended nor sent a report, by id.
    /// </summary>
    private sealed record Held(CaseEntry Entry, MeetingHeld Details, CaseEntry[] Schedules, CaseEntry? Schedule, Agency[]? Unlisted, Guid[] Absent);

    /// <summary>The strategy meetings, conferences and core groups about the child, scheduled and held, in chronology order.</summary>
    private sealed record ChildsMeetings(Scheduled[] Scheduled, Held[] Held)
    {
        public static readonly ChildsMeetings None = new([], []);
    }

    /// <summary>The child's meetings.</summary>
    private static ChildsMeetings MeetingsOf(CaseFile file)
    {
        var scheduled = new List<CaseEntry>();
        foreach (var entry in file.OfAboutChild<MeetingScheduled>())
            if (ExpectedAgencies.AppliesTo(((MeetingScheduled)entry.Details).Type)) scheduled.Add(entry);
        var changes = file.OfAboutChild<MeetingChanged>();
        var held = new List<CaseEntry>();
        foreach (var entry in file.OfAboutChild<MeetingHeld>())
            if (ExpectedAgencies.AppliesTo(((MeetingHeld)entry.Details).Type)) held.Add(entry);
        if (scheduled.Count == 0 && held.Count == 0) return ChildsMeetings.None;

        var schedules = new Scheduled[scheduled.Count];
        for (var i = 0; i < schedules.Length; i++)
        {
            var entry = scheduled[i];
            var meeting = (MeetingScheduled)entry.Details;
            CaseEntry[] outcomes = [.. held.Where(h => entry.IsReferencedBy(((MeetingHeld)h.Details).ScheduledEntryId))];
            var outcome = outcomes.Length == 0 ? null : outcomes[0];
            CaseEntry[] moves = [.. changes.Where(c => entry.IsReferencedBy(((MeetingChanged)c.Details).ScheduledEntryId))];
            var day = (moves.Length > 0 && moves[^1].Details is MeetingChanged { Change: MeetingChange.Moved, MovedTo: { } to } ? to : meeting.ScheduledFor).Day();
            schedules[i] = new Scheduled(entry, meeting, day, outcomes, outcome, Uninvited(file, entry, outcome, day), moves);
        }
        var meetings = new Held[held.Count];
        for (var i = 0; i < meetings.Length; i++)
        {
            var entry = held[i];
            var meeting = (MeetingHeld)entry.Details;
            CaseEntry[] named = [.. scheduled.Where(s => s.IsReferencedBy(meeting.ScheduledEntryId))];
            var schedule = named.Length == 0 ? null : named[0];
            meetings[i] = new Held(entry, meeting, named, schedule, schedule is null ? Unlisted(file, entry) : null, Absent(file, entry, schedule));
        }
        return new ChildsMeetings(schedules, meetings);
    }

    /// <summary>The last of the entries recorded by now.</summary>
    private static CaseEntry? LastKnown(CaseEntry[] entries, DateTimeOffset now)
    {
        for (var i = entries.Length - 1; i >= 0; i--)
            if (entries[i].RecordedAt <= now) return entries[i];
        return null;
    }

    /// <summary>The first of the entries recorded by now.</summary>
    private static CaseEntry? FirstKnown(CaseEntry[] entries, DateTimeOffset now)
    {
        foreach (var entry in entries)
            if (entry.RecordedAt <= now) return entry;
        return null;
    }

    /// <summary>The agencies expected at a scheduled meeting on the day that neither its invitations nor the attendance list of the meeting held name, by id.</summary>
    private static Agency[] Uninvited(CaseFile file, CaseEntry scheduled, CaseEntry? outcome, DateOnly day)
    {
        var meeting = (MeetingScheduled)scheduled.Details;
        var invited = Invited(file, scheduled, meeting.ChairProfessionalId, meeting.Invited.Select(i => (i.AgencyId, i.ProfessionalId)));
        if (outcome?.Details is MeetingHeld held)
            invited.UnionWith(Invited(file, outcome, held.ChairProfessionalId,
                held.Attendance.Where(a => a.Invited || a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId))));
        return [.. ExpectedAgencies.Of(file, meeting.Type, day).Where(a => !invited.Contains(a.Id))];
    }

    /// <summary>For a meeting held with no invitations on record, the agencies expected that its attendance list (which is then the invitation list) leaves out, by id.</summary>
    private static Agency[] Unlisted(CaseFile file, CaseEntry held)
    {
        var meeting = (MeetingHeld)held.Details;
        var listed = Invited(file, held, meeting.ChairProfessionalId, meeting.Attendance.Where(a => a.Invited || a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId)));
        return [.. ExpectedAgencies.Of(file, meeting.Type, held.Day()).Where(a => !listed.Contains(a.Id))];
    }

    /// <summary>The agencies invited to a meeting held (by its schedule, or on its attendance list) that neither attended nor sent a report, by id.</summary>
    private static Guid[] Absent(CaseFile file, CaseEntry held, CaseEntry? schedule)
    {
        var meeting = (MeetingHeld)held.Details;
        var present = Invited(file, held, meeting.ChairProfessionalId,
            meeting.Attendance.Where(a => a.Attended || a.ReportSent).Select(a => (a.AgencyId, a.ProfessionalId)));
        var invited = new HashSet<Guid>();
        if (schedule?.Details is MeetingScheduled scheduled)
            invited.UnionWith(Invited(file, null, null, scheduled.Invited.Select(i => (i.AgencyId, i.ProfessionalId))));
        invited.UnionWith(Invited(file, null, null, meeting.Attendance.Where(a => a.Invited).Select(a => (a.AgencyId, a.ProfessionalId))));
        return [.. invited.Where(a => !present.Contains(a)).Order()];
    }

    /// <summary>A decision recorded by now naming the agency and the meeting (or the other meeting, scheduled or held, of the pair): why it was not invited, or was absent.</summary>
    private static bool Explained(CaseFile file, Guid agencyId, DateTimeOffset now, CaseEntry meeting, CaseEntry? other) =>
        DecidedAbout(file, agencyId, now, meeting) || (other is not null && DecidedAbout(file, agencyId, now, other));

    private static bool DecidedAbout(CaseFile file, Guid agencyId, DateTimeOffset now, CaseEntry meeting) =>
        file.KnownDecisionsAbout(meeting, now).Any(d => ((DecisionRecorded)d.Details).AboutAgencyId == agencyId);

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

    /// <summary>A report sent after the meeting: information shared about it by someone from the agency.</summary>
    private static bool ReportSentLater(Dictionary<Guid, List<CaseEntry>> sharesOf, Guid agencyId, DateTimeOffset now, CaseEntry held, CaseEntry? schedule) =>
        SharedBy(sharesOf, held.Id, agencyId, now) || SharedBy(sharesOf, held.Entry.SupersedesEntryId, agencyId, now)
        || (schedule is not null && (SharedBy(sharesOf, schedule.Id, agencyId, now) || SharedBy(sharesOf, schedule.Entry.SupersedesEntryId, agencyId, now)));

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
