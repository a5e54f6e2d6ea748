using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Meetings;

/// <summary>
/// Someone the team suggests inviting, and why; <see cref="Expected"/> marks those the meeting must not go without.
/// <see cref="SentNothing"/> says why Chronicle will send an agency proposed by name nothing of the meeting, when no
/// one at it may open the child (a brother's or sister's health visitor): the invitation is then the inviter's to send.
/// </summary>
public sealed record ProposedInvitee(Guid? ProfessionalId, string Name, Guid AgencyId, string AgencyName, AgencyKind AgencyKind, string Because, bool Expected, string? SentNothing = null);

/// <summary>Someone to invite; <see cref="InvitedByProfessionalId"/> is who invites them (asked of a signed-in user: the meeting's chair, organiser or the lead social worker).</summary>
public sealed record InviteeInput(Guid? ProfessionalId = null, Guid? AgencyId = null, string? Name = null, Guid? InvitedByProfessionalId = null);

/// <summary>Why a proposed professional or agency is not being invited.</summary>
public sealed record NotInvitedInput(Guid? ProfessionalId, Guid? AgencyId, string? Reason);

public sealed record ScheduleMeetingInput
{
    public Guid? ChildId { get; init; }
    public MeetingType? Type { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public Guid? ChairProfessionalId { get; init; }
    public Guid? OrganiserProfessionalId { get; init; }
    public IReadOnlyList<InviteeInput> Invitees { get; init; } = [];
    public IReadOnlyList<NotInvitedInput> NotInvited { get; init; } = [];
}

/// <summary>An invitee's reply; <see cref="RecordedByProfessionalId"/> is who records it (asked of a signed-in user: their own, or anyone's for the chair and organiser).</summary>
public sealed record ReplyInput(MeetingReply? Reply, string? ApologyReason = null, Guid? RecordedByProfessionalId = null);

/// <summary>A meeting moved to <see cref="ScheduledFor"/>, and why; <see cref="ByProfessionalId"/> is who moves it (the chair, the organiser or the lead social worker).</summary>
public sealed record MoveMeetingInput(DateTimeOffset? ScheduledFor, string? Reason, Guid? ByProfessionalId = null);

/// <summary>A meeting cancelled, and why; <see cref="ByProfessionalId"/> is who cancels it (the chair, the organiser or the lead social worker).</summary>
public sealed record CancelMeetingInput(string? Reason, Guid? ByProfessionalId = null);

/// <summary>Whether an invitee (by <see cref="InviteeId"/>) or someone uninvited came, and whether they sent a report.</summary>
public sealed record AttendanceInput(Guid? InviteeId = null, Guid? ProfessionalId = null, Guid? AgencyId = null, string? Name = null, bool Attended = true, bool ReportSent = false, string? ApologyReason = null);

/// <summary>The record of a meeting held: attendance, decisions, actions and, for a core group or CIN review, the plan's progress.</summary>
public sealed record MeetingRecordInput
{
    public Guid? RecordedByProfessionalId { get; init; }
    public DateTimeOffset? HeldAt { get; init; }
    public IReadOnlyList<AttendanceInput> Attendance { get; init; } = [];
    public ConferenceDecision? Decision { get; init; }
    public IReadOnlyList<string> Decisions { get; init; } = [];
    public IReadOnlyList<ActionInput> Actions { get; init; } = [];
    public IReadOnlyList<ItemProgressInput>? PlanProgress { get; init; }
    public string? PlanReviewSummary { get; init; }
    public string? DelayReason { get; init; }
    public string? Narrative { get; init; }
}

public sealed record InviteeView(MeetingInvitee Invitee, string Name, string? AgencyName, AgencyKind? AgencyKind);

/// <summary>
/// What the chair needs to see: who was proposed but not invited, has not replied, or has sent no report; only those
/// who may act count as outstanding. Those invited who may no longer open the child (they are sent nothing of the
/// meeting) are listed apart, in <see cref="CannotOpen"/>.
/// </summary>
public sealed record ChairView(
    Meeting Meeting,
    string ChildName,
    IReadOnlyList<InviteeView> Invitees,
    IReadOnlyList<InviteeView> NotInvited,
    IReadOnlyList<InviteeView> NoReply,
    IReadOnlyList<InviteeView> NoReport,
    IReadOnlyList<InviteeView> AbsentWithoutReport,
    IReadOnlyList<string> MissingMinimumMembership,
    IReadOnlyList<InviteeView> CannotOpen)
{
    /// <summary>
    /// Agencies invited without a named professional at which no one may open the child: Chronicle sends them nothing
    /// of the meeting (an invitation never gives anyone the child's record), so the invitation is the organiser's to
    /// send. They are still chased for a reply and a report.
    /// </summary>
    public IReadOnlyList<InviteeView> NotSentByChronicle { get; init; } = [];
}

/// <summary>
/// Strategy discussions, conferences, core groups, CIN reviews, MARACs and professionals' meetings: invitees
/// proposed from the team around the child, invitations recorded (meeting-scheduled), replies and reports, and
/// the record of the meeting (meeting-held), which goes to every invitee to acknowledge.
/// </summary>
public sealed class MeetingService(ChronicleDb db, ChronologyService chronology, TimeProvider clock)
{
    private static readonly AgencyKind[] Health =
        [AgencyKind.GeneralPractice, AgencyKind.HealthVisiting, AgencyKind.SchoolNursing, AgencyKind.Midwifery, AgencyKind.Hospital, AgencyKind.CommunityPaediatrics];

    public static bool PoliceExpected(MeetingType type) =>
        type is MeetingType.StrategyMeeting or MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference
            or MeetingType.TransferInConference or MeetingType.Marac;

    /// <summary>CP-05: a strategy discussion needs, as a minimum, children's social care, health and police. Returns what is missing.</summary>
    public static IReadOnlyList<string> MissingMinimumMembership(MeetingType type, IEnumerable<AgencyKind> present)
    {
        if (type != MeetingType.StrategyMeeting) return [];
        var kinds = present.ToHashSet();
        var missing = new List<string>();
        if (!kinds.Contains(AgencyKind.ChildrensSocialCare)) missing.Add("children's social care");
        if (!kinds.Overlaps(Health)) missing.Add("health");
        if (!kinds.Contains(AgencyKind.Police)) missing.Add("police");
        return missing;
    }

    /// <summary>
    /// Everyone in the team around the child, those always expected marked so; for a strategy discussion, conference
    /// or core group, every other agency SG-10 expects (<see cref="ExpectedAgencies"/>: a brother's health visitor, a
    /// sister's school), so that inviting what is proposed leaves no agency of the family out; police for strategy
    /// discussions and conferences; and for a strategy discussion, agencies to make up its minimum membership where
    /// the team has none.
    /// </summary>
    public async Task<IReadOnlyList<ProposedInvitee>> ProposeInviteesAsync(Guid partnershipId, Guid childId, MeetingType type, CancellationToken ct = default)
    {
        if (!await db.People.AnyAsync(p => p.Id == childId && p.PartnershipId == partnershipId, ct)) return [];
        var today = Today;
        var team = await ChildTeam.LoadAsync(db, childId, today, ct);
        if (team is null) return [];
        var proposals = team.Members.Select(m => new ProposedInvitee(m.ProfessionalId, m.Name, m.AgencyId, m.AgencyName, m.AgencyKind, Because(m, childId),
            ExpectedAgencies.AlwaysExpected(m.AgencyKind) || (PoliceExpected(type) && m.AgencyKind == AgencyKind.Police) || (type == MeetingType.StrategyMeeting && IsMinimum(m.AgencyKind)))).ToList();
        // Each agency the rule expects is proposed by name, not through a professional, who may not be able to open the
        // child (a sibling's health visitor): inviting the agency is what the rule asks.
        if (ExpectedAgencies.AppliesTo(type) && await CaseFileLoader.LoadAsync(db, childId, clock.GetUtcNow(), ct) is { } file)
            foreach (var expected in ExpectedAgencies.WithReasons(file, type, today))
                if (!proposals.Any(p => p.AgencyId == expected.Agency.Id))
                    proposals.Add(new ProposedInvitee(null, expected.Agency.Name, expected.Agency.Id, expected.Agency.Name, expected.Agency.Kind, Because(file, expected, type, today), true));

        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.Name).ToListAsync(ct);
        // A partnership may hold agencies of several areas (a police force for each): propose those of the team's own
        // area where there are any, not every one in the partnership.
        var areas = agencies.Where(a => team.Members.Any(m => m.AgencyId == a.Id) && !string.IsNullOrWhiteSpace(a.Area)).Select(a => a.Area!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        void AddAgencies(Func<AgencyKind, bool> kind, string because)
        {
            if (proposals.Any(p => kind(p.AgencyKind))) return;
            var candidates = agencies.Where(a => kind(a.Kind)).ToList();
            var local = candidates.Where(a => a.Area is { } area && areas.Contains(area)).ToList();
            proposals.AddRange((local.Count > 0 ? local : candidates).Select(a => new ProposedInvitee(null, a.Name, a.Id, a.Name, a.Kind, because, true)));
        }
        if (PoliceExpected(type)) AddAgencies(k => k == AgencyKind.Police, $"Police are expected at {WithArticle(type)}");
        if (type == MeetingType.StrategyMeeting)
        {
            AddAgencies(k => k == AgencyKind.ChildrensSocialCare, "A strategy discussion needs children's social care");
            AddAgencies(k => Health.Contains(k), "A strategy discussion needs health");
        }
        var reached = team.Members.Where(m => m.ProfessionalId is not null).Select(m => m.AgencyId).ToHashSet();
        var child = (await db.People.AsNoTracking().FirstAsync(x => x.Id == childId, ct)).DisplayName;
        for (var i = 0; i < proposals.Count; i++)
            if (proposals[i].ProfessionalId is null && !reached.Contains(proposals[i].AgencyId))
                proposals[i] = proposals[i] with { SentNothing = SentNothing(proposals[i].AgencyName, child) };
        return [.. proposals.OrderByDescending(p => p.Expected).ThenBy(p => p.AgencyName, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    public Task<Outcome<Meeting>> ScheduleAsync(Guid partnershipId, ScheduleMeetingInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => ScheduleInTransactionAsync(partnershipId, input, ct), ct);

    private async Task<Outcome<Meeting>> ScheduleInTransactionAsync(Guid partnershipId, ScheduleMeetingInput input, CancellationToken ct)
    {
        var p = new Problems();
        p.Required("childId", input.ChildId, "Select the child the meeting is about");
        p.Required("type", input.Type, "Select the kind of meeting");
        p.Required("scheduledFor", input.ScheduledFor, "Enter the date and time of the meeting");
        p.Required("organiserProfessionalId", input.OrganiserProfessionalId, "Select who is arranging the meeting");
        if (input.ChildId is { } childId && !await db.People.AnyAsync(x => x.Id == childId && x.PartnershipId == partnershipId && x.Kind != PersonKind.Adult, ct))
            p.Add("childId", "No such child in this partnership");
        var professionals = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId).ToDictionaryAsync(x => x.Id, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(x => x.PartnershipId == partnershipId).ToDictionaryAsync(x => x.Id, ct);
        if (input.OrganiserProfessionalId is { } organiser && !professionals.ContainsKey(organiser)) p.Add("organiserProfessionalId", "No such professional in this partnership");
        if (input.ChairProfessionalId is { } chair && !professionals.ContainsKey(chair)) p.Add("chairProfessionalId", "No such professional in this partnership");
        if (input.Invitees.Count == 0) p.Add("invitees", "Invite at least one professional or agency");
        for (var i = 0; i < input.Invitees.Count; i++)
        {
            var invitee = input.Invitees[i];
            if (invitee.ProfessionalId is null && invitee.AgencyId is null && string.IsNullOrWhiteSpace(invitee.Name)) p.Add($"invitees[{i}]", "Name the professional or agency invited");
            if (invitee.ProfessionalId is { } x && !professionals.ContainsKey(x)) p.Add($"invitees[{i}].professionalId", "No such professional in this partnership");
            if (invitee.AgencyId is { } a && !agencies.ContainsKey(a)) p.Add($"invitees[{i}].agencyId", "No such agency in this partnership");
        }
        if (input.ChildId is { } about && !p.Any && chronology.AsksTheWriter)
            await RequireMayBeSentAsync(p, partnershipId, about,
                [(input.ChairProfessionalId, "chairProfessionalId"), .. input.Invitees.Select((x, i) => (x.ProfessionalId, $"invitees[{i}].professionalId"))], ct);
        for (var i = 0; i < input.NotInvited.Count; i++)
            p.For($"notInvited[{i}]").Required("reason", input.NotInvited[i].Reason, "Enter why they are not being invited");
        if (input.Type is { } type && !p.Any)
        {
            var kinds = input.Invitees.Select(x => x.ProfessionalId is { } id ? agencies[professionals[id].AgencyId].Kind : x.AgencyId is { } a ? agencies[a].Kind : (AgencyKind?)null).OfType<AgencyKind>();
            if (MissingMinimumMembership(type, kinds) is { Count: > 0 } missing)
                p.Add("invitees", $"Invite {Join(missing)}: a strategy discussion needs children's social care, health and police as a minimum");
        }
        if (p.Any) return Outcome<Meeting>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        var meeting = new Meeting
        {
            Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, ChildPersonId = input.ChildId!.Value, Type = input.Type!.Value, ScheduledFor = input.ScheduledFor!.Value,
            ChairProfessionalId = input.ChairProfessionalId, OrganiserProfessionalId = input.OrganiserProfessionalId!.Value, Status = MeetingStatus.Scheduled, CreatedAt = now,
        };
        var proposals = await ProposeInviteesAsync(partnershipId, meeting.ChildPersonId, meeting.Type, ct);
        var invited = input.Invitees.Distinct().ToList();
        bool IsInvited(ProposedInvitee x) => x.ProfessionalId is { } id
            ? invited.Any(i => i.ProfessionalId == id)
            : invited.Any(i => i.AgencyId == x.AgencyId || (i.ProfessionalId is { } pid && professionals[pid].AgencyId == x.AgencyId));
        foreach (var proposal in proposals)
        {
            var reason = input.NotInvited.FirstOrDefault(n => n.ProfessionalId is { } id ? id == proposal.ProfessionalId : proposal.ProfessionalId is null && n.AgencyId == proposal.AgencyId)?.Reason?.Trim();
            var isInvited = IsInvited(proposal);
            // An agency proposed for want of a named contact is satisfied by inviting someone from it: that invitee's row records it.
            if (isInvited && proposal.ProfessionalId is null && !invited.Any(i => i.ProfessionalId is null && i.AgencyId == proposal.AgencyId)) continue;
            meeting.Invitees.Add(new MeetingInvitee
            {
                Id = Guid.CreateVersion7(now), MeetingId = meeting.Id, ProfessionalId = proposal.ProfessionalId, AgencyId = proposal.AgencyId,
                ProposedBecause = proposal.Because, Proposed = true, Expected = proposal.Expected, Invited = isInvited, InvitedAt = isInvited ? now : null,
                NotInvitedReason = isInvited ? null : reason,
            });
        }
        foreach (var invitee in invited.Where(i => !meeting.Invitees.Any(m => Matches(m, i))))
        {
            var agencyId = invitee.ProfessionalId is { } id ? professionals[id].AgencyId : invitee.AgencyId;
            var expected = proposals.FirstOrDefault(x => x.ProfessionalId is null && x.AgencyId == agencyId);
            meeting.Invitees.Add(new MeetingInvitee
            {
                Id = Guid.CreateVersion7(now), MeetingId = meeting.Id, ProfessionalId = invitee.ProfessionalId, AgencyId = agencyId, Name = invitee.Name?.Trim(),
                Proposed = expected is not null, ProposedBecause = expected?.Because, Expected = expected?.Expected ?? false, Invited = true, InvitedAt = now,
            });
        }
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var details = new MeetingScheduled
        {
            Type = meeting.Type, ScheduledFor = meeting.ScheduledFor, ChairProfessionalId = meeting.ChairProfessionalId,
            Invited = [.. meeting.Invitees.Where(i => i.Invited).Select(i => new Invitation { ProfessionalId = i.ProfessionalId, AgencyId = i.AgencyId, Name = i.Name })],
        };
        var entry = await chronology.RecordAsync(partnershipId, Recording.Input(details, meeting.OrganiserProfessionalId, [meeting.ChildPersonId], now, null), ct);
        if (!entry.Succeeded) return Outcome<Meeting>.Refused(entry.Errors);
        await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ScheduledEntryId, entry.Value!.Id), ct);
        meeting.ScheduledEntryId = entry.Value!.Id;
        return Outcome<Meeting>.Ok(meeting);
    }

    /// <summary>Invites someone after the meeting was arranged (a proposed invitee the chair found missing, for example).</summary>
    public async Task<Outcome<MeetingInvitee>> InviteAsync(Guid partnershipId, Guid meetingId, InviteeInput input, CancellationToken ct = default)
    {
        var meeting = await ScheduledMeetingAsync(partnershipId, meetingId, ct);
        if (!meeting.Succeeded) return Outcome<MeetingInvitee>.Refused(meeting.Errors);
        // Who is invited is the business of those who run the meeting, as recording it is: an invitee replies.
        if (chronology.AsksTheWriter && (input.InvitedByProfessionalId is not { } by || !await MayRecordHeldAsync(meeting.Value!, by, ct)))
            return Outcome<MeetingInvitee>.Refused("invitedByProfessionalId", "Only the meeting's chair, the person who arranged it or the child's lead social worker may invite someone to it");
        if (input.ProfessionalId is null && input.AgencyId is null && string.IsNullOrWhiteSpace(input.Name))
            return Outcome<MeetingInvitee>.Refused("professionalId", "Name the professional or agency to invite");
        Guid? agencyId = input.AgencyId;
        if (input.ProfessionalId is { } pid)
        {
            agencyId = await db.Professionals.Where(x => x.Id == pid && x.PartnershipId == partnershipId).Select(x => (Guid?)x.AgencyId).FirstOrDefaultAsync(ct);
            if (agencyId is null) return Outcome<MeetingInvitee>.Refused("professionalId", "No such professional in this partnership");
        }
        else if (agencyId is { } aid && !await db.Agencies.AnyAsync(a => a.Id == aid && a.PartnershipId == partnershipId, ct))
            return Outcome<MeetingInvitee>.Refused("agencyId", "No such agency in this partnership");
        var p = new Problems();
        if (chronology.AsksTheWriter) await RequireMayBeSentAsync(p, partnershipId, meeting.Value!.ChildPersonId, [(input.ProfessionalId, "professionalId")], ct);
        if (p.Any) return Outcome<MeetingInvitee>.Refused(p.Errors);
        var now = clock.GetUtcNow();
        var invitee = meeting.Value!.Invitees.FirstOrDefault(i => Matches(i, input));
        if (invitee is null)
        {
            invitee = new MeetingInvitee { Id = Guid.CreateVersion7(now), MeetingId = meetingId, ProfessionalId = input.ProfessionalId, AgencyId = agencyId, Name = input.Name?.Trim() };
            db.MeetingInvitees.Add(invitee);
        }
        if (invitee.Invited) return Outcome<MeetingInvitee>.Refused("professionalId", "They have already been invited");
        invitee.Invited = true;
        invitee.InvitedAt = now;
        invitee.NotInvitedReason = null;
        await db.SaveChangesAsync(ct);
        return Outcome<MeetingInvitee>.Ok(invitee);
    }

    public async Task<Outcome<MeetingInvitee>> RecordReplyAsync(Guid partnershipId, Guid meetingId, Guid inviteeId, ReplyInput input, CancellationToken ct = default)
    {
        var (invitee, problem) = await InvitedAsync(partnershipId, meetingId, inviteeId, ct);
        problem ??= await NotTheirsAsync(invitee!, input.RecordedByProfessionalId, "reply", ct);
        if (problem is not null) return Outcome<MeetingInvitee>.Refused([problem]);
        var p = new Problems();
        p.Required("reply", input.Reply, "Select whether they will attend");
        if (input.Reply == MeetingReply.NotAttending) p.Required("apologyReason", input.ApologyReason, "Enter why they cannot attend, and whether they will send a report");
        if (p.Any) return Outcome<MeetingInvitee>.Refused(p.Errors);
        invitee!.Reply = input.Reply;
        invitee.RepliedAt = clock.GetUtcNow();
        invitee.ApologyReason = input.Reply == MeetingReply.NotAttending ? input.ApologyReason!.Trim() : null;
        await db.SaveChangesAsync(ct);
        return Outcome<MeetingInvitee>.Ok(invitee);
    }

    /// <summary>An invitee's report received, recorded by <paramref name="recordedByProfessionalId"/> (asked as for a reply).</summary>
    public async Task<Outcome<MeetingInvitee>> RecordReportReceivedAsync(Guid partnershipId, Guid meetingId, Guid inviteeId, Guid? recordedByProfessionalId = null, CancellationToken ct = default)
    {
        var (invitee, problem) = await InvitedAsync(partnershipId, meetingId, inviteeId, ct);
        problem ??= await NotTheirsAsync(invitee!, recordedByProfessionalId, "report", ct);
        if (problem is not null) return Outcome<MeetingInvitee>.Refused([problem]);
        invitee!.ReportReceivedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<MeetingInvitee>.Ok(invitee);
    }

    /// <summary>
    /// Records the meeting as held (a meeting-held entry, shared with every invitee to acknowledge). Not before the day
    /// it is scheduled for, nor as held before that day; by a signed-in user only if they may record it
    /// (<see cref="MayRecordHeldAsync"/>). Everyone invited must be accounted for; every action needs an owner and a due
    /// date; a core group or CIN review of a child on a plan must give every item's progress, which is recorded as a
    /// plan-reviewed entry.
    /// </summary>
    public Task<Outcome<Meeting>> RecordHeldAsync(Guid partnershipId, Guid meetingId, MeetingRecordInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => RecordHeldInTransactionAsync(partnershipId, meetingId, input, ct), ct);

    private async Task<Outcome<Meeting>> RecordHeldInTransactionAsync(Guid partnershipId, Guid meetingId, MeetingRecordInput input, CancellationToken ct)
    {
        var found = await ScheduledMeetingAsync(partnershipId, meetingId, ct);
        if (!found.Succeeded) return Outcome<Meeting>.Refused(found.Errors);
        var meeting = found.Value!;
        var p = new Problems();
        p.Required("recordedByProfessionalId", input.RecordedByProfessionalId, "Select who is recording the meeting");
        var names = await InviteeNamesAsync(partnershipId, meeting, ct);
        // A replay records the meeting as it was recorded, by whoever recorded it; a signed-in user records it only as one who runs it.
        if (input.RecordedByProfessionalId is { } by && chronology.AsksTheWriter && !await MayRecordHeldAsync(meeting, by, ct))
            p.Add("recordedByProfessionalId", $"Only the meeting's chair, the person who arranged it or {names.Person(meeting.ChildPersonId)}'s lead social worker may record it as held");
        if (HeldTooEarly(meeting, input.HeldAt) is { } early) p.Add("heldAt", early);
        if (p.Any) return Outcome<Meeting>.Refused(p.Errors);
        foreach (var invitee in meeting.Invitees.Where(i => i.Invited))
            if (!input.Attendance.Any(a => a.InviteeId == invitee.Id)) p.Add("attendance", $"Record whether {NameOf(invitee, names)} attended");
        for (var i = 0; i < input.Attendance.Count; i++)
        {
            var a = input.Attendance[i];
            if (a.InviteeId is { } id && !meeting.Invitees.Any(x => x.Id == id)) p.Add($"attendance[{i}].inviteeId", "They were not proposed for or invited to this meeting");
            if (a.InviteeId is null && a.ProfessionalId is null && a.AgencyId is null && string.IsNullOrWhiteSpace(a.Name)) p.Add($"attendance[{i}]", "Name the professional or agency");
        }
        for (var i = 0; i < input.Actions.Count; i++)
        {
            var f = p.For($"actions[{i}]");
            f.Required("description", input.Actions[i].Description, $"Enter action {i + 1}");
            f.Required("ownerProfessionalId", input.Actions[i].OwnerProfessionalId, $"Select who owns action {i + 1}");
            f.Required("due", input.Actions[i].Due, $"Enter when action {i + 1} is due");
        }
        if (meeting.Type is MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference or MeetingType.TransferInConference)
            p.Required("decision", input.Decision, "Select the conference's decision");
        var plans = new PlanService(db, chronology, clock);
        var planTypes = meeting.Type switch
        {
            MeetingType.CoreGroup => [PlanType.ChildProtection],
            MeetingType.ChildInNeedReview => [PlanType.ChildInNeed],
            _ => Array.Empty<PlanType>(),
        };
        var plan = planTypes.Length > 0 ? await plans.ActivePlanForChildAsync(partnershipId, meeting.ChildPersonId, planTypes, ct) : null;
        if (plan is not null) PlanService.CheckProgress(plan.Plan, input.PlanProgress ?? [], p.For("planProgress"));
        if (p.Any) return Outcome<Meeting>.Refused(p.Errors);

        var recorder = input.RecordedByProfessionalId!.Value;
        var heldAt = input.HeldAt ?? clock.GetUtcNow();
        if (plan is not null)
        {
            var review = await plans.ReviewAsync(partnershipId, new PlanReviewInput(plan.Entry.Id, recorder, input.PlanProgress, input.PlanReviewSummary), ct);
            if (!review.Succeeded) return Outcome<Meeting>.Refused([.. review.Errors.Select(e => e with { Field = "planProgress." + e.Field })]);
        }
        var byInvitee = input.Attendance.Where(a => a.InviteeId is not null).ToDictionary(a => a.InviteeId!.Value);
        var attendance = meeting.Invitees.Where(i => i.Invited || byInvitee.ContainsKey(i.Id)).Select(i =>
        {
            var a = byInvitee.GetValueOrDefault(i.Id);
            return new Attendance
            {
                ProfessionalId = i.ProfessionalId, AgencyId = i.AgencyId, Name = i.Name, Invited = i.Invited, Attended = a?.Attended ?? false,
                ReportSent = i.ReportReceivedAt is not null || a?.ReportSent == true, ApologyReason = a?.ApologyReason ?? i.ApologyReason,
            };
        }).Concat(input.Attendance.Where(a => a.InviteeId is null).Select(a => new Attendance
        {
            ProfessionalId = a.ProfessionalId, AgencyId = a.AgencyId, Name = a.Name, Invited = false, Attended = a.Attended, ReportSent = a.ReportSent, ApologyReason = a.ApologyReason,
        })).ToList();
        var details = new MeetingHeld
        {
            Type = meeting.Type, ScheduledEntryId = meeting.ScheduledEntryId, ChairProfessionalId = meeting.ChairProfessionalId, Attendance = attendance,
            Decision = input.Decision, Decisions = [.. input.Decisions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim())],
            Actions = [.. input.Actions.Select(a => new ActionItem { Description = a.Description!.Trim(), OwnerProfessionalId = a.OwnerProfessionalId, Due = a.Due })],
            PlanReviewed = planTypes.Length == 0 ? null : plan is not null,
            DelayReason = string.IsNullOrWhiteSpace(input.DelayReason) ? null : input.DelayReason.Trim(),
        };
        var entry = await chronology.RecordAsync(partnershipId,
            Recording.Input(details, recorder, [meeting.ChildPersonId], heldAt, null, Significance.Significant, SharingLevel.Team, input.Narrative), ct);
        if (!entry.Succeeded) return Outcome<Meeting>.Refused(entry.Errors);

        var now = clock.GetUtcNow();
        var tracked = await db.Meetings.Include(m => m.Invitees).FirstAsync(m => m.Id == meetingId, ct);
        // The write stands only if the meeting is still as it was when it was checked: a record that won meanwhile
        // (committed while this one waited for the audit chain) makes this one a conflict, not an overwrite.
        db.Entry(tracked).Property(m => m.Status).OriginalValue = meeting.Status;
        foreach (var invitee in tracked.Invitees)
        {
            if (!byInvitee.TryGetValue(invitee.Id, out var a)) continue;
            invitee.Attended = a.Attended;
            if (a.ReportSent) invitee.ReportReceivedAt ??= now;
            if (!string.IsNullOrWhiteSpace(a.ApologyReason)) invitee.ApologyReason = a.ApologyReason.Trim();
        }
        tracked.Status = MeetingStatus.Held;
        tracked.HeldEntryId = entry.Value!.Id;
        tracked.HeldAt = heldAt;
        await db.SaveChangesAsync(ct);
        return Outcome<Meeting>.Ok(tracked);
    }

    /// <summary>
    /// Moves a meeting not yet held to a new date and time (today or later), with a reason: a meeting-changed entry, shared
    /// with every invitee as the invitation was, and the change kept in the meeting's history. The replies given for the
    /// old date no longer stand: each invitee is asked again. Only those who run the meeting move it (<see cref="MayRecordHeldAsync"/>).
    /// </summary>
    public Task<Outcome<Meeting>> MoveAsync(Guid partnershipId, Guid meetingId, MoveMeetingInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => ChangeInTransactionAsync(partnershipId, meetingId, MeetingChange.Moved, input.ScheduledFor, input.Reason, input.ByProfessionalId, ct), ct);

    /// <summary>
    /// Cancels a meeting not yet held, with a reason: a meeting-changed entry, shared with every invitee as the
    /// invitation was. A cancelled meeting leaves the work trays and counts as not held. Only those who run the meeting
    /// cancel it (<see cref="MayRecordHeldAsync"/>).
    /// </summary>
    public Task<Outcome<Meeting>> CancelAsync(Guid partnershipId, Guid meetingId, CancelMeetingInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => ChangeInTransactionAsync(partnershipId, meetingId, MeetingChange.Cancelled, null, input.Reason, input.ByProfessionalId, ct), ct);

    private async Task<Outcome<Meeting>> ChangeInTransactionAsync(Guid partnershipId, Guid meetingId, MeetingChange change, DateTimeOffset? to, string? reason, Guid? by, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Invitees).FirstOrDefaultAsync(m => m.Id == meetingId && m.PartnershipId == partnershipId, ct);
        if (meeting is null) return Outcome<Meeting>.Refused("meetingId", "There is no such meeting");
        var cancelling = change == MeetingChange.Cancelled;
        if (meeting.Status == MeetingStatus.Held)
            return Outcome<Meeting>.Refused("meetingId", $"This meeting is recorded as held: it can no longer be {(cancelling ? "cancelled" : "moved")}");
        if (meeting.Status == MeetingStatus.Cancelled)
            return Outcome<Meeting>.Refused("meetingId", cancelling ? "This meeting is already cancelled" : "This meeting was cancelled: it can no longer be moved");
        var p = new Problems();
        if (cancelling) p.Required("reason", reason, "Enter why the meeting is cancelled");
        else
        {
            p.Required("scheduledFor", to, "Enter the new date and time of the meeting");
            // A meeting that met earlier than arranged moves to the day it met, to be recorded held on it; never to a day
            // before it was arranged, when it could not have met.
            if (to is { } when && WorkingDayCalendar.UkDate(when) < WorkingDayCalendar.UkDate(meeting.CreatedAt))
                p.Add("scheduledFor", $"The new date of the meeting cannot be before it was arranged, on {Safeguards.TimelinessFacts.Describe(WorkingDayCalendar.UkDate(meeting.CreatedAt))}");
            else if (to is { } same && same == meeting.ScheduledFor) p.Add("scheduledFor", "Enter a date or time different from the one the meeting is arranged for");
            p.Required("reason", reason, "Enter why the meeting is moved");
        }
        if (by is not { } me) p.Add("byProfessionalId", $"Select who is {(cancelling ? "cancelling" : "moving")} the meeting");
        else if (chronology.AsksTheWriter && !await MayRecordHeldAsync(meeting, me, ct))
            p.Add("byProfessionalId", $"Only the meeting's chair, the person who arranged it or the child's lead social worker may {(cancelling ? "cancel" : "move")} it");
        if (p.Any) return Outcome<Meeting>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        var details = new MeetingChanged
        {
            Type = meeting.Type, ScheduledEntryId = meeting.ScheduledEntryId, Change = change, WasFor = meeting.ScheduledFor, MovedTo = to, Reason = reason!.Trim(),
            Invited = [.. meeting.Invitees.Where(i => i.Invited).Select(i => new Invitation { ProfessionalId = i.ProfessionalId, AgencyId = i.AgencyId, Name = i.Name })],
        };
        var entry = await chronology.RecordAsync(partnershipId, Recording.Input(details, by!.Value, [meeting.ChildPersonId], now, null), ct);
        if (!entry.Succeeded) return Outcome<Meeting>.Refused(entry.Errors);

        var tracked = await db.Meetings.Include(m => m.Invitees).Include(m => m.Changes).FirstAsync(m => m.Id == meetingId, ct);
        // As for the record of a meeting: a record or cancellation that won meanwhile makes this a conflict, not an overwrite.
        db.Entry(tracked).Property(m => m.Status).OriginalValue = meeting.Status;
        db.MeetingChanges.Add(new MeetingChangeRecord
        {
            Id = Guid.CreateVersion7(now), MeetingId = meetingId, Change = change, WasFor = meeting.ScheduledFor, MovedTo = to, Reason = details.Reason,
            ByProfessionalId = by.Value, ChangedAt = now, EntryId = entry.Value!.Id,
        });
        if (cancelling) tracked.Status = MeetingStatus.Cancelled;
        else
        {
            tracked.ScheduledFor = to!.Value;
            tracked.LastMovedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return Outcome<Meeting>.Ok(tracked);
    }

    /// <summary>
    /// Whether this professional may record the meeting as held: its chair, the professional who arranged it, or the
    /// child's lead social worker. An invitee reads the record; they do not write it.
    /// </summary>
    public async Task<bool> MayRecordHeldAsync(Meeting meeting, Guid professionalId, CancellationToken ct = default) =>
        RecordsEveryReply(meeting, professionalId) || (await ChildTeam.LoadAsync(db, meeting.ChildPersonId, Today, ct))?.LeadSocialWorkerId == professionalId;

    /// <summary>Why a meeting-held entry naming a meeting arranged here, and not yet held, is not written straight into the chronology.</summary>
    public const string HeldThroughItsMeeting =
        "This meeting was arranged in Chronicle: record it as held on its meeting page, where its chair, the person who arranged it or the lead social worker records it from its day";

    /// <summary>Why a meeting-changed entry naming a meeting arranged here is not written straight into the chronology.</summary>
    public const string ChangedThroughItsMeeting =
        "This meeting was arranged in Chronicle: move or cancel it on its meeting page, where its chair, the person who arranged it or the lead social worker does so and every invitee is told";

    /// <summary>What a meeting that met earlier than arranged needs: the page offers the move next to it.</summary>
    public const string MoveIfEarlier = "If it met earlier than arranged, move this meeting to the day it met, then record it as held";

    /// <summary>The first day the meeting can be recorded as held: the day it is scheduled for.</summary>
    public static DateOnly FirstDayHeld(Meeting meeting) => WorkingDayCalendar.UkDate(meeting.ScheduledFor);

    /// <summary>
    /// Why the meeting cannot be recorded as held at <paramref name="heldAt"/> (now, if not given), if it cannot: its day has not come,
    /// or the moment given is before its day. A meeting that met earlier than arranged is moved to the day it met (<see cref="MoveAsync"/>).
    /// </summary>
    public string? HeldTooEarly(Meeting meeting, DateTimeOffset? heldAt = null)
    {
        var day = FirstDayHeld(meeting);
        var words = Safeguards.TimelinessFacts.Describe(day);
        const string Earlier = MoveIfEarlier;
        if (Today < day) return $"The meeting is scheduled for {words}: it can be recorded as held from that day. {Earlier}";
        if (WorkingDayCalendar.UkDate(heldAt ?? clock.GetUtcNow()) < day) return $"The meeting was scheduled for {words}: it cannot be recorded as held before that day. {Earlier}";
        return null;
    }

    /// <summary>
    /// Whether this professional records the meeting's replies and reports for every invitee: its chair and the
    /// professional who arranged it. Anyone else invited records their own (<see cref="IsOwnAsync"/>).
    /// </summary>
    public static bool RecordsEveryReply(Meeting meeting, Guid professionalId) =>
        professionalId == meeting.ChairProfessionalId || professionalId == meeting.OrganiserProfessionalId;

    /// <summary>Whether the invitee is this professional: them by name, or an agency invited without a named professional that they work for.</summary>
    public async Task<bool> IsOwnAsync(MeetingInvitee invitee, Guid professionalId, CancellationToken ct = default) =>
        invitee.ProfessionalId is { } id ? id == professionalId
        : invitee.AgencyId is { } agency && await db.Professionals.AnyAsync(x => x.Id == professionalId && x.AgencyId == agency, ct);

    public async Task<ChairView?> ChairViewAsync(Guid partnershipId, Guid meetingId, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Invitees).Include(m => m.Changes).FirstOrDefaultAsync(m => m.Id == meetingId && m.PartnershipId == partnershipId, ct);
        if (meeting is null) return null;
        var names = await InviteeNamesAsync(partnershipId, meeting, ct);
        var invitees = meeting.Invitees.Select(i => i.ProfessionalId).OfType<Guid>().Distinct().ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && invitees.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.AgencyId, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(x => x.PartnershipId == partnershipId).ToDictionaryAsync(x => x.Id, ct);
        InviteeView View(MeetingInvitee i)
        {
            var agency = (i.ProfessionalId is { } id ? professionals.GetValueOrDefault(id) : i.AgencyId) is { } a ? agencies.GetValueOrDefault(a) : null;
            return new InviteeView(i, NameOf(i, names), agency?.Name, agency?.Kind);
        }
        var all = meeting.Invitees.Select(View).OrderByDescending(v => v.Invitee.Expected).ThenBy(v => v.AgencyName, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();
        var mayOpen = await MayBeInvitedAsync(meeting.ChildPersonId, invitees, ct);
        var invited = all.Where(v => v.Invitee.Invited && !IsChair(meeting, v.Invitee)).ToList();
        // An agency invited by name reaches those of the team around the child who work for it (Sharer.RecipientsAsync).
        var team = await ChildTeam.LoadAsync(db, meeting.ChildPersonId, Today, ct);
        var reached = team?.Members.Where(m => m.ProfessionalId is not null).Select(m => m.AgencyId).ToHashSet() ?? [];
        var acting = invited.Where(v => MayAct(v.Invitee, mayOpen)).ToList();
        return new ChairView(
            meeting, names.Person(meeting.ChildPersonId), all,
            NotInvited: [.. all.Where(v => v.Invitee.Proposed && !v.Invitee.Invited)],
            NoReply: [.. acting.Where(v => AwaitsReply(meeting, v.Invitee))],
            NoReport: [.. acting.Where(v => AwaitsReport(v.Invitee))],
            AbsentWithoutReport: [.. acting.Where(v => v.Invitee.Attended == false && v.Invitee.ReportReceivedAt is null)],
            MissingMinimumMembership: MissingMinimumMembership(meeting.Type, all.Where(v => v.Invitee.Invited).Select(v => v.AgencyKind).OfType<AgencyKind>()),
            CannotOpen: [.. invited.Where(v => !MayAct(v.Invitee, mayOpen))])
        {
            NotSentByChronicle = [.. invited.Where(v => v.Invitee.ProfessionalId is null && v.Invitee.AgencyId is { } a && !reached.Contains(a))],
        };
    }

    /// <summary>
    /// How many of a meeting's invitees (the chair aside) who may act on it have not replied, and have sent no report:
    /// as the chair's view counts them, only those who may open the child now (<see cref="Sharer.MayBeSentAsync"/>).
    /// </summary>
    public static async Task<(int NoReply, int NoReport)> OutstandingAsync(ChronicleDb db, Meeting meeting, DateTimeOffset now, CancellationToken ct = default)
    {
        var mayOpen = await Sharer.MayBeSentAsync(db, meeting.ChildPersonId, [.. meeting.Invitees.Select(i => i.ProfessionalId).OfType<Guid>().Distinct()], now, ct);
        var acting = meeting.Invitees.Where(i => i.Invited && !IsChair(meeting, i) && MayAct(i, mayOpen)).ToList();
        return (acting.Count(i => AwaitsReply(meeting, i)), acting.Count(AwaitsReport));
    }

    /// <summary>
    /// An invitee who may act on the meeting: an agency invited without a named professional (who answers for it is not
    /// known, so it is still chased), or a professional who may open the child; one who may not is sent nothing of the
    /// meeting, so nothing is outstanding from them.
    /// </summary>
    private static bool MayAct(MeetingInvitee invitee, IReadOnlySet<Guid> mayOpen) => invitee.ProfessionalId is not { } id || mayOpen.Contains(id);

    /// <summary>No reply for the meeting as it is arranged now: none, or one given before it was moved.</summary>
    private static bool AwaitsReply(Meeting m, MeetingInvitee i) => !m.ReplyStands(i) && i.Attended != true;

    private static bool AwaitsReport(MeetingInvitee i) => i.ReportReceivedAt is null;

    /// <summary>Whether the invitee is the meeting's chair, who is not chased for their own reply; an agency invited by name never is.</summary>
    private static bool IsChair(Meeting meeting, MeetingInvitee i) => i.ProfessionalId is { } id && id == meeting.ChairProfessionalId;

    public async Task<IReadOnlyList<Meeting>> ForChildAsync(Guid partnershipId, Guid childId, CancellationToken ct = default) =>
        (await db.Meetings.AsNoTracking().Include(m => m.Invitees).Include(m => m.Changes).Where(m => m.PartnershipId == partnershipId && m.ChildPersonId == childId).ToListAsync(ct))
            .OrderByDescending(m => m.ScheduledFor).ToList();

    /// <summary>Why Chronicle sends an agency invited by name nothing of the meeting: no one at it may open the child's record.</summary>
    public static string SentNothing(string agency, string child) =>
        $"No one at {agency} may open {child}'s record, so Chronicle sends them nothing of the meeting: send the invitation yourself, or add the professional who works with the family to the team around {child}";

    /// <summary>"an initial child protection conference", "a MARAC".</summary>
    private static string WithArticle(MeetingType type)
    {
        var label = Labels.Of(type);
        if (label.Length > 1 && !char.IsUpper(label[1])) label = char.ToLowerInvariant(label[0]) + label[1..];
        return ("aeiou".Contains(label[0], StringComparison.Ordinal) ? "an " : "a ") + label;
    }

    private static bool IsMinimum(AgencyKind kind) => kind == AgencyKind.ChildrensSocialCare || kind == AgencyKind.Police || Health.Contains(kind);

    /// <summary>
    /// Why an agency the rule expects is proposed, naming no one (the reader may not be allowed to see a sibling):
    /// "Involved with the family: health visitor for a brother or sister".
    /// </summary>
    private static string Because(CaseFile file, ExpectedAgency expected, MeetingType type, DateOnly day) => expected.Through switch
    {
        null => $"Police are expected at {WithArticle(type)}",
        var i when i.PersonId == file.Child.Id => $"Involved with the child: {i.Role}",
        var i => $"Involved with the family: {i.Role} for {Whom(file, i.PersonId, day)}",
    };

    /// <summary>Who someone in the family is to the child, in words that identify no one.</summary>
    private static string Whom(CaseFile file, Guid personId, DateOnly day)
    {
        if (file.Parents.Contains(personId)) return "a parent";
        var person = file.People.GetValueOrDefault(personId);
        if (person is not null && person.Kind != PersonKind.Adult)
        {
            var siblings = file.Relationships.Any(r => r.Kind is RelationshipKind.Sibling or RelationshipKind.HalfSibling
                && ((r.PersonId == personId && r.RelatedPersonId == file.Child.Id) || (r.PersonId == file.Child.Id && r.RelatedPersonId == personId)));
            var parentInCommon = file.Relationships.Any(r => r.RelatedPersonId == personId && Relationship.IsParental(r.Kind) && file.Parents.Contains(r.PersonId));
            return siblings || parentInCommon ? "a brother or sister" : "another child in the family";
        }
        return file.HouseholdOn(day).Contains(personId) ? "someone the child lives with" : "an adult in the family";
    }

    private static string Because(TeamMember m, Guid childId) =>
        (m.IsLead ? "Lead professional; " : "") + string.Join("; ", m.WorksWith.Select(r => r.PersonId == childId ? r.Role : $"{r.Role} for {r.PersonName}").Distinct());

    private static bool Matches(MeetingInvitee row, InviteeInput input) =>
        input.ProfessionalId is { } id ? row.ProfessionalId == id
        : input.AgencyId is { } a ? row.ProfessionalId is null && row.AgencyId == a
        : row.ProfessionalId is null && row.AgencyId is null && string.Equals(row.Name, input.Name?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The names a meeting's views and messages show: its child and its invitees.</summary>
    private Task<Names> InviteeNamesAsync(Guid partnershipId, Meeting meeting, CancellationToken ct) =>
        ChronologyReader.NamesAsync(db, partnershipId, [meeting.ChildPersonId], meeting.Invitees.Select(i => i.ProfessionalId).OfType<Guid>(), ct);

    private static string NameOf(MeetingInvitee i, Names names) =>
        i.ProfessionalId is { } p ? names.Professional(p) : i.AgencyId is { } a ? names.Agency(a) : i.Name ?? "someone not named";

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private async Task<Outcome<Meeting>> ScheduledMeetingAsync(Guid partnershipId, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Invitees).FirstOrDefaultAsync(m => m.Id == meetingId && m.PartnershipId == partnershipId, ct);
        if (meeting is null) return Outcome<Meeting>.Refused("meetingId", "There is no such meeting");
        if (meeting.Status == MeetingStatus.Cancelled) return Outcome<Meeting>.Refused("meetingId", "This meeting was cancelled");
        if (meeting.Status != MeetingStatus.Scheduled) throw new WriteConflictException("The meeting has been held and its record written: nothing you sent was saved");
        return Outcome<Meeting>.Ok(meeting);
    }

    /// <summary>Why a signed-in user may not record this invitee's reply or report, if they may not: it is not theirs, and they do not run the meeting.</summary>
    private async Task<FieldError?> NotTheirsAsync(MeetingInvitee invitee, Guid? by, string what, CancellationToken ct)
    {
        if (!chronology.AsksTheWriter) return null;
        if (by is not { } me) return new FieldError("recordedByProfessionalId", $"Select who is recording the {what}");
        // The meeting was read with its invitees a moment ago: Find takes it from the context, asking nothing more.
        var meeting = (await db.Meetings.FindAsync([invitee.MeetingId], ct))!;
        if (RecordsEveryReply(meeting, me) || await IsOwnAsync(invitee, me, ct)) return null;
        return new FieldError("inviteeId", $"You may record your own {what} only: the chair or the person who arranged the meeting records others'");
    }

    private async Task<(MeetingInvitee? Invitee, FieldError? Problem)> InvitedAsync(Guid partnershipId, Guid meetingId, Guid inviteeId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Invitees).FirstOrDefaultAsync(m => m.Id == meetingId && m.PartnershipId == partnershipId, ct);
        var invitee = meeting?.Invitees.FirstOrDefault(i => i.Id == inviteeId);
        if (meeting is null) return (null, new FieldError("meetingId", "There is no such meeting"));
        if (meeting.Status == MeetingStatus.Cancelled) return (null, new FieldError("meetingId", "This meeting was cancelled: nothing more is recorded for it"));
        if (invitee is null || !invitee.Invited) return (null, new FieldError("inviteeId", "They have not been invited to this meeting"));
        return (invitee, null);
    }

    /// <summary>
    /// An invitation and the meeting's record tell the invitee about the child, so only someone who may be sent
    /// information about the child may be invited by a signed-in user: the rule sharing by hand asks
    /// (<see cref="Sharer.GroupOf"/>). A replay records who was invited as it happened; the invitations and record still
    /// go only to those who may open the child.
    /// </summary>
    /// <summary>Of these professionals, those who may chair the meeting or be invited to it: those who may open the child now (<see cref="Sharer.MayBeSentAsync"/>).</summary>
    public Task<IReadOnlySet<Guid>> MayBeInvitedAsync(Guid childId, IReadOnlyCollection<Guid> professionalIds, CancellationToken ct = default) =>
        Sharer.MayBeSentAsync(db, childId, professionalIds, clock.GetUtcNow(), ct);

    private async Task RequireMayBeSentAsync(Problems p, Guid partnershipId, Guid childId, IReadOnlyList<(Guid? ProfessionalId, string Field)> invitees, CancellationToken ct)
    {
        var ids = invitees.Select(i => i.ProfessionalId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return;
        var may = await Sharer.MayBeSentAsync(db, childId, ids, clock.GetUtcNow(), ct);
        if (ids.All(may.Contains)) return;
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [childId], ids, ct);
        var child = names.Person(childId);
        foreach (var (id, field) in invitees)
            if (id is { } x && !may.Contains(x))
                p.Add(field, $"{names.Professional(x)} cannot open {child}'s record: add them to the team around the child first");
    }

    private DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow());
}
