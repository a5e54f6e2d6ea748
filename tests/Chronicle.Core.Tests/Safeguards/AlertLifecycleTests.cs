using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class AlertLifecycleTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>Fires for each "concern" observation until an observation "handled" follows it.</summary>
    private sealed class ConcernNotHandled : ISafeguard
    {
        public static readonly SettingDefinition Within = new("within", "Handle within", "2", "working days");
        public string Id => "SG-T1";
        public int Version => 1;
        public string Title => "Concern not handled";
        public Severity Severity => Severity.Action;
        public IReadOnlyList<Lesson> Lessons => [];
        public IReadOnlyList<SettingDefinition> Settings => [Within];

        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
        {
            var handled = file.Of<Observation>().Where(e => e.As<Observation>()!.Text == "handled").Select(e => e.When).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            foreach (var concern in file.Of<Observation>().Where(e => e.As<Observation>()!.Text == "concern" && e.When > handled))
                yield return new Finding($"concern:{concern.Id}", "A concern not yet handled", "Record that it was handled",
                    context.Calendar.DueAfterWorkingDays(concern.RecordedAt, context.Policy.GetInt(Id, Within)), [concern.Id]);
        }

        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;
    }

    /// <summary>One finding for every concern not yet handled, citing them all: later concerns add to the one alert.</summary>
    private sealed class ConcernsFolded : ISafeguard
    {
        public string Id => "SG-T2";
        public int Version => 1;
        public string Title => "Concerns not handled";
        public Severity Severity => Severity.Action;
        public IReadOnlyList<Lesson> Lessons => [];
        public IReadOnlyList<SettingDefinition> Settings => [];

        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
        {
            var concerns = file.Of<Observation>().Where(e => e.As<Observation>()!.Text == "concern").ToList();
            if (concerns.Count > 0)
                yield return new Finding("concerns", $"{concerns.Count} concerns not yet handled", $"Record that the {concerns.Count} concerns were handled",
                    context.Calendar.DueAfterWorkingDays(concerns[0].RecordedAt, 2), [.. concerns.Select(c => c.Id)]);
        }

        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;
    }

    private sealed class Setup : IAsyncDisposable
    {
        public required ChronologyFixture Fixture { get; init; }
        public required SafeguardEngine Engine { get; init; }
        public Guid ManagerId { get; init; }
        public Guid OtherWorkerId { get; init; }

        public async Task<Guid> ObserveAsync(string text)
        {
            await using var db = Fixture.Database.Open();
            var entry = Fixture.Entry("observation", new { topic = "other", text });
            return (await new ChronologyService(db, Fixture.Clock, [Engine]).RecordAsync(Fixture.PartnershipId, entry)).Unwrap().Id;
        }

        public AlertService Alerts(ChronicleDb db) => new(db, Engine, Fixture.Clock);

        public ValueTask DisposeAsync() => Fixture.DisposeAsync();
    }

    private static async Task<Setup> SetUpAsync(Provider provider, ISafeguard? safeguard = null)
    {
        var fixture = await ChronologyFixture.CreateAsync(provider);
        await using var db = fixture.Database.Open();
        var record = new RecordService(db, fixture.Clock);
        var worker = await db.Professionals.SingleAsync();
        var manager = (await record.CreateProfessionalAsync(fixture.PartnershipId, new ProfessionalInput("Mo Manager", worker.AgencyId, ProfessionalRole.TeamManager))).Unwrap();
        var other = (await record.CreateProfessionalAsync(fixture.PartnershipId, new ProfessionalInput("Olu Other", worker.AgencyId, ProfessionalRole.SocialWorker))).Unwrap();
        worker.ManagerId = manager.Id;
        await db.SaveChangesAsync();
        (await record.AddInvolvementAsync(fixture.PartnershipId, new InvolvementInput(fixture.ChildId, worker.AgencyId, "allocated social worker", new DateOnly(2015, 1, 1), worker.Id, IsLead: true))).Unwrap();
        return new Setup
        {
            Fixture = fixture, Engine = new SafeguardEngine([safeguard ?? new ConcernNotHandled()], WorkingDayCalendar.EnglandAndWales, fixture.Clock),
            ManagerId = manager.Id, OtherWorkerId = other.Id,
        };
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_alert_is_raised_once_with_its_evidence_owner_and_due_time(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        var concern = await s.ObserveAsync("concern");
        await s.ObserveAsync("unrelated");
        await using var db = s.Fixture.Database.Open();
        await s.Engine.EvaluateChildAsync(db, s.Fixture.ChildId);

        var alert = await db.Alerts.SingleAsync();
        Assert.Equal("SG-T1", alert.SafeguardId);
        Assert.Equal([concern], alert.Evidence);
        Assert.Equal(s.Fixture.WorkerId, alert.OwnerProfessionalId);
        // Raised Monday 2 February 2015; two working days on is the end of Wednesday 4 February.
        Assert.Equal(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 4)), alert.DueAt);
        Assert.Equal(1, await db.AlertEvents.CountAsync(e => e.Type == AlertEventType.Raised));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_later_entry_about_the_same_cause_brings_the_open_alert_up_to_date_keeping_its_owner_and_due_time(Provider provider)
    {
        await using var s = await SetUpAsync(provider, new ConcernsFolded());
        var first = await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var raised = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Equal("1 concerns not yet handled", raised.Summary);

        s.Fixture.Clock.Advance(TimeSpan.FromDays(1));
        var second = await s.ObserveAsync("concern");
        await s.Engine.EvaluateChildAsync(db, s.Fixture.ChildId);

        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Equal(raised.Id, alert.Id);
        Assert.Equal([first, second], alert.Evidence);
        Assert.Equal("2 concerns not yet handled", alert.Summary);
        Assert.Equal("Record that the 2 concerns were handled", alert.AskFor);
        Assert.Equal(raised.DueAt, alert.DueAt);
        Assert.Equal(raised.OwnerProfessionalId, alert.OwnerProfessionalId);
        var updated = Assert.Single(await db.AlertEvents.Where(e => e.AlertId == alert.Id && e.Type == AlertEventType.Updated).ToListAsync());
        Assert.Equal("1 entry more on record about the same cause", updated.Reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Recording_what_was_asked_for_resolves_the_alert_and_it_never_fires_again_for_that_cause(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var alert = await db.Alerts.AsNoTracking().SingleAsync();

        var early = await s.Alerts(db).ResolveAsync(s.Fixture.PartnershipId, alert.Id);
        // The refusal says what is missing without quoting the alert's own text, which is withheld per reader where shown.
        var refusal = Assert.Single(early.Errors).Message;
        Assert.StartsWith("What this alert asks for is not yet on record", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(alert.AskFor, refusal, StringComparison.Ordinal);

        s.Fixture.Clock.Advance(TimeSpan.FromHours(2));
        await s.ObserveAsync("handled");
        Assert.Equal(AlertStatus.Resolved, (await db.Alerts.AsNoTracking().SingleAsync()).Status);
        await s.Engine.EvaluateChildAsync(db, s.Fixture.ChildId);
        Assert.Equal(1, await db.Alerts.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Acknowledging_is_recorded_in_the_history(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        var acknowledged = (await s.Alerts(db).AcknowledgeAsync(s.Fixture.PartnershipId, alert.Id, s.Fixture.WorkerId)).Unwrap();
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        var history = await s.Alerts(db).HistoryAsync(alert.Id);
        Assert.Equal([AlertEventType.Raised, AlertEventType.Acknowledged], history.Select(e => e.Type));
        Assert.Equal(s.Fixture.WorkerId, history[1].ByProfessionalId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Only_a_manager_may_close_an_alert_and_only_with_a_reason(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        var service = s.Alerts(db);

        var byWorker = await service.CloseAsync(s.Fixture.PartnershipId, alert.Id, s.OtherWorkerId, "Not needed");
        Assert.Contains("Only a manager", Assert.Single(byWorker.Errors).Message);
        var noReason = await service.CloseAsync(s.Fixture.PartnershipId, alert.Id, s.ManagerId, " ");
        Assert.Equal("reason", Assert.Single(noReason.Errors).Field);

        var closed = (await service.CloseAsync(s.Fixture.PartnershipId, alert.Id, s.ManagerId, "Discussed in supervision: the concern was a duplicate")).Unwrap();
        Assert.Equal(AlertStatus.Closed, closed.Status);
        var last = (await service.HistoryAsync(alert.Id))[^1];
        Assert.Equal((AlertEventType.Closed, "Discussed in supervision: the concern was a duplicate"), (last.Type, last.Reason));
        Assert.Contains("already closed", (await Assert.ThrowsAsync<WriteConflictException>(() => service.AcknowledgeAsync(s.Fixture.PartnershipId, alert.Id, s.Fixture.WorkerId))).Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_open_alert_past_its_due_time_escalates_once_to_the_owners_manager(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var service = s.Alerts(db);

        s.Fixture.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 4)));
        Assert.Equal(0, await service.EscalateOverdueAsync(s.Fixture.PartnershipId));
        s.Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await service.EscalateOverdueAsync(s.Fixture.PartnershipId));
        Assert.Equal(0, await service.EscalateOverdueAsync(s.Fixture.PartnershipId));

        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Equal(s.ManagerId, alert.EscalatedToProfessionalId);
        Assert.Equal(AlertEventType.Escalated, (await service.HistoryAsync(alert.Id))[^1].Type);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_overdue_alert_goes_to_a_manager_who_may_open_the_child_not_to_an_owners_manager_who_may_not(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await using (var setup = s.Fixture.Database.Open())
        {
            // The owner's manager on record is a senior practitioner with no manager's account: they may not open the child.
            (await setup.Professionals.SingleAsync(p => p.Id == s.ManagerId)).Role = ProfessionalRole.SocialWorker;
            var record = new RecordService(setup, s.Fixture.Clock);
            var agency = (await setup.Professionals.SingleAsync(p => p.Id == s.OtherWorkerId)).AgencyId;
            var teamManager = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Tia Teammanager", agency, ProfessionalRole.TeamManager))).Unwrap();
            (await setup.Professionals.SingleAsync(p => p.Id == s.OtherWorkerId)).ManagerId = teamManager.Id;
            await setup.SaveChangesAsync();
            (await record.AddInvolvementAsync(s.Fixture.PartnershipId, new InvolvementInput(s.Fixture.ChildId, agency, "family support worker", new DateOnly(2015, 1, 1), s.OtherWorkerId))).Unwrap();
        }
        await s.ObserveAsync("concern");
        await using var db = s.Fixture.Database.Open();
        var service = s.Alerts(db);

        s.Fixture.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 5)));
        Assert.Equal(1, await service.EscalateOverdueAsync(s.Fixture.PartnershipId));

        // The team manager who manages someone in the child's team may open the record and act: it goes to them.
        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        var tia = await db.Professionals.SingleAsync(p => p.Name == "Tia Teammanager");
        Assert.Equal(tia.Id, alert.EscalatedToProfessionalId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_alert_about_a_child_the_front_door_holds_is_the_front_door_workers_and_escalates_to_their_manager_who_may_open_it(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        Guid child, worker, manager;
        await using (var setup = s.Fixture.Database.Open())
        {
            var record = new RecordService(setup, s.Fixture.Clock);
            var agency = (await setup.Professionals.SingleAsync(p => p.Id == s.Fixture.WorkerId)).AgencyId;
            manager = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Fran Frontdoormanager", agency, ProfessionalRole.TeamManager))).Unwrap().Id;
            worker = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Fay Frontdoor", agency, ProfessionalRole.FrontDoorWorker))).Unwrap().Id;
            (await setup.Professionals.SingleAsync(p => p.Id == worker)).ManagerId = manager;
            await setup.SaveChangesAsync();
            child = (await record.CreatePersonAsync(s.Fixture.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Child K", DateOfBirth = new DateOnly(2012, 3, 1) })).Unwrap().Id;
            var chronology = new ChronologyService(setup, s.Fixture.Clock, [s.Engine]);
            (await chronology.RecordAsync(s.Fixture.PartnershipId, s.Fixture.Entry("contact", new { type = "contact", concerns = "Seen alone at night" }) with { Subjects = [child], RecordedByProfessionalId = worker })).Unwrap();
            (await chronology.RecordAsync(s.Fixture.PartnershipId, s.Fixture.Entry("observation", new { topic = "other", text = "concern" }) with { Subjects = [child], RecordedByProfessionalId = worker })).Unwrap();
        }
        await using var db = s.Fixture.Database.Open();
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.SubjectPersonId == child);
        var facts = (await ChildAccessReader.FactsAsync(db, child, s.Fixture.Clock.GetUtcNow(), CancellationToken.None))!;
        var viewers = await ChildAccessReader.ViewersAsync(db, [worker, manager], CancellationToken.None);

        // No one has the child in their team: only the front door, and its manager, may open the record while the contact waits.
        Assert.Equal(worker, alert.OwnerProfessionalId);
        Assert.Equal(AccessBasis.FrontDoor, ChildAccessReader.Widest(viewers[worker], facts).Basis);
        Assert.Equal(AccessBasis.FrontDoor, ChildAccessReader.Widest(viewers[manager], facts).Basis);

        s.Fixture.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 5)));
        Assert.Equal(1, await s.Alerts(db).EscalateOverdueAsync(s.Fixture.PartnershipId));
        Assert.Equal(manager, (await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id)).EscalatedToProfessionalId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_alert_the_front_doors_manager_owns_is_never_escalated_to_the_front_door_of_another_area(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        Guid child, worker, manager, elsewhere;
        await using (var setup = s.Fixture.Database.Open())
        {
            var record = new RecordService(setup, s.Fixture.Clock);
            var agency = (await setup.Professionals.SingleAsync(p => p.Id == s.Fixture.WorkerId)).AgencyId;
            (await setup.Agencies.SingleAsync(a => a.Id == agency)).Area = "Eastshire";
            var otherArea = (await record.CreateAgencyAsync(s.Fixture.PartnershipId, new AgencyInput("Westshire Children's Services", AgencyKind.ChildrensSocialCare, "Westshire"))).Unwrap().Id;
            elsewhere = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Wes Westmanager", otherArea, ProfessionalRole.TeamManager))).Unwrap().Id;
            var theirs = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Wyn Westfrontdoor", otherArea, ProfessionalRole.FrontDoorWorker))).Unwrap().Id;
            manager = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Fran Frontdoormanager", agency, ProfessionalRole.TeamManager))).Unwrap().Id;
            worker = (await record.CreateProfessionalAsync(s.Fixture.PartnershipId, new ProfessionalInput("Fay Frontdoor", agency, ProfessionalRole.FrontDoorWorker))).Unwrap().Id;
            (await setup.Professionals.SingleAsync(p => p.Id == worker)).ManagerId = manager;
            (await setup.Professionals.SingleAsync(p => p.Id == theirs)).ManagerId = elsewhere;
            await setup.SaveChangesAsync();
            child = (await record.CreatePersonAsync(s.Fixture.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Child K", DateOfBirth = new DateOnly(2012, 3, 1) })).Unwrap().Id;
            var chronology = new ChronologyService(setup, s.Fixture.Clock, [s.Engine]);
            (await chronology.RecordAsync(s.Fixture.PartnershipId, s.Fixture.Entry("contact", new { type = "contact", concerns = "Seen alone at night" }) with { Subjects = [child], RecordedByProfessionalId = worker })).Unwrap();
            (await chronology.RecordAsync(s.Fixture.PartnershipId, s.Fixture.Entry("observation", new { topic = "other", text = "concern" }) with { Subjects = [child], RecordedByProfessionalId = worker })).Unwrap();
            // The alert is the front door's manager's own (a step the manager owns): there is no one above them here.
            var alert = await setup.Alerts.SingleAsync(a => a.SubjectPersonId == child);
            alert.OwnerProfessionalId = manager;
            await setup.SaveChangesAsync();
        }
        await using var db = s.Fixture.Database.Open();
        var facts = (await ChildAccessReader.FactsAsync(db, child, s.Fixture.Clock.GetUtcNow(), CancellationToken.None))!;
        // The other area's front door manager could open the child (a contact waits), which is why the area is asked.
        Assert.Equal(AccessBasis.FrontDoor, ChildAccessReader.Widest((await ChildAccessReader.ViewersAsync(db, [elsewhere], CancellationToken.None))[elsewhere], facts).Basis);

        s.Fixture.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 5)));
        Assert.Equal(1, await s.Alerts(db).EscalateOverdueAsync(s.Fixture.PartnershipId));
        Assert.Null((await db.Alerts.AsNoTracking().SingleAsync(a => a.SubjectPersonId == child)).EscalatedToProfessionalId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Policy_changes_are_validated_recorded_with_who_and_why_and_applied(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await using var db = s.Fixture.Database.Open();
        var policy = new PolicyService(db, s.Fixture.Clock, [new ConcernNotHandled()]);

        Assert.Equal("key", Assert.Single((await policy.ChangeAsync(s.Fixture.PartnershipId, "SG-T1.nope", "3", s.ManagerId, "Local protocol")).Errors).Field);
        Assert.Contains("whole number", Assert.Single((await policy.ChangeAsync(s.Fixture.PartnershipId, "SG-T1.within", "three", s.ManagerId, "Local protocol")).Errors).Message);
        Assert.Equal("reason", Assert.Single((await policy.ChangeAsync(s.Fixture.PartnershipId, "SG-T1.within", "3", s.ManagerId, "")).Errors).Field);

        var change = (await policy.ChangeAsync(s.Fixture.PartnershipId, "SG-T1.within", "5", s.ManagerId, "Local protocol allows five days")).Unwrap();
        Assert.Equal(("2", "5", s.ManagerId), (change.OldValue, change.NewValue, change.ChangedByProfessionalId));
        var current = Assert.Single(await policy.CurrentAsync(s.Fixture.PartnershipId));
        Assert.Equal(("5", false), (current.Value, current.IsDefault));

        await s.ObserveAsync("concern");
        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Equal(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 9)), alert.DueAt);
    }

    /// <summary>Runs something once, just before the first save of the context it is added to.</summary>
    private sealed class BeforeFirstSave(Func<Task> action) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await action();
            }
            return result;
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_evaluations_of_a_child_racing_to_raise_the_same_alert_raise_it_once_and_neither_fails(Provider provider)
    {
        await using var s = await SetUpAsync(provider);
        await using (var write = s.Fixture.Database.Open())
            (await new ChronologyService(write, s.Fixture.Clock, []).RecordAsync(s.Fixture.PartnershipId, s.Fixture.Entry("observation", new { topic = "other", text = "concern" }))).Unwrap();

        // The second evaluation has read the record and found the cause; the first raises the alert before it saves.
        var first = 0;
        var racing = new BeforeFirstSave(async () =>
        {
            await using var other = s.Fixture.Database.Open();
            first = await s.Engine.EvaluateChildAsync(other, s.Fixture.ChildId);
        });
        await using (var second = new ChronicleDb(new DbContextOptionsBuilder<ChronicleDb>(s.Fixture.Database.Settings.Options()).AddInterceptors(racing).Options))
        {
            Assert.Equal(0, await s.Engine.EvaluateChildAsync(second, s.Fixture.ChildId));
        }

        Assert.Equal(1, first);
        await using var db = s.Fixture.Database.Open();
        var alert = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Single(await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alert.Id && e.Type == AlertEventType.Raised).ToListAsync());
    }
}
