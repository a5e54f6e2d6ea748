using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Actions;

public sealed class ActionTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static ChildProtectionMedical Medical(TeamWorld w) => new()
    {
        Opinion = MedicalOpinion.Undetermined,
        Findings = "Bruise to the left cheek; cause not determined",
        PaediatricianId = w.Paediatrician.Id,
        Actions =
        [
            new ActionItem { Description = "Skeletal survey", OwnerProfessionalId = w.Paediatrician.Id, Due = new DateOnly(2015, 2, 4) },
            new ActionItem { Description = "Share the findings with the GP", OwnerProfessionalId = w.SocialWorker.Id, Due = new DateOnly(2015, 2, 3) },
            new ActionItem { Description = "Check the sibling" },
        ],
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_action_in_an_entry_is_tracked_and_its_owner_told(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w));
        await using var db = w.Database.Open();
        var actions = w.Actions(db);

        var mine = await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id);
        var view = Assert.Single(mine);
        Assert.Equal(("Share the findings with the GP", "F", "Child protection medical", medical.Id, 1), (view.Action.Description, string.Join(", ", view.Children.Select(c => c.Name)), view.SourceLabel, view.Action.SourceEntryId, view.Action.ItemIndex));
        Assert.Equal(3, (await actions.ForChildAsync(w.PartnershipId, w.F.Id)).Count);
        Assert.Null((await db.Actions.SingleAsync(a => a.Description == "Check the sibling")).OwnerProfessionalId);

        var told = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.ActionAssigned).ToListAsync();
        // The paediatrician recorded their own action; the social worker is told of theirs, by email too.
        var notice = Assert.Single(told);
        Assert.Equal((w.SocialWorker.Id, view.Action.Id), (notice.RecipientProfessionalId, notice.ActionId));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.NotificationId == notice.Id));

        var done = await actions.CompleteAsync(w.PartnershipId, view.Action.Id, new CompleteActionInput(w.Teacher.Id, "Done"));
        Assert.Equal("byProfessionalId", Assert.Single(done.Errors).Field);
        var noNote = await actions.CompleteAsync(w.PartnershipId, view.Action.Id, new CompleteActionInput(w.SocialWorker.Id, ""));
        Assert.Equal(("note", "Enter what was done, or choose the entry that shows it"), (Assert.Single(noNote.Errors).Field, noNote.Errors[0].Message));
        w.Clock.Advance(TimeSpan.FromHours(2));
        (await actions.CompleteAsync(w.PartnershipId, view.Action.Id, new CompleteActionInput(w.SocialWorker.Id, "Phoned and emailed the GP"))).Unwrap();
        Assert.Empty(await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id));
        Assert.Equal([ActionChangeType.Created, ActionChangeType.Done], (await actions.HistoryAsync(w.PartnershipId, view.Action.Id)).Select(c => c.Type));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_overdue_action_escalates_to_the_owners_manager_after_the_policy_time(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await w.RecordAsync(w.Paediatrician, Medical(w));
        await using var db = w.Database.Open();
        var actions = w.Actions(db);

        // The social worker's action is due Tuesday 3 February: overdue from Wednesday.
        w.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 3)));
        Assert.Equal(0, await actions.EscalateOverdueAsync(w.PartnershipId));
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await actions.EscalateOverdueAsync(w.PartnershipId));
        Assert.Equal(0, await actions.EscalateOverdueAsync(w.PartnershipId));

        var escalated = await db.Actions.AsNoTracking().SingleAsync(a => a.EscalatedAt != null);
        Assert.Equal(("Share the findings with the GP", w.Manager.Id), (escalated.Description, escalated.EscalatedToProfessionalId));
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(w.Manager.Id, notice.RecipientProfessionalId);
        Assert.Equal("Overdue since 3 February 2015: Share the findings with the GP (F), owned by Sam Social", notice.Title);
        Assert.Equal(ActionChangeType.Escalated, (await actions.HistoryAsync(w.PartnershipId, escalated.Id))[^1].Type);
        Assert.True((await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id)).Single().IsOverdue);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task When_an_owner_is_recorded_absent_their_manager_reassigns_their_actions(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await w.RecordAsync(w.Paediatrician, Medical(w));
        await w.RecordAsync(w.SocialWorker, new Supervision
        {
            SuperviseeId = w.SocialWorker.Id, SupervisorId = w.Manager.Id, Point = SupervisionPoint.Opening, Discussion = "Plan the s47",
            Actions = [new ActionItem { Description = "See the father in prison", OwnerProfessionalId = w.SocialWorker.Id, Due = new DateOnly(2015, 2, 20) }],
        }, Significance.Routine);
        w.Clock.Advance(TimeSpan.FromDays(1));
        var absence = await w.RecordAsync(w.Manager, new StaffAbsence { ProfessionalId = w.SocialWorker.Id, From = new DateOnly(2015, 2, 3) }, Significance.Routine);

        await using var db = w.Database.Open();
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKind.ActionsNeedReassigning);
        Assert.Equal((w.Manager.Id, absence.Id), (notice.RecipientProfessionalId, notice.EntryId));
        Assert.Equal("Sam Social is absent from 3 February 2015 and owns 2 open actions that may need reassigning", notice.Title);
        var actions = w.Actions(db);
        var away = Assert.Single(await actions.AbsencesAsync(w.PartnershipId, w.Manager.Id));
        Assert.Equal((w.SocialWorker.Id, 2), (away.ProfessionalId, away.OpenActions.Count));

        var notManager = await actions.ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.OtherSocialWorker.Id, "Covering"));
        Assert.Contains("Only a manager", Assert.Single(notManager.Errors).Message);
        var noReason = await actions.ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, null));
        Assert.Equal("reason", Assert.Single(noReason.Errors).Field);

        var notInTeam = await actions.ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, "Covering"));
        Assert.Equal(("toProfessionalId", "Olu Other cannot open F's record: add them to the team around the child first, or reassign those actions to someone else"),
            (Assert.Single(notInTeam.Errors).Field, notInTeam.Errors[0].Message));
        Assert.Equal(2, (await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id)).Count);
        await w.InvolveAsync(w.OtherSocialWorker, w.F, "social worker covering");

        w.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, (await actions.ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, "Sam is off sick; Olu covers the family"))).Unwrap());

        Assert.Empty(await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id));
        var theirs = await actions.MyActionsAsync(w.PartnershipId, w.OtherSocialWorker.Id);
        Assert.Equal(["Share the findings with the GP", "See the father in prison"], theirs.Select(a => a.Action.Description));
        var change = (await actions.HistoryAsync(w.PartnershipId, theirs[0].Action.Id))[^1];
        Assert.Equal((ActionChangeType.Reassigned, w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, w.Clock.GetUtcNow(), "Sam is off sick; Olu covers the family"),
            (change.Type, change.FromProfessionalId, change.ToProfessionalId, change.ByProfessionalId, change.At, change.Reason));
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.ActionReassigned && n.RecipientProfessionalId == w.OtherSocialWorker.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_correction_carries_its_entrys_actions_over(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w));
        await using var db = w.Database.Open();
        var corrected = Medical(w) with
        {
            Actions = [new ActionItem { Description = "Skeletal survey and CT head", OwnerProfessionalId = w.Paediatrician.Id, Due = new DateOnly(2015, 2, 5) }],
        };
        var input = Recording.Input(corrected, w.Paediatrician.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant);
        var correction = (await w.Chronology(db).CorrectAsync(w.PartnershipId, medical.Id, new CorrectionInput { Entry = input, Reason = "Dictated actions were incomplete" })).Unwrap();

        var all = await db.Actions.AsNoTracking().OrderBy(a => a.ItemIndex).ToListAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal((correction.Id, "Skeletal survey and CT head", ActionStatus.Open), (all[0].SourceEntryId, all[0].Description, all[0].Status));
        Assert.All(all.Skip(1), a => Assert.Equal(ActionStatus.Withdrawn, a.Status));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_correction_about_another_child_moves_its_open_actions_to_them_once_each_owner_may_open_that_childs_record(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var strategy = await w.RecordAsync(w.Manager, Strategy(("Arrange a home visit", w.HealthVisitor)), about: [w.F]);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [w.Sharing, w.Tracker, w.Engine], new SignedInWriter());
        Task<Outcome<ChronologyEntry>> CorrectAsync(Professional owner) => signedIn.CorrectAsync(w.PartnershipId, strategy.Id, new CorrectionInput
        {
            Entry = Recording.Input(Strategy(("Arrange a home visit", owner)), w.Manager.Id, [w.C.Id], w.Clock.GetUtcNow(), null),
            Reason = "Recorded against the wrong child",
        });

        // The health visitor works with F, not C: kept as owner, they would hold an action on a child they cannot open.
        var refused = await CorrectAsync(w.HealthVisitor);
        Assert.Equal("entry.details.actions[0].ownerProfessionalId", Assert.Single(refused.Errors).Field);
        (await CorrectAsync(w.SocialWorker)).Unwrap();

        var actions = w.Actions(db);
        Assert.Empty(await actions.ForChildAsync(w.PartnershipId, w.F.Id));
        var moved = Assert.Single(await actions.ForChildAsync(w.PartnershipId, w.C.Id));
        Assert.Equal((w.SocialWorker.Id, ActionStatus.Open), (moved.Action.OwnerProfessionalId, moved.Action.Status));
        Assert.Equal([w.C.Id], moved.Action.ChildIds);
    }

    private static StrategyDiscussion Strategy(params (string What, Professional? Owner)[] actions) => new()
    {
        Decision = StrategyOutcome.Section47Enquiry,
        Actions = [.. actions.Select(a => new ActionItem { Description = a.What, OwnerProfessionalId = a.Owner?.Id, Due = new DateOnly(2015, 2, 10) })],
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task An_action_about_a_family_belongs_to_every_child_it_is_about_and_to_no_sibling_it_does_not_name(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var both = await w.RecordAsync(w.Manager, Strategy(("Visit and see both children alone", w.SocialWorker)), about: [w.F, w.C]);
        var parent = await w.RecordAsync(w.Manager, Strategy(("Ask the mother who stays overnight", w.SocialWorker)), about: [w.Mother]);
        var one = await w.RecordAsync(w.Manager, Strategy(("Book the younger child's medical", w.SocialWorker)), about: [w.F]);
        await using var db = w.Database.Open();
        var actions = w.Actions(db);

        string Children(ActionView v) => string.Join(", ", v.Children.Select(c => c.Name));
        var mine = (await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id)).ToDictionary(v => v.Action.SourceEntryId);
        // The entry's children by name; an entry about the mother alone is about her children.
        Assert.Equal(("C, F", "C, F", "F"), (Children(mine[both.Id]), Children(mine[parent.Id]), Children(mine[one.Id])));
        Assert.Equal(new[] { both.Id, parent.Id, one.Id }.Order(), (await actions.ForChildAsync(w.PartnershipId, w.F.Id)).Select(v => v.Action.SourceEntryId).Order());
        Assert.Equal(new[] { both.Id, parent.Id }.Order(), (await actions.ForChildAsync(w.PartnershipId, w.C.Id)).Select(v => v.Action.SourceEntryId).Order());

        var titles = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.ActionAssigned).Select(n => n.Title).ToListAsync();
        Assert.Contains("Action for you (C and F): Visit and see both children alone, due 10 February 2015", titles);
        Assert.Contains("Action for you (F): Book the younger child's medical, due 10 February 2015", titles);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_item_telling_an_owner_of_an_action_names_only_the_children_they_may_open(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        // A story told as it happened records what was asked, unchecked: the health visitor, in F's team and not C's,
        // was given an action about both.
        await w.RecordAsync(w.Manager, Strategy(("Weigh the baby and check on the toddler", w.HealthVisitor)), about: [w.F, w.C]);
        await using var db = w.Database.Open();

        var item = await db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKind.ActionAssigned && n.RecipientProfessionalId == w.HealthVisitor.Id);
        Assert.Equal("Action for you (F and 1 child you cannot see): Weigh the baby and check on the toddler, due 10 February 2015", item.Title);
        Assert.Equal(w.F.Id, item.ChildPersonId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_action_is_given_only_to_someone_who_may_open_every_child_it_is_about(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        // As a signed-in writer records (a replay records what happened, unchecked): the web app's gate, hiding no one.
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter(new HashSet<Guid>()));
        // The health visitor is in F's team, not C's: an action about both may not be hers; about F alone it may.
        var refused = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            Strategy(("Visit and see both children alone", w.SocialWorker), ("Weigh the baby", w.HealthVisitor)), w.Manager.Id, [w.F.Id, w.C.Id], w.Clock.GetUtcNow(), null));
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("details.actions[1].ownerProfessionalId", "Action 2: Hana Visitor cannot open C's record: add them to the team around the child first"), (error.Field, error.Message));
        Assert.Empty(await db.Actions.AsNoTracking().ToListAsync());
        await w.RecordAsync(w.Manager, Strategy(("Weigh the baby", w.HealthVisitor)), about: [w.F]);

        // A plan's items, in a draft as when it starts, are held to the same rule.
        var draft = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new PlanStarted
        {
            Type = PlanType.ChildInNeed, Draft = true,
            Items = [new PlanItem { Concern = "School", Action = "Send the attendance", OwnerProfessionalId = w.Teacher.Id, Due = new DateOnly(2015, 3, 1) }],
        }, w.SocialWorker.Id, [w.F.Id, w.C.Id], w.Clock.GetUtcNow(), null));
        Assert.Equal(("details.items[0].ownerProfessionalId", "Item 1: Tom Teacher cannot open F's record: add them to the team around the child first"),
            (Assert.Single(draft.Errors).Field, draft.Errors[0].Message));

        // Reassigning a family's action to someone who cannot open one of its children is refused, naming the child.
        await w.RecordAsync(w.Manager, Strategy(("Visit and see both children alone", w.SocialWorker)), about: [w.F, w.C]);
        var moved = await w.Actions(db).ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.Teacher.Id, w.Manager.Id, "Absent"));
        Assert.Equal(("toProfessionalId", "Tom Teacher cannot open F's record: add them to the team around the child first, or reassign those actions to someone else"),
            (Assert.Single(moved.Errors).Field, moved.Errors[0].Message));
    }

    /// <summary>
    /// What an entry asks reaches no further than the entry: an action of an entry shared more narrowly than the team is
    /// given and reassigned only to someone who may read that entry, and named to the owner's manager only if they may.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task An_action_of_an_entry_shared_narrowly_goes_only_to_those_who_may_read_the_entry(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter(new HashSet<Guid>()));
        // Shared with the recording agency and the lead: the health visitor is in F's team, but may not read it.
        var refused = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            Strategy(("Weigh the baby", w.HealthVisitor)), w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant, SharingLevel.AgencyOnly));
        Assert.Equal(("details.actions[0].ownerProfessionalId",
                "Action 1: Hana Visitor may not read this entry at its sharing level (recording agency and lead professional): choose an owner who may, or share the entry more widely"),
            (Assert.Single(refused.Errors).Field, refused.Errors[0].Message));
        // Shared with the team, the same action may be hers; and a correction that narrows the entry asks her again.
        var shared = (await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            Strategy(("Weigh the baby", w.HealthVisitor)), w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant))).Unwrap();
        var narrowed = await signedIn.CorrectAsync(w.PartnershipId, shared.Id, new CorrectionInput
        {
            Entry = Recording.Input(Strategy(("Weigh the baby", w.HealthVisitor)), w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant, SharingLevel.AgencyOnly),
            Reason = "Health details",
        });
        Assert.Equal("entry.details.actions[0].ownerProfessionalId", Assert.Single(narrowed.Errors).Field);

        // The GP's entry, shared with the practice and the lead, gives the lead social worker an action: theirs to read.
        await w.RecordAsync(w.Doctor, Strategy(("Share the findings with the GP", w.SocialWorker)), sharing: SharingLevel.AgencyOnly, about: [w.F]);
        var actions = w.Actions(db);
        var action = (await actions.MyActionsAsync(w.PartnershipId, w.SocialWorker.Id)).Single().Action;
        // Another social worker in the team may open F's record, but not read the GP's entry: not theirs to take on.
        await w.InvolveAsync(w.OtherSocialWorker, w.F, "social worker covering");
        var reassigned = await actions.ReassignAsync(w.PartnershipId, action.Id, new ReassignInput(w.Manager.Id, w.OtherSocialWorker.Id, "Covering"));
        Assert.Equal(("toProfessionalId", "Olu Other may not read the strategy discussion this action comes from, at its sharing level: choose someone who may"),
            (Assert.Single(reassigned.Errors).Field, reassigned.Errors[0].Message));
        var all = await actions.ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, "Covering"));
        Assert.StartsWith("Olu Other may not read the strategy discussion one of these actions comes from", Assert.Single(all.Errors).Message);
        Assert.Equal(w.SocialWorker.Id, (await db.Actions.AsNoTracking().SingleAsync(a => a.Id == action.Id)).OwnerProfessionalId);

        // Overdue, it escalates to the social worker's manager, who may open F's record but not read the GP's entry.
        w.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 12)));
        Assert.Equal(1, await actions.EscalateOverdueAsync(w.PartnershipId));
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(w.Manager.Id, notice.RecipientProfessionalId);
        Assert.Equal("Overdue since 10 February 2015: An action from a strategy discussion you may not read (F), owned by Sam Social", notice.Title);
    }

    /// <summary>
    /// A refusal never names a child the writer may not see: an entry about a parent is about each of their children,
    /// and the writer is told of one they cannot see only as "a child this entry is about".
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task A_refused_owner_is_told_of_a_child_the_writer_may_not_see_without_its_name(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        async Task<string> RefusalAsync(IRecordGate gate)
        {
            var refused = await new ChronologyService(db, w.Clock, [], gate).RecordAsync(w.PartnershipId, Recording.Input(
                Strategy(("Weigh the baby", w.HealthVisitor)), w.Manager.Id, [w.Mother.Id], w.Clock.GetUtcNow(), null));
            return Assert.Single(refused.Errors).Message;
        }

        Assert.Equal("Action 1: Hana Visitor cannot open C's record: add them to the team around the child first", await RefusalAsync(new SignedInWriter(new HashSet<Guid>())));
        var hidden = await RefusalAsync(new SignedInWriter(new HashSet<Guid> { w.C.Id }));
        Assert.Equal("Action 1: Hana Visitor cannot open the record of a child this entry is about: add them to the team around the child first", hidden);
        Assert.DoesNotContain(w.C.DisplayName, hidden, StringComparison.Ordinal);
        Assert.Empty(await db.Actions.AsNoTracking().ToListAsync());
    }

    /// <summary>An absence about no child is seen through no child: only the absent professional's manager records one.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task An_absence_about_no_child_is_recorded_only_by_the_absent_professionals_manager(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        Task<Chronicle.Core.Validation.Outcome<ChronologyEntry>> RecordAsync(Professional by) => w.Chronology(db).RecordAsync(w.PartnershipId, Recording.Input(
            new StaffAbsence { ProfessionalId = w.SocialWorker.Id, From = new DateOnly(2015, 3, 2) }, by.Id, [], w.Clock.GetUtcNow(), null));

        var refused = await RecordAsync(w.HealthVisitor);
        Assert.Equal("subjects", Assert.Single(refused.Errors).Field);
        Assert.True((await RecordAsync(w.Manager)).Succeeded);
        Assert.Equal(1, await db.Entries.CountAsync(e => e.Kind == "staff-absence"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_database_from_before_0020_gives_each_action_every_child_its_entry_is_about(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var both = await w.RecordAsync(w.Manager, Strategy(("Visit and see both children alone", w.SocialWorker)), about: [w.F, w.C]);
        await using (var db = w.Database.Open())
        {
            // As the database stood before 0020: each action filed under one child, the first it was about.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE action_children");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_versions WHERE version = 20");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE actions SET child_person_id = {w.F.Id}");
        }
        await using (var db = w.Database.Open())
        {
            Assert.Equal([20], await SchemaMigrator.MigrateAsync(db));
            var action = await db.Actions.AsNoTracking().Include(a => a.Children).SingleAsync(a => a.SourceEntryId == both.Id);
            Assert.Equal([w.C.Id, w.F.Id], action.ChildIds);
            Assert.Single(await w.Actions(db).ForChildAsync(w.PartnershipId, w.C.Id));
        }
    }
}
