using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Plans;

public sealed class PlanTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static PlanInput ChildProtectionPlan(TeamWorld w, params PlanItemInput[] items) => new()
    {
        ChildId = w.F.Id,
        Type = PlanType.ChildProtection,
        Category = AbuseCategory.Neglect,
        RecordedByProfessionalId = w.SocialWorker.Id,
        Items = items.Length > 0 ? items :
        [
            new PlanItemInput("F exposed to methadone", "Supervised consumption for the mother", w.DrugWorker.Id, new DateOnly(2015, 3, 2), "Seven days supervised, no missed pick-ups"),
            new PlanItemInput("F's development", "Weekly health visitor contact", w.HealthVisitor.Id, new DateOnly(2015, 3, 16), "F seen weekly; weight on centile"),
        ],
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_plan_item_without_an_owner_is_refused_with_a_clear_error(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var input = ChildProtectionPlan(w,
            new PlanItemInput("F exposed to methadone", "Supervised consumption", w.DrugWorker.Id, new DateOnly(2015, 3, 2), "No missed pick-ups"),
            new PlanItemInput("F's development", "Weekly health visitor contact", null, new DateOnly(2015, 3, 16), "F seen weekly"));

        var refused = await w.Plans(db).StartAsync(w.PartnershipId, input);

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("items[1].ownerProfessionalId", "Select who owns item 2"), (error.Field, error.Message));
        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == "plan-started"));
    }

    [Fact]
    public void Each_missing_part_of_an_item_is_named()
    {
        var input = new PlanInput
        {
            ChildId = Guid.NewGuid(), Type = PlanType.ChildProtection, RecordedByProfessionalId = Guid.NewGuid(),
            Items = [new PlanItemInput("Neglect", "Nursery place", null, null, " ")],
        };
        Assert.Equal(
            [
                ("category", "Select the category of abuse: neglect, physical abuse, emotional abuse or sexual abuse"),
                ("items[0].ownerProfessionalId", "Select who owns item 1"),
                ("items[0].due", "Enter when item 1 is due"),
                ("items[0].successMeasure", "Enter how success will be measured for item 1"),
            ],
            PlanService.Check(input).Errors.Select(e => (e.Field, e.Message)));
        Assert.Empty(PlanService.Check(input with { Draft = true }).Errors);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_safety_plan_needs_every_participants_contingencies_unless_it_is_a_draft(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plans = w.Plans(db);
        var input = new PlanInput
        {
            ChildId = w.C.Id, Type = PlanType.Safety, RecordedByProfessionalId = w.SocialWorker.Id,
            Participants =
            [
                new SafetyParticipantInput("school support worker", w.Teacher.Id),
                new SafetyParticipantInput("mother", PersonId: w.Mother.Id, IfConcernsEscalate: "Call the social worker", IfChildCannotBeSeen: "Bring C to school"),
            ],
        };

        var refused = await plans.StartAsync(w.PartnershipId, input);
        Assert.Equal(
            [
                ("participants[0].ifConcernsEscalate", "Enter what the school support worker will do if concerns escalate"),
                ("participants[0].ifChildCannotBeSeen", "Enter what the school support worker will do if the child cannot be seen"),
            ],
            refused.Errors.Select(e => (e.Field, e.Message)));

        var draft = (await plans.StartAsync(w.PartnershipId, input with { Draft = true })).Unwrap();
        Assert.Equal((SharingLevel.AgencyOnly, PlanStatus.Draft), (draft.SharingLevel, (await plans.ForChildAsync(w.PartnershipId, w.C.Id)).Single().Status));

        var complete = input with
        {
            ReplacesDraftEntryId = draft.Id,
            Participants = [input.Participants[0] with { IfConcernsEscalate = "Ring the duty social worker the same day", IfChildCannotBeSeen = "Visit again next day and tell the social worker" }, input.Participants[1]],
        };
        var plan = (await plans.StartAsync(w.PartnershipId, complete)).Unwrap();
        Assert.Equal(draft.Id, plan.SupersedesEntryId);
        var current = Assert.Single(await plans.ForChildAsync(w.PartnershipId, w.C.Id));
        Assert.Equal((plan.Id, PlanStatus.Active), (current.Entry.Id, current.Status));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Plans_of_the_child_in_need_and_child_protection_kinds_do_not_overlap(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plans = w.Plans(db);
        (await plans.StartAsync(w.PartnershipId, ChildProtectionPlan(w))).Unwrap();

        var cin = await Assert.ThrowsAsync<WriteConflictException>(() => plans.StartAsync(w.PartnershipId, ChildProtectionPlan(w) with { Type = PlanType.ChildInNeed, Category = null }));
        Assert.Equal("The child has a child protection plan: a child in need plan cannot run alongside it", cin.Message);
        var second = await Assert.ThrowsAsync<WriteConflictException>(() => plans.StartAsync(w.PartnershipId, ChildProtectionPlan(w)));
        Assert.Contains("already has a child protection plan", second.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_review_gives_every_items_progress_and_an_achieved_item_closes_its_action(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plans = w.Plans(db);
        var plan = (await plans.StartAsync(w.PartnershipId, ChildProtectionPlan(w))).Unwrap();
        Assert.Equal(2, await db.Actions.CountAsync(a => a.SourceEntryId == plan.Id && a.Status == ActionStatus.Open));

        var partial = await plans.ReviewAsync(w.PartnershipId, new PlanReviewInput(plan.Id, w.SocialWorker.Id, [new ItemProgressInput(0, "Supervised since 9 February", Achieved: true)]));
        Assert.Equal(("progress[1]", "Enter the progress of item 2 (Weekly health visitor contact)"), (Assert.Single(partial.Errors).Field, partial.Errors[0].Message));

        w.Clock.Advance(TimeSpan.FromDays(14));
        var review = (await plans.ReviewAsync(w.PartnershipId, new PlanReviewInput(plan.Id, w.SocialWorker.Id,
            [new ItemProgressInput(0, "Supervised since 9 February", Achieved: true), new ItemProgressInput(1, "Two of three visits made")]))).Unwrap();

        var done = await db.Actions.AsNoTracking().SingleAsync(a => a.SourceEntryId == plan.Id && a.ItemIndex == 0);
        Assert.Equal((ActionStatus.Done, review.Id), (done.Status, done.DoneEntryId));
        Assert.Single((await plans.ForChildAsync(w.PartnershipId, w.F.Id)).Single().Reviews);

        (await plans.EndAsync(w.PartnershipId, new PlanEndInput(plan.Id, w.SocialWorker.Id, "Review conference: no longer at continuing risk"))).Unwrap();
        var withdrawn = await db.Actions.AsNoTracking().SingleAsync(a => a.SourceEntryId == plan.Id && a.ItemIndex == 1);
        Assert.Equal(ActionStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(PlanStatus.Ended, (await plans.ForChildAsync(w.PartnershipId, w.F.Id)).Single().Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_review_gives_an_item_only_to_someone_who_may_see_the_child_who_is_then_given_it_to_acknowledge(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var plans = w.Plans(db);
        var plan = (await plans.StartAsync(w.PartnershipId, ChildProtectionPlan(w))).Unwrap();
        var due = new DateOnly(2015, 3, 30);

        // The teacher works with C, not F; the police officer with no one: neither may open F's record.
        var refused = await plans.ReviewAsync(w.PartnershipId, new PlanReviewInput(plan.Id, w.SocialWorker.Id,
            [new ItemProgressInput(0, "Supervised since 9 February", OwnerProfessionalId: w.Teacher.Id), new ItemProgressInput(1, "Two of three visits made")],
            AddedItems: [new PlanItemInput("F's safety at home", "Check the home address", w.Officer.Id, due, "Home seen")]));
        Assert.Equal(
            [("progress[0].ownerProfessionalId", "Item 1: Tom Teacher cannot open F's record: add them to the team around the child first"),
             ("addedItems[0].ownerProfessionalId", "Item 3: Pat Police cannot open F's record: add them to the team around the child first")],
            refused.Errors.Select(e => (e.Field, e.Message)));
        // A correction of the plan itself (the chronology API's path) is refused the same way.
        var stored = (PlanStarted)DetailsReader.ReadStored(plan.Kind, plan.Details);
        var correction = Recording.Input(stored with { Items = [stored.Items[0] with { OwnerProfessionalId = w.Officer.Id }, stored.Items[1]] },
            w.SocialWorker.Id, [w.F.Id], plan.OccurredAt ?? plan.RecordedAt, null, plan.Significance, plan.SharingLevel);
        var corrected = await w.Chronology(db).CorrectAsync(w.PartnershipId, plan.Id, new CorrectionInput { Entry = correction, Reason = "Police to lead on item 1" });
        Assert.Equal("entry.details.items[0].ownerProfessionalId", Assert.Single(corrected.Errors).Field);
        Assert.Empty(await db.Notifications.AsNoTracking().Where(n => n.RecipientProfessionalId == w.Teacher.Id || n.RecipientProfessionalId == w.Officer.Id).ToListAsync());

        // The GP is in F's team: the item is theirs, and they are given it to acknowledge.
        (await plans.ReviewAsync(w.PartnershipId, new PlanReviewInput(plan.Id, w.SocialWorker.Id,
            [new ItemProgressInput(0, "Supervised since 9 February", OwnerProfessionalId: w.Doctor.Id), new ItemProgressInput(1, "Two of three visits made")]))).Unwrap();
        var action = await db.Actions.AsNoTracking().SingleAsync(a => a.ItemIndex == 0 && a.Status == ActionStatus.Open);
        Assert.Equal(w.Doctor.Id, action.OwnerProfessionalId);
        var item = await db.Notifications.AsNoTracking().SingleAsync(n => n.RecipientProfessionalId == w.Doctor.Id && n.ActionId == action.Id);
        Assert.Equal((NotificationKind.ActionReassigned, true, w.F.Id), (item.Kind, item.NeedsAcknowledgement, item.ChildPersonId));
        Assert.True(item.DueAt > w.Clock.GetUtcNow());
    }
}
