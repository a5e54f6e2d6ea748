using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Safeguards;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Validation;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Security;

/// <summary>
/// Two people changing one thing at the same moment, each on a connection of their own, started together: one wins,
/// the other is refused as a conflict (never a silent overwrite, a second copy or an unexplained failure), and the
/// database holds exactly what the winner wrote. Run against both databases: SQLite serialises writers, PostgreSQL
/// lets both read before either writes.
/// </summary>
public sealed class RaceTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private enum Result { Won, Conflict }

    /// <summary>Runs the write twice at once; answers how each ended, failing on anything but a win or a conflict.</summary>
    private static async Task<Result[]> RaceAsync<T>(TestDatabase database, Func<ChronicleDb, int, Task<Outcome<T>>> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Result> One(int n)
        {
            await using var db = database.Open();
            await db.Database.OpenConnectionAsync();
            await start.Task;
            try
            {
                var outcome = await write(db, n);
                Assert.True(outcome.Succeeded, $"Writer {n} was refused: {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
                return Result.Won;
            }
            catch (WriteConflictException) { return Result.Conflict; }
            catch (DbUpdateConcurrencyException) { return Result.Conflict; }
        }
        var runs = new[] { Task.Run(() => One(0)), Task.Run(() => One(1)) };
        start.SetResult();
        var results = await Task.WhenAll(runs);
        Assert.Equal([Result.Won, Result.Conflict], results.Order());
        return results;
    }

    private static PlanInput ChildProtectionPlan(TeamWorld w) => new()
    {
        ChildId = w.F.Id, Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect, RecordedByProfessionalId = w.SocialWorker.Id,
        Items = [new PlanItemInput("F's development", "Weekly health visitor contact", w.HealthVisitor.Id, new DateOnly(2015, 3, 16), "F seen weekly")],
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_plans_started_at_once_leave_the_child_one_active_plan(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await RaceAsync(w.Database, (db, n) => w.Plans(db).StartAsync(w.PartnershipId, n == 0
            ? ChildProtectionPlan(w)
            : ChildProtectionPlan(w) with { Type = PlanType.ChildInNeed, Category = null }));

        await using var check = w.Database.Open();
        var plans = await w.Plans(check).ForChildAsync(w.PartnershipId, w.F.Id);
        Assert.Single(plans, p => p.Status == PlanStatus.Active);
        Assert.Equal(Assert.Single(plans).Entry.Id, (await check.Set<ActivePlan>().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_records_of_one_meeting_keep_one_and_refuse_the_other(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        Meeting meeting;
        await using (var db = w.Database.Open())
            meeting = (await w.Meetings(db).ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
            {
                ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = TeamWorld.Uk(2, 3, 10), ChairProfessionalId = w.SocialWorker.Id,
                OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id)],
            })).Unwrap();
        w.Clock.Set(TeamWorld.Uk(2, 3, 12));
        var doctor = meeting.Invitees.Single(i => i.ProfessionalId == w.Doctor.Id).Id;
        string[] decisions = ["Request a strategy discussion", "Close the case"];
        var results = await RaceAsync(w.Database, (db, n) => w.Meetings(db).RecordHeldAsync(w.PartnershipId, meeting.Id, new MeetingRecordInput
        {
            RecordedByProfessionalId = w.SocialWorker.Id, HeldAt = TeamWorld.Uk(2, 3, 10), Attendance = [new(doctor)], Decisions = [decisions[n]],
        }));

        await using var check = w.Database.Open();
        var held = Assert.Single(await check.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.MeetingHeld.Code).ToListAsync());
        var winner = Array.IndexOf(results, Result.Won);
        Assert.Equal([decisions[winner]], ((MeetingHeld)DetailsReader.ReadStored(held.Kind, held.Details)).Decisions);
        Assert.Equal(held.Id, (await check.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id)).HeldEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_corrections_of_one_entry_keep_one_and_refuse_the_other(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        ChronologyEntry original;
        await using (var db = w.Database.Open())
            original = (await w.Chronology(db).RecordAsync(w.PartnershipId, Observation(w, "Tidy"))).Unwrap();
        await RaceAsync(w.Database, (db, n) => w.Chronology(db).CorrectAsync(w.PartnershipId, original.Id,
            new CorrectionInput { Entry = Observation(w, n == 0 ? "Cluttered" : "Unclean"), Reason = "Wrong visit" }));

        await using var check = w.Database.Open();
        Assert.Equal(1, await check.Entries.CountAsync(e => e.SupersedesEntryId == original.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_managers_closing_one_alert_leave_one_closure(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(), PartnershipId = w.PartnershipId, SafeguardId = "SG-08", SubjectPersonId = w.F.Id, CauseKey = "race", Summary = "Shared information not acknowledged",
            AskFor = "An acknowledgement", OwnerProfessionalId = w.SocialWorker.Id, RaisedAt = w.Clock.GetUtcNow(), DueAt = w.Clock.GetUtcNow().AddDays(2), Status = AlertStatus.Open,
        };
        await using (var db = w.Database.Open())
        {
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
        }
        var managers = new[] { w.Manager.Id, w.Chair.Id };
        var results = await RaceAsync(w.Database, (db, n) => new AlertService(db, w.Engine, w.Clock).CloseAsync(w.PartnershipId, alert.Id, managers[n], $"Reason {n}"));

        await using var check = w.Database.Open();
        var closed = Assert.Single(await check.AlertEvents.AsNoTracking().Where(e => e.AlertId == alert.Id && e.Type == AlertEventType.Closed).ToListAsync());
        Assert.Equal($"Reason {Array.IndexOf(results, Result.Won)}", closed.Reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_people_settling_one_action_leave_one_change(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using (var db = w.Database.Open())
            (await w.Plans(db).StartAsync(w.PartnershipId, ChildProtectionPlan(w))).Unwrap();
        Guid action;
        await using (var db = w.Database.Open())
            action = (await db.Actions.AsNoTracking().SingleAsync(a => a.OwnerProfessionalId == w.HealthVisitor.Id)).Id;
        await RaceAsync(w.Database, (db, n) => n == 0
            ? w.Actions(db).CompleteAsync(w.PartnershipId, action, new CompleteActionInput(w.HealthVisitor.Id, "Seen this week"))
            : w.Actions(db).HandOnAsync(w.PartnershipId, action, new HandOnInput(w.HealthVisitor.Id, "Another health visitor", "Moving away")));

        await using var check = w.Database.Open();
        var changes = await check.ActionChanges.AsNoTracking().Where(c => c.ActionId == action && c.Type != ActionChangeType.Created).ToListAsync();
        var tracked = await check.Actions.AsNoTracking().SingleAsync(a => a.Id == action);
        Assert.Equal(tracked.Status == ActionStatus.Done ? ActionChangeType.Done : ActionChangeType.HandedOn, Assert.Single(changes).Type);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_acknowledgements_of_one_share_at_once_record_one(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var incident = await w.RecordAsync(w.Officer, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Shouting at the home", ChildrenPresent = true },
            Significance.Significant, SharingLevel.Team, w.Mother, w.F);
        Guid notification;
        await using (var db = w.Database.Open())
            notification = (await db.Notifications.AsNoTracking().SingleAsync(n => n.EntryId == incident.Id && n.RecipientProfessionalId == w.SocialWorker.Id)).Id;

        // Acknowledging twice is harmless: the second either finds it acknowledged (and says so) or loses the race.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task One()
        {
            await using var db = w.Database.Open();
            await start.Task;
            try { (await w.SharingService(db).AcknowledgeAsync(w.PartnershipId, notification, w.SocialWorker.Id)).Unwrap(); }
            catch (WriteConflictException) { }
        }
        var runs = new[] { Task.Run(One), Task.Run(One) };
        start.SetResult();
        await Task.WhenAll(runs);

        await using var check = w.Database.Open();
        var acknowledgement = Assert.Single(await check.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.InformationAcknowledged.Code).ToListAsync());
        Assert.Equal(acknowledgement.Id, (await check.Notifications.AsNoTracking().SingleAsync(n => n.Id == notification)).AcknowledgementEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_people_changing_the_team_they_both_saw_at_once_leave_one_change(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        int seen;
        await using (var db = w.Database.Open()) seen = (await w.Team(db).TeamAsync(w.PartnershipId, w.F.Id))!.Version;
        var joining = new[] { w.Officer.Id, w.Paediatrician.Id };
        var results = await RaceAsync(w.Database, (db, n) => w.Team(db).AddAsync(w.PartnershipId,
            new TeamChangeInput(w.F.Id, joining[n], null, "Works with the family", $"Reason {n}", w.SocialWorker.Id, seen)));

        await using var check = w.Database.Open();
        var change = Assert.Single(await check.TeamChanges.AsNoTracking().Where(c => c.ChildPersonId == w.F.Id).ToListAsync());
        Assert.Equal(joining[Array.IndexOf(results, Result.Won)], change.ProfessionalId);
        Assert.Equal(seen + 1, (await w.Team(check).TeamAsync(w.PartnershipId, w.F.Id))!.Version);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_team_change_from_a_team_changed_since_is_a_conflict_and_two_without_a_version_never_share_a_number(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var seen = (await w.Team(db).TeamAsync(w.PartnershipId, w.F.Id))!.Version;
        (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Officer.Id, null, "Police officer", "Investigating", w.SocialWorker.Id, seen))).Unwrap();

        var stale = await Assert.ThrowsAsync<WriteConflictException>(() => w.Team(db).AddAsync(w.PartnershipId,
            new TeamChangeInput(w.F.Id, w.Paediatrician.Id, null, "Paediatrician", "Saw F in clinic", w.SocialWorker.Id, seen)));
        Assert.Contains("changed the team", stale.Message, StringComparison.Ordinal);
        Assert.False(await db.TeamChanges.AnyAsync(c => c.ProfessionalId == w.Paediatrician.Id));

        // Without a version the change is made on the team as it is now, and takes the next number.
        (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Paediatrician.Id, null, "Paediatrician", "Saw F in clinic", w.SocialWorker.Id))).Unwrap();
        Assert.Equal([seen + 1, seen + 2], await db.TeamChanges.Where(c => c.ChildPersonId == w.F.Id).OrderBy(c => c.SequenceNumber).Select(c => c.SequenceNumber).ToListAsync());
    }

    /// <summary>A plan-started entry as the chronology API receives it (POST /api/entries), not through the plans service.</summary>
    private static EntryInput PlanEntry(TeamWorld w, PlanType type) => Core.TeamAroundChild.Recording.Input(new PlanStarted
    {
        Type = type,
        Category = type == PlanType.ChildProtection ? AbuseCategory.Neglect : null,
        Items = [new PlanItem { Concern = "F's development", Action = "Weekly health visitor contact", OwnerProfessionalId = w.HealthVisitor.Id, Due = new DateOnly(2015, 3, 16), SuccessMeasure = "F seen weekly" }],
    }, w.SocialWorker.Id, [w.F.Id, w.Mother.Id], w.Clock.GetUtcNow().AddHours(-1), null, Significance.Significant);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_plan_recorded_as_an_entry_takes_the_childs_one_statutory_plan_slot(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plan = (await w.Chronology(db).RecordAsync(w.PartnershipId, PlanEntry(w, PlanType.ChildProtection))).Unwrap();

        Assert.Equal(plan.Id, (await db.Set<ActivePlan>().AsNoTracking().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
        Assert.False(await db.Set<ActivePlan>().AnyAsync(a => a.ChildPersonId == w.Mother.Id));
        var direct = await Assert.ThrowsAsync<WriteConflictException>(() => w.Chronology(db).RecordAsync(w.PartnershipId, PlanEntry(w, PlanType.ChildInNeed)));
        Assert.Contains("child protection plan", direct.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WriteConflictException>(() => w.Plans(db).StartAsync(w.PartnershipId, ChildProtectionPlan(w) with { Type = PlanType.ChildInNeed, Category = null }));
        Assert.Equal(1, await db.Entries.CountAsync(e => e.Kind == EntryKinds.PlanStarted.Code));
        // A safety plan takes no slot and runs alongside.
        (await w.Chronology(db).RecordAsync(w.PartnershipId, Core.TeamAroundChild.Recording.Input(new PlanStarted
        {
            Type = PlanType.Safety,
            Participants = [new SafetyParticipant { Role = "Health visitor", ProfessionalId = w.HealthVisitor.Id, IfConcernsEscalate = "Calls the social worker", IfChildCannotBeSeen = "Calls the police" }],
        }, w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow().AddHours(-1), null))).Unwrap();
        Assert.Equal(plan.Id, (await db.Set<ActivePlan>().AsNoTracking().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_plan_recorded_as_an_entry_and_one_started_by_the_plans_service_at_once_leave_one_active_plan(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await RaceAsync(w.Database, (db, n) => n == 0
            ? w.Plans(db).StartAsync(w.PartnershipId, ChildProtectionPlan(w))
            : w.Chronology(db).RecordAsync(w.PartnershipId, PlanEntry(w, PlanType.ChildInNeed)));

        await using var check = w.Database.Open();
        var plans = await check.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.PlanStarted.Code).ToListAsync();
        Assert.Equal(Assert.Single(plans).Id, (await check.Set<ActivePlan>().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_plans_recorded_as_entries_at_once_leave_one_active_plan(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await RaceAsync(w.Database, (db, n) => w.Chronology(db).RecordAsync(w.PartnershipId, PlanEntry(w, n == 0 ? PlanType.ChildProtection : PlanType.ChildInNeed)));

        await using var check = w.Database.Open();
        var plans = await check.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.PlanStarted.Code).ToListAsync();
        Assert.Equal(Assert.Single(plans).Id, (await check.Set<ActivePlan>().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Ending_a_plan_by_its_first_entry_after_a_correction_frees_the_slot(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var started = (await w.Plans(db).StartAsync(w.PartnershipId, ChildProtectionPlan(w))).Unwrap();
        var corrected = (await w.Chronology(db).CorrectAsync(w.PartnershipId, started.Id, new CorrectionInput { Entry = PlanEntry(w, PlanType.ChildProtection), Reason = "The item's owner was wrong" })).Unwrap();
        Assert.Equal(corrected.Id, (await db.Set<ActivePlan>().AsNoTracking().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);

        (await w.Chronology(db).RecordAsync(w.PartnershipId, Core.TeamAroundChild.Recording.Input(new PlanEnded { PlanEntryId = started.Id, Reason = "Stepped down at review" },
            w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant))).Unwrap();

        Assert.False(await db.Set<ActivePlan>().AnyAsync(a => a.ChildPersonId == w.F.Id));
        Assert.Equal(PlanStatus.Ended, Assert.Single(await w.Plans(db).ForChildAsync(w.PartnershipId, w.F.Id)).Status);
        var next = (await w.Plans(db).StartAsync(w.PartnershipId, ChildProtectionPlan(w) with { Type = PlanType.ChildInNeed, Category = null })).Unwrap();
        Assert.Equal(next.Id, (await db.Set<ActivePlan>().AsNoTracking().SingleAsync(a => a.ChildPersonId == w.F.Id)).PlanEntryId);
    }

    private static EntryInput Observation(TeamWorld w, string text) => new()
    {
        Kind = "observation",
        Details = System.Text.Json.JsonSerializer.SerializeToElement(new { topic = "home-conditions", text }),
        OccurredAt = w.Clock.GetUtcNow().AddHours(-1),
        RecordedByProfessionalId = w.SocialWorker.Id,
        Subjects = [w.F.Id],
        Source = Source.SeenByRecorder,
    };
}
