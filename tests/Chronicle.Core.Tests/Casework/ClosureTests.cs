using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using TestResult = Chronicle.Core.Chronology.Details.TestResult;

namespace Chronicle.Core.Tests.Casework;

public sealed class ClosureTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static ChildProtectionMedical Medical(TeamWorld w) => new()
    {
        Opinion = MedicalOpinion.Undetermined, Findings = "Bruise to the left cheek", PaediatricianId = w.Paediatrician.Id,
        Actions = [new ActionItem { Description = "Skeletal survey", OwnerProfessionalId = w.Paediatrician.Id, Due = new DateOnly(2015, 2, 4) }],
    };

    private static SupervisionInput Closing(TeamWorld w) => new()
    {
        ChildId = w.F.Id, SuperviseeId = w.SocialWorker.Id, SupervisorId = w.Manager.Id, Point = SupervisionPoint.Closing,
        Discussion = "Reviewed the s47 outcome and the medical's findings before closure",
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_case_cannot_close_while_an_action_is_open(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await w.RecordAsync(w.Paediatrician, Medical(w));
        await w.RecordAsync(w.SocialWorker, new MedicalReportReceived { MedicalEntryId = (await FirstMedicalAsync(w)).Id }, Significance.Routine);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();
        var closure = w.Closure(db);
        var input = new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "Section 47 completed: no further action" };

        var refused = await closure.CloseAsync(w.PartnershipId, input);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("looseEnds", error.Field);
        Assert.Equal("The case cannot close while an action is open. Mark each done or hand it on: Action \"Skeletal survey\" from the child protection medical, owned by Dr Paed, due 4 February 2015", error.Message);
        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == "case-closure"));

        var action = await db.Actions.AsNoTracking().SingleAsync();
        (await w.Actions(db).CompleteAsync(w.PartnershipId, action.Id, new CompleteActionInput(w.Paediatrician.Id, "Survey clear"))).Unwrap();
        var closed = (await closure.CloseAsync(w.PartnershipId, input)).Unwrap();
        Assert.Equal(ClosureStage.Closed, Assert.IsType<CaseClosure>(DetailsReader.ReadStored(closed.Kind, closed.Details)).Stage);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_action_about_siblings_holds_open_only_the_last_of_their_cases(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w), Significance.Significant, SharingLevel.Team, w.F, w.C);
        await w.RecordAsync(w.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id }, Significance.Routine, SharingLevel.Team, w.F, w.C);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w) with { ChildId = w.C.Id })).Unwrap();
        var closure = w.Closure(db);
        var closeF = new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "F has moved to live with her grandmother in Wales" };

        Assert.DoesNotContain((await closure.LooseEndsAsync(w.PartnershipId, w.F.Id)), l => l.Kind == LooseEndKind.OpenAction);
        (await closure.CloseAsync(w.PartnershipId, closeF)).Unwrap();

        var closeC = await closure.CloseAsync(w.PartnershipId, closeF with { ChildId = w.C.Id, Reason = "Section 47 completed: no further action" });
        var error = Assert.Single(closeC.Errors);
        Assert.Equal("looseEnds", error.Field);
        Assert.Contains("Skeletal survey", error.Message, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Open, (await db.Actions.AsNoTracking().SingleAsync()).Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_action_about_a_child_is_not_carried_by_another_child_named_with_no_case_open(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        Person named;
        await using (var setUp = w.Database.Open())
            named = (await new RecordService(setUp, w.Clock).CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "S", DateOfBirth = new DateOnly(2010, 5, 1) })).Unwrap();
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w), Significance.Significant, SharingLevel.Team, w.F, named);
        await w.RecordAsync(w.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id }, Significance.Routine, SharingLevel.Team, w.F, named);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();

        var refused = await w.Closure(db).CloseAsync(w.PartnershipId, new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "No further action" });

        Assert.Contains("Skeletal survey", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Closure_lists_its_loose_ends_and_accepts_awaited_results_only_with_a_managers_reason(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w) with { Actions = [] });
        var test = await w.RecordAsync(w.DrugWorker, new TestResult { Test = "Urine toxicology", Substance = "methadone", Outcome = TestOutcome.Inconclusive, SampleQuality = SampleQuality.Dilute },
            Significance.Significant, SharingLevel.Team, w.F);
        var records = await w.RecordAsync(w.SocialWorker, new RecordsRequested { FromArea = "Cardiff", FromAgency = "Cardiff Children's Services" }, Significance.Routine);
        await using var db = w.Database.Open();
        var closure = w.Closure(db);

        var proposal = (await closure.ProposeAsync(w.PartnershipId, new ProposeClosureInput(w.F.Id, w.SocialWorker.Id, "No further concerns"))).Unwrap();
        Assert.Equal(
            [
                ($"result:{medical.Id}", LooseEndKind.PendingResult),
                ($"result:{records.Id}", LooseEndKind.PendingResult),
                ($"result:{test.Id}", LooseEndKind.PendingResult),
                ("supervision", LooseEndKind.NoSupervision),
            ],
            proposal.LooseEnds.Select(l => (l.Key, l.Kind)));
        Assert.Equal("The report of the child protection medical of 2 February 2015 has not been received", proposal.LooseEnds[0].Description);
        Assert.Equal("Records requested from Cardiff Children's Services, Cardiff on 2 February 2015 have not been received", proposal.LooseEnds[1].Description);
        Assert.Contains("Inconclusive (no result: not negative)", proposal.LooseEnds[2].Description);

        var noReason = await closure.CloseAsync(w.PartnershipId, new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "No further concerns" });
        Assert.Equal([$"looseEnds[result:{medical.Id}]", $"looseEnds[result:{records.Id}]", $"looseEnds[result:{test.Id}]", "looseEnds[supervision]"], noReason.Errors.Select(e => e.Field));
        Assert.EndsWith("record supervision before closing the case", noReason.Errors[3].Message);

        w.Clock.Advance(TimeSpan.FromHours(1));
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();
        var accepted = new Dictionary<string, string>
        {
            [$"result:{medical.Id}"] = "Report chased twice; the findings were given verbally at the strategy discussion",
            [$"result:{test.Id}"] = "Repeat test taken by the GP on 3 February; closing with the GP to follow up",
            [$"result:{records.Id}"] = "Cardiff confirm by phone they hold nothing on the family",
        };
        var input = new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "No further concerns", AcceptedLooseEnds = accepted, ManagerProfessionalId = w.OtherSocialWorker.Id };
        Assert.Contains("Only a manager", Assert.Single((await closure.CloseAsync(w.PartnershipId, input)).Errors).Message);
        // A manager of another agency manages none of this worker's work.
        var elsewhere = (await new RecordService(db, w.Clock).CreateProfessionalAsync(w.PartnershipId, new ProfessionalInput("Pat Inspector", w.Police.Id, ProfessionalRole.TeamManager))).Unwrap();
        Assert.Contains("Only a manager", Assert.Single((await closure.CloseAsync(w.PartnershipId, input with { ManagerProfessionalId = elsewhere.Id })).Errors).Message);

        var closed = (await closure.CloseAsync(w.PartnershipId, input with { ManagerProfessionalId = w.Manager.Id })).Unwrap();
        Assert.Contains("Closed with loose ends accepted by Mo Manager", closed.Narrative);
        var decisions = (await db.Entries.AsNoTracking().Where(e => e.Kind == "decision" && e.RecordedByProfessionalId == w.Manager.Id).ToListAsync())
            .Select(e => (DecisionRecorded)DetailsReader.ReadStored(e.Kind, e.Details)).ToList();
        Assert.Contains(decisions, d => d.Topic == DecisionTopic.RepeatTest && d.AboutEntryId == test.Id && d.Rationale.StartsWith("Repeat test taken", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.AboutEntryId == medical.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_signed_in_worker_cannot_accept_loose_ends_in_their_managers_name_and_the_manager_accepts_them_by_closing_the_case(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var records = await w.RecordAsync(w.SocialWorker, new RecordsRequested { FromArea = "Cardiff", FromAgency = "Cardiff Children's Services" }, Significance.Routine);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();
        var closure = new ClosureService(db, new ChronologyService(db, w.Clock, [w.Sharing, w.Tracker, w.Engine], new SignedInWriter()), new AlertService(db, w.Engine, w.Clock), w.Clock);
        var byWorker = new CloseCaseInput
        {
            ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "No further concerns",
            AcceptedLooseEnds = new Dictionary<string, string> { [$"result:{records.Id}"] = "Cardiff confirm by phone they hold nothing on the family" },
        };

        var inTheirName = await closure.CloseAsync(w.PartnershipId, byWorker with { ManagerProfessionalId = w.Manager.Id });
        Assert.Equal(("managerProfessionalId", "Loose ends are accepted by the manager themselves: ask Mo Manager to close the case on its closure page, giving a reason for each"),
            (Assert.Single(inTheirName.Errors).Field, inTheirName.Errors[0].Message));
        var inTheirOwn = await closure.CloseAsync(w.PartnershipId, byWorker);
        Assert.Equal(("acceptedLooseEnds", "Only a manager of the case can accept loose ends: ask your manager, Mo Manager, to close the case on its closure page, giving a reason for each"),
            (Assert.Single(inTheirOwn.Errors).Field, inTheirOwn.Errors[0].Message));
        var unaccepted = await closure.CloseAsync(w.PartnershipId, byWorker with { AcceptedLooseEnds = new Dictionary<string, string>() });
        Assert.Contains("resolve it, or ask your manager, Mo Manager, to accept it", Assert.Single(unaccepted.Errors).Message, StringComparison.Ordinal);
        Assert.Equal("your manager, Mo Manager,", await closure.MayNotAcceptAsync(w.PartnershipId, w.F.Id, w.SocialWorker.Id));
        // A fellow worker is no manager of the case either.
        Assert.Equal("acceptedLooseEnds", Assert.Single((await closure.CloseAsync(w.PartnershipId, byWorker with { RecordedByProfessionalId = w.OtherSocialWorker.Id })).Errors).Field);
        Assert.False(await db.Entries.AnyAsync(e => e.Kind == "decision" || e.Kind == "case-closure"));

        Assert.Null(await closure.MayNotAcceptAsync(w.PartnershipId, w.F.Id, w.Manager.Id));
        var closed = (await closure.CloseAsync(w.PartnershipId, byWorker with { RecordedByProfessionalId = w.Manager.Id })).Unwrap();
        Assert.Equal(w.Manager.Id, closed.RecordedByProfessionalId);
        Assert.Contains("Closed with loose ends accepted by Mo Manager", closed.Narrative);
        var decision = await db.Entries.AsNoTracking().SingleAsync(e => e.Kind == "decision");
        Assert.Equal((w.Manager.Id, records.Id), (decision.RecordedByProfessionalId, ((DecisionRecorded)DetailsReader.ReadStored(decision.Kind, decision.Details)).AboutEntryId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_open_alert_closes_with_the_case_only_on_a_managers_reason(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, Closing(w))).Unwrap();
        var alert = new Alert
        {
            Id = Guid.NewGuid(), PartnershipId = w.PartnershipId, SafeguardId = "SG-20", SubjectPersonId = w.F.Id, CauseKey = "test", Severity = Severity.Action,
            Summary = "Drift while the social worker is absent", AskFor = "Manager review", OwnerProfessionalId = w.SocialWorker.Id,
            RaisedAt = w.Clock.GetUtcNow(), DueAt = w.Clock.GetUtcNow().AddDays(2), Status = AlertStatus.Open,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        var closure = w.Closure(db);
        var input = new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "Family moved to Wales; case transferred" };

        var refused = await closure.CloseAsync(w.PartnershipId, input);
        Assert.Equal($"looseEnds[alert:{alert.Id}]", Assert.Single(refused.Errors).Field);

        (await closure.CloseAsync(w.PartnershipId, input with
        {
            ManagerProfessionalId = w.Manager.Id,
            AcceptedLooseEnds = new Dictionary<string, string> { [$"alert:{alert.Id}"] = "Reviewed in supervision; the family has left the area" },
        })).Unwrap();
        var closedAlert = await db.Alerts.AsNoTracking().SingleAsync();
        Assert.Equal(AlertStatus.Closed, closedAlert.Status);
        Assert.Equal("Reviewed in supervision; the family has left the area", (await db.AlertEvents.AsNoTracking().SingleAsync(e => e.AlertId == alert.Id && e.Type == AlertEventType.Closed)).Reason);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Supervision_is_recorded_by_a_manager(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var supervision = w.Supervision(db);

        var byPeer = await supervision.RecordAsync(w.PartnershipId, Closing(w) with { SupervisorId = w.OtherSocialWorker.Id });
        Assert.Equal(("supervisorId", "Supervision is given by a manager: Olu Other is not Sam Social's manager, or a team manager or conference chair of their team"),
            (Assert.Single(byPeer.Errors).Field, byPeer.Errors[0].Message));
        // A team manager supervises their own agency's workers, never another agency's (a GP, a police officer).
        foreach (var outsider in new[] { w.Doctor, w.Officer, w.HealthVisitor })
        {
            var ofAnotherAgency = await supervision.RecordAsync(w.PartnershipId, Closing(w) with { SuperviseeId = outsider.Id });
            Assert.Equal(("superviseeId", $"A manager supervises workers of their own agency: {outsider.Name} works for another agency"),
                (Assert.Single(ofAnotherAgency.Errors).Field, ofAnotherAgency.Errors[0].Message));
        }
        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == "supervision"));

        var entry = (await supervision.RecordAsync(w.PartnershipId, Closing(w) with
        {
            Point = SupervisionPoint.Opening,
            Actions = [new ActionInput("Visit the father in prison", w.SocialWorker.Id, new DateOnly(2015, 2, 13))],
        })).Unwrap();
        Assert.Equal((w.Manager.Id, SharingLevel.AgencyOnly), (entry.RecordedByProfessionalId, entry.SharingLevel));
        Assert.Equal(SupervisionPoint.Opening, Assert.Single(await supervision.ForChildAsync(w.PartnershipId, w.F.Id)).Supervision.Point);
        Assert.Equal("Visit the father in prison", Assert.Single(await w.Actions(db).MyActionsAsync(w.PartnershipId, w.SocialWorker.Id)).Action.Description);
    }

    private static async Task<ChronologyEntry> FirstMedicalAsync(TeamWorld w)
    {
        await using var db = w.Database.Open();
        return await db.Entries.AsNoTracking().FirstAsync(e => e.Kind == "cp-medical");
    }
}
