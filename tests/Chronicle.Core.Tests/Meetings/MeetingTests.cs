using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Meetings;

public sealed class MeetingTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task An_initial_conference_proposes_the_GP_and_the_police_and_the_chair_sees_who_was_left_out(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);

        var proposed = await meetings.ProposeInviteesAsync(w.PartnershipId, w.F.Id, MeetingType.InitialChildProtectionConference);

        var gp = Assert.Single(proposed, p => p.ProfessionalId == w.Doctor.Id);
        Assert.True(gp.Expected);
        Assert.Equal("GP; GP for Mother L", gp.Because);
        Assert.True(proposed.Single(p => p.ProfessionalId == w.HealthVisitor.Id).Expected);
        var police = Assert.Single(proposed, p => p.AgencyId == w.Police.Id);
        Assert.Equal((null, true, "Police are expected at an initial child protection conference"), (police.ProfessionalId, police.Expected, police.Because));
        Assert.Contains(proposed, p => p.ProfessionalId == w.ProbationOfficer.Id && p.Because == "offender manager for Father L");
        // F's brother C is at school: SG-10 expects the school at F's conference, so the form proposes it.
        var school = Assert.Single(proposed, p => p.AgencyId == w.School.Id);
        Assert.Equal((null, true, "Involved with the family: designated safeguarding lead for a brother or sister"), (school.ProfessionalId, school.Expected, school.Because));
        // Only someone who may open the child is invited: the police officer and the chair join the team first.
        foreach (var joining in new[] { w.Officer.Id, w.Chair.Id })
            (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, joining, null, "Conference", "Invited to the conference", w.SocialWorker.Id))).Unwrap();

        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.InitialChildProtectionConference, ScheduledFor = TeamWorld.Uk(2, 16, 10), ChairProfessionalId = w.Chair.Id,
            OrganiserProfessionalId = w.SocialWorker.Id,
            Invitees = [new(w.Doctor.Id), new(w.HealthVisitor.Id), new(w.DrugWorker.Id), new(w.Officer.Id), new(w.Chair.Id)],
            NotInvited = [new(w.ProbationOfficer.Id, null, "Father is to be invited to the conference himself; probation will send a report")],
        })).Unwrap();

        var scheduled = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == meeting.ScheduledEntryId);
        var invited = Assert.IsType<MeetingScheduled>(DetailsReader.ReadStored(scheduled.Kind, scheduled.Details)).Invited;
        // Each invitation names the agency too, so SG-10 can tell which agencies were invited.
        Assert.Contains(invited, i => i.ProfessionalId == w.Doctor.Id && i.AgencyId == w.Gp.Id);
        Assert.Equal(5, invited.Count);
        // The invitation itself reaches every invitee, the police officer who joined the team for it among them.
        Assert.True(await db.Notifications.AnyAsync(n => n.EntryId == scheduled.Id && n.RecipientProfessionalId == w.Officer.Id));

        var chair = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Equal(new[] { w.SocialWorker.Id, w.ProbationOfficer.Id }.Order(), chair.NotInvited.Select(v => v.Invitee.ProfessionalId).OfType<Guid>().Order());
        Assert.Equal(w.School.Id, Assert.Single(chair.NotInvited, v => v.Invitee.ProfessionalId is null).Invitee.AgencyId);
        Assert.Equal("Father is to be invited to the conference himself; probation will send a report", chair.NotInvited.Single(v => v.Invitee.ProfessionalId == w.ProbationOfficer.Id).Invitee.NotInvitedReason);
        // The police officer covers the police proposal; the chair is not chased for their own reply.
        Assert.DoesNotContain(chair.NotInvited, v => v.Invitee.AgencyId == w.Police.Id && v.Invitee.ProfessionalId is null);
        Assert.Equal(4, chair.NoReply.Count);
        Assert.Empty(chair.MissingMinimumMembership);

        var doctor = meeting.Invitees.Single(i => i.ProfessionalId == w.Doctor.Id);
        (await meetings.RecordReplyAsync(w.PartnershipId, meeting.Id, doctor.Id, new ReplyInput(MeetingReply.NotAttending, "Surgery; will send a report"))).Unwrap();
        (await meetings.RecordReportReceivedAsync(w.PartnershipId, meeting.Id, doctor.Id)).Unwrap();
        var apology = await meetings.RecordReplyAsync(w.PartnershipId, meeting.Id, meeting.Invitees.Single(i => i.ProfessionalId == w.Officer.Id).Id, new ReplyInput(MeetingReply.NotAttending));
        Assert.Equal("apologyReason", Assert.Single(apology.Errors).Field);

        chair = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.DoesNotContain(chair.NoReply, v => v.Invitee.ProfessionalId == w.Doctor.Id);
        Assert.DoesNotContain(chair.NoReport, v => v.Invitee.ProfessionalId == w.Doctor.Id);
        Assert.Contains(chair.NoReport, v => v.Invitee.ProfessionalId == w.Officer.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_conference_proposes_every_agency_SG10_expects_so_inviting_what_is_proposed_raises_nothing(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);

        // C's team (C, the mother at home, both parents) has no health visitor; C's little brother F has one.
        var proposed = await meetings.ProposeInviteesAsync(w.PartnershipId, w.C.Id, MeetingType.InitialChildProtectionConference);

        var visiting = Assert.Single(proposed, p => p.AgencyId == w.HealthVisiting.Id);
        Assert.Equal((null, true, "Involved with the family: health visitor for a brother or sister"), (visiting.ProfessionalId, visiting.Expected, visiting.Because));
        Assert.DoesNotContain(proposed, p => p.ProfessionalId == w.HealthVisitor.Id);

        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.C.Id, Type = MeetingType.InitialChildProtectionConference, ScheduledFor = TeamWorld.Uk(2, 16, 10), OrganiserProfessionalId = w.SocialWorker.Id,
            Invitees = [.. proposed.Select(p => new InviteeInput(p.ProfessionalId, p.ProfessionalId is null ? p.AgencyId : null))],
        })).Unwrap();

        Assert.Contains(meeting.Invitees, i => i.AgencyId == w.HealthVisiting.Id && i.ProfessionalId is null && i.Invited && i.Expected);
        var now = w.Clock.GetUtcNow();
        var file = (await CaseFileLoader.LoadAsync(db, w.C.Id, now))!;
        var findings = new AgencyNotInvitedOrAbsent().Evaluate(file, new SafeguardContext(now, WorkingDayCalendar.EnglandAndWales, PolicySettings.Defaults)).ToList();
        Assert.DoesNotContain(findings, f => f.CauseKey.StartsWith("invite:", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_chair_counts_as_outstanding_only_invitees_who_may_open_the_child_and_lists_the_others_apart(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Officer.Id, null, "Police officer", "Investigating", w.SocialWorker.Id))).Unwrap();
        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = TeamWorld.Uk(2, 16, 10), ChairProfessionalId = w.SocialWorker.Id,
            OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id), new(w.Officer.Id)],
        })).Unwrap();
        var before = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Contains(before.NoReply, v => v.Invitee.ProfessionalId == w.Officer.Id);

        // The officer leaves the team, later that day: they may no longer open the child's record, and are sent nothing of the meeting.
        w.Clock.Advance(TimeSpan.FromHours(1));
        (await w.Team(db).RemoveAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Officer.Id, null, null, "Investigation closed", w.SocialWorker.Id))).Unwrap();

        var chair = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Equal([w.Doctor.Id], chair.NoReply.Select(v => v.Invitee.ProfessionalId!.Value));
        Assert.Equal([w.Doctor.Id], chair.NoReport.Select(v => v.Invitee.ProfessionalId!.Value));
        Assert.Equal(w.Officer.Id, Assert.Single(chair.CannotOpen).Invitee.ProfessionalId);
        // The work tray counts as the chair's view does.
        Assert.Equal((1, 1), await MeetingService.OutstandingAsync(db, await db.Meetings.AsNoTracking().Include(m => m.Invitees).SingleAsync(m => m.Id == meeting.Id), w.Clock.GetUtcNow()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Police_of_the_teams_own_area_are_proposed_not_every_force_in_the_partnership(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        (await new RecordService(db, w.Clock).CreateAgencyAsync(w.PartnershipId, new AgencyInput("Cumbria Constabulary", AgencyKind.Police, "Cumbria"))).Unwrap();

        var proposed = await w.Meetings(db).ProposeInviteesAsync(w.PartnershipId, w.F.Id, MeetingType.InitialChildProtectionConference);

        Assert.Equal([w.Police.Id], proposed.Where(p => p.AgencyKind == AgencyKind.Police).Select(p => p.AgencyId).ToList());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_brother_or_sisters_school_in_another_area_is_proposed_and_police_stay_those_of_the_teams_area(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var record = new RecordService(db, w.Clock);
        (await record.CreateAgencyAsync(w.PartnershipId, new AgencyInput("Cumbria Constabulary", AgencyKind.Police, "Cumbria"))).Unwrap();
        var lakes = (await record.CreateAgencyAsync(w.PartnershipId, new AgencyInput("Lakes Academy", AgencyKind.School, "Cumbria"))).Unwrap();
        var teacher = (await record.CreateProfessionalAsync(w.PartnershipId, new ProfessionalInput("Lou Lakes", lakes.Id, ProfessionalRole.DesignatedSafeguardingLead))).Unwrap();
        await w.InvolveAsync(teacher, w.C, "designated safeguarding lead");

        var proposed = await w.Meetings(db).ProposeInviteesAsync(w.PartnershipId, w.F.Id, MeetingType.StrategyMeeting);

        var school = Assert.Single(proposed, p => p.AgencyId == lakes.Id);
        Assert.Equal((null, true), (school.ProfessionalId, school.Expected));
        Assert.Equal([w.Police.Id], proposed.Where(p => p.AgencyKind == AgencyKind.Police).Select(p => p.AgencyId).ToList());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_strategy_discussion_needs_social_care_health_and_police(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        var input = new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.StrategyMeeting, ScheduledFor = TeamWorld.Uk(2, 2, 14), OrganiserProfessionalId = w.SocialWorker.Id,
            Invitees = [new(w.SocialWorker.Id), new(w.HealthVisitor.Id)],
        };

        var refused = await meetings.ScheduleAsync(w.PartnershipId, input);
        Assert.Equal(("invitees", "Invite police: a strategy discussion needs children's social care, health and police as a minimum"), (Assert.Single(refused.Errors).Field, refused.Errors[0].Message));
        Assert.Equal(0, await db.Meetings.CountAsync());

        (await meetings.ScheduleAsync(w.PartnershipId, input with { Invitees = [.. input.Invitees, new(null, w.Police.Id)] })).Unwrap();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_record_of_a_meeting_goes_to_every_invitee_to_acknowledge_and_its_actions_are_tracked(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Officer.Id, null, "Police officer", "Investigating", w.SocialWorker.Id))).Unwrap();
        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = TeamWorld.Uk(2, 3, 10), ChairProfessionalId = w.SocialWorker.Id,
            OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id), new(w.DrugWorker.Id), new(w.Officer.Id)],
        })).Unwrap();
        w.Clock.Set(TeamWorld.Uk(2, 3, 12));
        var invitees = meeting.Invitees.Where(i => i.Invited).ToDictionary(i => i.ProfessionalId!.Value, i => i.Id);
        var record = new MeetingRecordInput
        {
            RecordedByProfessionalId = w.SocialWorker.Id, HeldAt = TeamWorld.Uk(2, 3, 10),
            Attendance = [new(invitees[w.Doctor.Id], Attended: false, ReportSent: true), new(invitees[w.DrugWorker.Id])],
            Decisions = ["Request a strategy discussion"],
            Actions = [new ActionInput("Ask the pharmacy for pick-up records", w.DrugWorker.Id, null)],
        };

        var refused = await meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, record);
        Assert.Equal(
            [("attendance", "Record whether Pat Police attended"), ("actions[0].due", "Enter when action 1 is due")],
            refused.Errors.Select(e => (e.Field, e.Message)));

        var held = (await meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, record with
        {
            Attendance = [.. record.Attendance, new(invitees[w.Officer.Id], Attended: false, ApologyReason: "Court")],
            Actions = [new ActionInput("Ask the pharmacy for pick-up records", w.DrugWorker.Id, new DateOnly(2015, 2, 6))],
        })).Unwrap();

        var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == held.HeldEntryId);
        var details = Assert.IsType<MeetingHeld>(DetailsReader.ReadStored(entry.Kind, entry.Details));
        Assert.Equal(meeting.ScheduledEntryId, details.ScheduledEntryId);
        Assert.Equal(3, details.Attendance.Count(a => a.Invited));
        Assert.True(details.Attendance.Single(a => a.ProfessionalId == w.Doctor.Id).ReportSent);
        var told = await db.Notifications.AsNoTracking().Where(n => n.EntryId == entry.Id && n.Kind == NotificationKind.EntryShared).ToListAsync();
        foreach (var invitee in new[] { w.Doctor.Id, w.DrugWorker.Id, w.Officer.Id })
            Assert.True(told.Single(n => n.RecipientProfessionalId == invitee).NeedsAcknowledgement);
        Assert.Equal("Ask the pharmacy for pick-up records", Assert.Single(await w.Actions(db).MyActionsAsync(w.PartnershipId, w.DrugWorker.Id)).Action.Description);

        var chair = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Equal(w.Officer.Id, Assert.Single(chair.AbsentWithoutReport).Invitee.ProfessionalId);
        Assert.Contains("has been held", (await Assert.ThrowsAsync<WriteConflictException>(() => meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, record))).Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_core_group_reviews_every_item_of_the_plan(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plan = (await w.Plans(db).StartAsync(w.PartnershipId, new PlanInput
        {
            ChildId = w.F.Id, Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect, RecordedByProfessionalId = w.SocialWorker.Id,
            Items =
            [
                new PlanItemInput("Exposure to methadone", "Lockable box for medication", w.DrugWorker.Id, new DateOnly(2015, 2, 13), "Box seen in use at every visit"),
                new PlanItemInput("Development", "Nursery place", w.SocialWorker.Id, new DateOnly(2015, 3, 2), "F attends four sessions a week"),
            ],
        })).Unwrap();
        var meetings = w.Meetings(db);
        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.CoreGroup, ScheduledFor = TeamWorld.Uk(2, 10, 10), OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.DrugWorker.Id)],
        })).Unwrap();
        w.Clock.Set(TeamWorld.Uk(2, 10, 12));
        var record = new MeetingRecordInput
        {
            RecordedByProfessionalId = w.SocialWorker.Id, HeldAt = TeamWorld.Uk(2, 10, 10),
            Attendance = [new(meeting.Invitees.Single(i => i.Invited).Id)],
            PlanProgress = [new ItemProgressInput(0, "Box fitted and used", Achieved: true)],
        };

        var refused = await meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, record);
        Assert.Equal(("planProgress.progress[1]", "Enter the progress of item 2 (Nursery place)"), (Assert.Single(refused.Errors).Field, refused.Errors[0].Message));

        var held = (await meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, record with { PlanProgress = [.. record.PlanProgress!, new ItemProgressInput(1, "Place offered from March")] })).Unwrap();
        var review = await db.Entries.AsNoTracking().SingleAsync(e => e.Kind == "plan-reviewed");
        Assert.Equal(plan.Id, Assert.IsType<PlanReviewed>(DetailsReader.ReadStored(review.Kind, review.Details)).PlanEntryId);
        var heldEntry = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == held.HeldEntryId);
        Assert.True(Assert.IsType<MeetingHeld>(DetailsReader.ReadStored(heldEntry.Kind, heldEntry.Details)).PlanReviewed);
        Assert.Equal(ActionStatus.Done, (await db.Actions.AsNoTracking().SingleAsync(a => a.SourceEntryId == plan.Id && a.ItemIndex == 0)).Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_meeting_that_met_earlier_than_arranged_moves_to_the_day_it_met_and_is_recorded_held_then_but_never_before_it_was_arranged(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var arranged = w.Clock.GetUtcNow();
        var meeting = (await w.Meetings(db).ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = arranged.AddDays(10), ChairProfessionalId = w.SocialWorker.Id,
            OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id)],
        })).Unwrap();
        var signedIn = new MeetingService(db, new ChronologyService(db, w.Clock, [w.Sharing, w.Tracker, w.Engine], new SignedInWriter()), w.Clock);
        w.Clock.Advance(TimeSpan.FromDays(3));
        var met = arranged.AddDays(2);
        Assert.NotNull(signedIn.HeldTooEarly(meeting, met));

        var beforeArranged = await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(arranged.AddDays(-1), "It met before", w.SocialWorker.Id));
        Assert.Equal("scheduledFor", Assert.Single(beforeArranged.Errors).Field);
        var moved = (await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(met, "It met two days after it was arranged", w.SocialWorker.Id))).Unwrap();

        Assert.Equal(met, moved.ScheduledFor);
        Assert.Null(signedIn.HeldTooEarly(moved, met));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_meeting_moved_keeps_its_history_asks_every_reply_again_and_tells_every_invitee(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meeting = (await w.Meetings(db).ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = TeamWorld.Uk(2, 16, 10), ChairProfessionalId = w.SocialWorker.Id,
            OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id), new(w.HealthVisitor.Id)],
        })).Unwrap();
        var doctor = meeting.Invitees.Single(i => i.ProfessionalId == w.Doctor.Id).Id;
        (await w.Meetings(db).RecordReplyAsync(w.PartnershipId, meeting.Id, doctor, new ReplyInput(MeetingReply.Attending))).Unwrap();
        var signedIn = new MeetingService(db, new ChronologyService(db, w.Clock, [w.Sharing, w.Tracker, w.Engine], new SignedInWriter()), w.Clock);

        var byInvitee = await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(TeamWorld.Uk(2, 20, 10), "On leave", w.Doctor.Id));
        Assert.Equal(("byProfessionalId", "Only the meeting's chair, the person who arranged it or the child's lead social worker may move it"), (Assert.Single(byInvitee.Errors).Field, byInvitee.Errors[0].Message));
        var bad = await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(w.Clock.GetUtcNow().AddDays(-1), " ", w.SocialWorker.Id));
        Assert.Equal(["scheduledFor", "reason"], bad.Errors.Select(e => e.Field));
        var same = await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(TeamWorld.Uk(2, 16, 10), "Confirming", w.SocialWorker.Id));
        Assert.Equal("scheduledFor", Assert.Single(same.Errors).Field);
        Assert.False(await db.MeetingChanges.AnyAsync());
        Assert.False(await db.Entries.AnyAsync(e => e.Kind == "meeting-changed"));

        w.Clock.Advance(TimeSpan.FromHours(1));
        (await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(TeamWorld.Uk(2, 20, 10), "The chair is in court on the 16th", w.SocialWorker.Id))).Unwrap();
        w.Clock.Advance(TimeSpan.FromHours(1));
        (await signedIn.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(TeamWorld.Uk(2, 23, 14), "The room is not free", w.SocialWorker.Id))).Unwrap();

        var chair = (await signedIn.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Equal((TeamWorld.Uk(2, 23, 14), TeamWorld.Uk(2, 16, 10)), (chair.Meeting.ScheduledFor, chair.Meeting.FirstArrangedFor));
        Assert.Equal(
            [(TeamWorld.Uk(2, 16, 10), TeamWorld.Uk(2, 20, 10), "The chair is in court on the 16th"), (TeamWorld.Uk(2, 20, 10), TeamWorld.Uk(2, 23, 14), "The room is not free")],
            chair.Meeting.Changes.OrderBy(c => c.ChangedAt).Select(c => (c.WasFor, c.MovedTo!.Value, c.Reason)));
        // The reply for the old date is kept, but is no longer taken as a reply for the new one.
        Assert.Equal(MeetingReply.Attending, chair.Invitees.Single(v => v.Invitee.Id == doctor).Invitee.Reply);
        Assert.Contains(chair.NoReply, v => v.Invitee.Id == doctor);
        var scheduled = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == meeting.ScheduledEntryId);
        Assert.Equal(TeamWorld.Uk(2, 16, 10), Assert.IsType<MeetingScheduled>(DetailsReader.ReadStored(scheduled.Kind, scheduled.Details)).ScheduledFor);
        var changes = await db.Entries.AsNoTracking().Where(e => e.Kind == "meeting-changed").ToListAsync();
        Assert.Equal(2, changes.Count);
        foreach (var change in changes)
            foreach (var invitee in new[] { w.Doctor.Id, w.HealthVisitor.Id })
                Assert.True(await db.Notifications.AnyAsync(n => n.EntryId == change.Id && n.RecipientProfessionalId == invitee));

        w.Clock.Advance(TimeSpan.FromMinutes(5));
        (await signedIn.RecordReplyAsync(w.PartnershipId, meeting.Id, doctor, new ReplyInput(MeetingReply.Attending, RecordedByProfessionalId: w.Doctor.Id))).Unwrap();
        Assert.DoesNotContain((await signedIn.ChairViewAsync(w.PartnershipId, meeting.Id))!.NoReply, v => v.Invitee.Id == doctor);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_meeting_cancelled_needs_a_reason_and_one_held_is_neither_cancelled_nor_moved(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        ScheduleMeetingInput Arranged(DateTimeOffset when) => new()
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = when, OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id)],
        };
        var later = (await meetings.ScheduleAsync(w.PartnershipId, Arranged(TeamWorld.Uk(2, 16, 10)))).Unwrap();

        var noReason = await meetings.CancelAsync(w.PartnershipId, later.Id, new CancelMeetingInput("", w.SocialWorker.Id));
        Assert.Equal(("reason", "Enter why the meeting is cancelled"), (Assert.Single(noReason.Errors).Field, noReason.Errors[0].Message));
        var cancelled = (await meetings.CancelAsync(w.PartnershipId, later.Id, new CancelMeetingInput("The family moved away", w.SocialWorker.Id))).Unwrap();
        Assert.Equal((MeetingStatus.Cancelled, TeamWorld.Uk(2, 16, 10)), (cancelled.Status, cancelled.ScheduledFor));
        Assert.Equal("This meeting is already cancelled", Assert.Single((await meetings.CancelAsync(w.PartnershipId, later.Id, new CancelMeetingInput("Again", w.SocialWorker.Id))).Errors).Message);
        var record = await meetings.RecordHeldAsync(w.PartnershipId, later.Id, new MeetingRecordInput { RecordedByProfessionalId = w.SocialWorker.Id });
        Assert.Equal(("meetingId", "This meeting was cancelled"), (Assert.Single(record.Errors).Field, record.Errors[0].Message));
        Assert.Single(await db.MeetingChanges.ToListAsync());

        var today = (await meetings.ScheduleAsync(w.PartnershipId, Arranged(w.Clock.GetUtcNow()))).Unwrap();
        w.Clock.Advance(TimeSpan.FromHours(1));
        (await meetings.RecordHeldAsync(w.PartnershipId, today.Id, new MeetingRecordInput
        {
            RecordedByProfessionalId = w.SocialWorker.Id, Attendance = [new(today.Invitees.Single(i => i.Invited).Id)],
        })).Unwrap();
        var cancel = await meetings.CancelAsync(w.PartnershipId, today.Id, new CancelMeetingInput("Mistake", w.SocialWorker.Id));
        Assert.Equal(("meetingId", "This meeting is recorded as held: it can no longer be cancelled"), (Assert.Single(cancel.Errors).Field, cancel.Errors[0].Message));
        var move = await meetings.MoveAsync(w.PartnershipId, today.Id, new MoveMeetingInput(w.Clock.GetUtcNow().AddDays(1), "Mistake", w.SocialWorker.Id));
        Assert.Equal(("meetingId", "This meeting is recorded as held: it can no longer be moved"), (Assert.Single(move.Errors).Field, move.Errors[0].Message));
        Assert.Single(await db.MeetingChanges.ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SG10_asks_nothing_of_a_cancelled_conference_and_judges_a_moved_one_on_its_new_day(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        // C's conference invites the social worker alone: SG-10 expects the family's other agencies.
        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.C.Id, Type = MeetingType.InitialChildProtectionConference, ScheduledFor = TeamWorld.Uk(2, 16, 10), OrganiserProfessionalId = w.SocialWorker.Id,
            Invitees = [new(w.SocialWorker.Id)],
        })).Unwrap();
        async Task<List<Finding>> NotInvitedAsync()
        {
            var now = w.Clock.GetUtcNow();
            var file = (await CaseFileLoader.LoadAsync(db, w.C.Id, now))!;
            return [.. new AgencyNotInvitedOrAbsent().Evaluate(file, new SafeguardContext(now, WorkingDayCalendar.EnglandAndWales, PolicySettings.Defaults))
                .Where(f => f.CauseKey.StartsWith("invite:", StringComparison.Ordinal))];
        }
        Assert.NotEmpty(await NotInvitedAsync());

        w.Clock.Advance(TimeSpan.FromHours(1));
        (await meetings.MoveAsync(w.PartnershipId, meeting.Id, new MoveMeetingInput(TeamWorld.Uk(2, 20, 10), "The chair is in court", w.SocialWorker.Id))).Unwrap();
        var moved = await NotInvitedAsync();
        Assert.NotEmpty(moved);
        Assert.All(moved, f => Assert.Equal(TeamWorld.Uk(2, 20, 10), f.DueAt));

        w.Clock.Advance(TimeSpan.FromHours(1));
        (await meetings.CancelAsync(w.PartnershipId, meeting.Id, new CancelMeetingInput("No longer needed: the assessment found no significant harm", w.SocialWorker.Id))).Unwrap();
        Assert.Empty(await NotInvitedAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_agency_invited_that_no_one_who_may_open_the_child_works_for_is_sent_nothing_and_the_inviter_is_told_why(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);

        // C's team has no health visitor; C's brother F has one, whom SG-10 expects at C's conference through her agency.
        var proposed = await meetings.ProposeInviteesAsync(w.PartnershipId, w.C.Id, MeetingType.InitialChildProtectionConference);
        var visiting = Assert.Single(proposed, p => p.AgencyId == w.HealthVisiting.Id);
        Assert.Equal(MeetingService.SentNothing(w.HealthVisiting.Name, w.C.DisplayName), visiting.SentNothing);
        Assert.Null(proposed.Single(p => p.ProfessionalId == w.Teacher.Id).SentNothing);

        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.C.Id, Type = MeetingType.InitialChildProtectionConference, ScheduledFor = TeamWorld.Uk(2, 16, 10), OrganiserProfessionalId = w.SocialWorker.Id,
            Invitees = [.. proposed.Select(p => new InviteeInput(p.ProfessionalId, p.ProfessionalId is null ? p.AgencyId : null))],
        })).Unwrap();

        // F's health visitor may not open C's record: the invitation does not reach her, and does not give her the record.
        Assert.False(await db.Notifications.AnyAsync(n => n.EntryId == meeting.ScheduledEntryId && n.RecipientProfessionalId == w.HealthVisitor.Id));
        var chair = (await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!;
        Assert.Contains(chair.NotSentByChronicle, v => v.Invitee.AgencyId == w.HealthVisiting.Id);
        Assert.DoesNotContain(chair.NotSentByChronicle, v => v.Invitee.ProfessionalId is not null);
        // Still chased: the organiser sends the invitation and records the reply.
        Assert.Contains(chair.NoReply, v => v.Invitee.AgencyId == w.HealthVisiting.Id && v.Invitee.ProfessionalId is null);

        // Once F's health visitor joins C's team, the agency's invitation reaches her.
        (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.C.Id, w.HealthVisitor.Id, null, "Health visitor", "Visits the family for C's brother", w.SocialWorker.Id))).Unwrap();
        Assert.DoesNotContain((await meetings.ChairViewAsync(w.PartnershipId, meeting.Id))!.NotSentByChronicle, v => v.Invitee.AgencyId == w.HealthVisiting.Id);
    }
}
