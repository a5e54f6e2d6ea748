using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// A contact the front door decides to take further stays with the front door, waiting for allocation, until someone
/// of children's social care holds the child's case: the front door and its manager keep the child meanwhile, and lose
/// it once a social worker is allocated, by the decision itself, an involvement or a change to the team.
/// </summary>
public sealed class WaitingForAllocationTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>A family's world with a child no one of children's social care works with, a front door worker and their manager.</summary>
    private sealed record Door(TeamWorld World, Person Child, Professional FrontDoor, Professional FrontDoorManager) : IAsyncDisposable
    {
        public static async Task<Door> CreateAsync(Provider provider)
        {
            var w = await TeamWorld.CreateAsync(provider);
            await using var db = w.Database.Open();
            var record = new RecordService(db, w.Clock);
            var manager = (await record.CreateProfessionalAsync(w.PartnershipId, new ProfessionalInput("Mina Mash", w.Csc.Id, ProfessionalRole.TeamManager))).Unwrap();
            var frontDoor = (await record.CreateProfessionalAsync(w.PartnershipId, new ProfessionalInput("Fola Front", w.Csc.Id, ProfessionalRole.FrontDoorWorker, ManagerId: manager.Id))).Unwrap();
            var child = (await record.CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "G", DateOfBirth = new DateOnly(2010, 5, 1) })).Unwrap();
            (await record.AddInvolvementAsync(w.PartnershipId, new InvolvementInput(child.Id, w.School.Id, "class teacher", TeamWorld.Since, w.Teacher.Id))).Unwrap();
            return new Door(w, child, frontDoor, manager);
        }

        public async Task<ChronologyEntry> ContactAsync()
        {
            World.Clock.Advance(TimeSpan.FromHours(1));
            return await World.RecordAsync(World.Teacher, new ContactReceived { Type = ContactType.Referral, Concerns = "G said he is hit at home" }, about: Child);
        }

        public async Task<Core.Validation.Outcome<ChronologyEntry>> DecideAsync(Guid contact, ContactOutcome outcome, Guid? allocatedTo = null)
        {
            World.Clock.Advance(TimeSpan.FromHours(1));
            await using var db = World.Database.Open();
            var decision = new ContactDecision { ContactEntryId = contact, Decision = outcome, Rationale = "Threshold met", AllocatedToProfessionalId = allocatedTo };
            return await World.Chronology(db).RecordAsync(World.PartnershipId, Recording.Input(decision, FrontDoor.Id, [Child.Id], World.Clock.GetUtcNow(), null));
        }

        /// <summary>Of these professionals, those who may open the child's record now.</summary>
        public async Task<IReadOnlyList<Guid>> WhoSeesAsync(params Professional[] professionals)
        {
            await using var db = World.Database.Open();
            var blind = await ChildAccessReader.MayNotSeeAsync(db, Child.Id, [.. professionals.Select(p => p.Id)], World.Clock.GetUtcNow(), default);
            return [.. professionals.Select(p => p.Id).Where(p => !blind.Contains(p))];
        }

        public async Task<List<OpenContact>> OpenAsync()
        {
            await using var db = World.Database.Open();
            var rows = await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == Child.Id).ToListAsync();
            // What is kept is what the record says from scratch.
            var entries = (await db.Entries.AsNoTracking().Include(e => e.Subjects).ToListAsync())
                .Select(e => new Core.Safeguards.CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)));
            var expected = OpenContacts.RowsFor(entries, await AllocationFacts.ReadAsync(db, null, default)).Where(o => o.PersonId == Child.Id)
                .Select(o => (o.ContactEntryId, o.DecidedAt?.ToUnixTimeMilliseconds())).Order().ToList();
            Assert.Equal(expected, rows.Select(o => (o.ContactEntryId, o.DecidedAt?.ToUnixTimeMilliseconds())).Order().ToList());
            return rows;
        }

        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_to_assess_keeps_the_child_with_the_front_door_until_a_social_worker_joins_the_team(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var contact = await d.ContactAsync();
        Assert.Equal([d.FrontDoor.Id, d.FrontDoorManager.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));

        var decision = (await d.DecideAsync(contact.Id, ContactOutcome.ChildAndFamilyAssessment)).Unwrap();

        // No one of children's social care holds the case: the front door keeps it, waiting for allocation since the decision.
        var waiting = Assert.Single(await d.OpenAsync());
        Assert.Equal(contact.Id, waiting.ContactEntryId);
        Assert.Equal(decision.When.ToUnixTimeMilliseconds(), waiting.DecidedAt?.ToUnixTimeMilliseconds());
        Assert.Equal([d.FrontDoor.Id, d.FrontDoorManager.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));
        await using (var db = w.Database.Open())
        {
            var facts = (await ChildAccessReader.FactsAsync(db, d.Child.Id, w.Clock.GetUtcNow(), default))!;
            var viewer = new Viewer(Guid.NewGuid(), w.PartnershipId, new HashSet<Role> { Role.FrontDoor }, d.FrontDoor.Id, w.Csc.Id, AgencyKind.ChildrensSocialCare);
            Assert.Equal(GrantAuthority.FrontDoor, AccessPolicy.MayGrant(viewer, AccessBasis.FrontDoor, facts, w.OtherSocialWorker.Id));
        }

        // The front door allocates by adding a social worker to the team: the child leaves the front door.
        w.Clock.Advance(TimeSpan.FromDays(1));
        await using (var db = w.Database.Open())
            (await w.Team(db).AddAsync(w.PartnershipId, new TeamChangeInput(d.Child.Id, w.OtherSocialWorker.Id, null, "allocated social worker", "Allocated for the assessment", d.FrontDoor.Id))).Unwrap();
        Assert.Empty(await d.OpenAsync());
        Assert.Equal([w.OtherSocialWorker.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_that_allocates_a_social_worker_hands_the_child_to_them(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var contact = await d.ContactAsync();

        (await d.DecideAsync(contact.Id, ContactOutcome.StrategyDiscussion, allocatedTo: w.OtherSocialWorker.Id)).Unwrap();

        Assert.Empty(await d.OpenAsync());
        Assert.Equal([w.OtherSocialWorker.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));
        await using var db = w.Database.Open();
        var involvement = Assert.Single(await db.Involvements.AsNoTracking().Where(i => i.PersonId == d.Child.Id && i.ProfessionalId == w.OtherSocialWorker.Id).ToListAsync());
        Assert.Equal("allocated social worker", involvement.Role);
        Assert.Equal(w.Csc.Id, involvement.AgencyId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_corrected_no_longer_allocates_the_worker_it_named_and_the_child_waits_again(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var contact = await d.ContactAsync();
        var decided = (await d.DecideAsync(contact.Id, ContactOutcome.StrategyDiscussion, allocatedTo: w.OtherSocialWorker.Id)).Unwrap();
        Assert.Empty(await d.OpenAsync());

        w.Clock.Advance(TimeSpan.FromHours(1));
        await using (var db = w.Database.Open())
        {
            var without = new ContactDecision { ContactEntryId = contact.Id, Decision = ContactOutcome.StrategyDiscussion, Rationale = "Threshold met" };
            (await w.Chronology(db).CorrectAsync(w.PartnershipId, decided.Id, new CorrectionInput
            {
                Entry = Recording.Input(without, d.FrontDoor.Id, [d.Child.Id], decided.When, null), Reason = "The wrong worker was named",
            })).Unwrap();
        }

        Assert.True(Assert.Single(await d.OpenAsync()).WaitsForAllocation);
        Assert.Equal([d.FrontDoor.Id, d.FrontDoorManager.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));
        await using (var db = w.Database.Open())
        {
            Assert.False(await db.Involvements.AnyAsync(i => i.PersonId == d.Child.Id && i.ProfessionalId == w.OtherSocialWorker.Id));
            // The decision that named the worker stays in the chronology, superseded.
            Assert.True(await db.Entries.AnyAsync(e => e.Id == decided.Id));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_involvement_of_a_social_worker_with_the_child_ends_the_wait_and_a_closure_does_too(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        (await d.DecideAsync((await d.ContactAsync()).Id, ContactOutcome.ImmediateProtection)).Unwrap();
        Assert.Single(await d.OpenAsync());

        await w.InvolveAsync(w.OtherSocialWorker, d.Child, "allocated social worker");
        Assert.Empty(await d.OpenAsync());
        Assert.Equal([w.OtherSocialWorker.Id], await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager, w.OtherSocialWorker));

        // Another contact decided while the social worker holds the case does not wait.
        (await d.DecideAsync((await d.ContactAsync()).Id, ContactOutcome.ChildAndFamilyAssessment)).Unwrap();
        Assert.Empty(await d.OpenAsync());
        await using (var db = w.Database.Open())
        {
            var ended = await db.Involvements.Where(i => i.PersonId == d.Child.Id && i.ProfessionalId == w.OtherSocialWorker.Id).SingleAsync();
            // An allocation that ended after the decision still ended the wait: once allocated, a case stays allocated.
            (await new RecordService(db, w.Clock).EndInvolvementAsync(w.PartnershipId, ended.Id, Core.Time.WorkingDayCalendar.UkDate(w.Clock.GetUtcNow()))).Unwrap();
        }
        Assert.Empty(await d.OpenAsync());
        // One decided after the allocation ended waits, until children's social care closes the case.
        w.Clock.Advance(TimeSpan.FromDays(3));
        var third = await d.ContactAsync();
        (await d.DecideAsync(third.Id, ContactOutcome.ChildAndFamilyAssessment)).Unwrap();
        Assert.Single(await d.OpenAsync());
        w.Clock.Advance(TimeSpan.FromHours(1));
        await w.RecordAsync(w.Manager, new CaseClosure { Stage = ClosureStage.Closed, Reason = "Family moved away" }, about: d.Child);
        Assert.Empty(await d.OpenAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_merge_gives_the_merged_childs_contacts_to_the_kept_record_as_the_combined_case_says_and_an_unmerge_gives_them_back(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var waiting = await d.ContactAsync();
        (await d.DecideAsync(waiting.Id, ContactOutcome.ChildAndFamilyAssessment)).Unwrap();
        Person kept, allocated;
        await using (var db = w.Database.Open())
        {
            var record = new RecordService(db, w.Clock);
            kept = (await record.CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Gee", DateOfBirth = new DateOnly(2010, 5, 1) })).Unwrap();
            allocated = (await record.CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Jee", DateOfBirth = new DateOnly(2010, 5, 1) })).Unwrap();
        }
        await w.InvolveAsync(w.OtherSocialWorker, allocated, "allocated social worker");

        async Task<List<(Guid Person, Guid Contact, bool Allocation)>> OpenAsync()
        {
            await using var db = w.Database.Open();
            var ids = new[] { d.Child.Id, kept.Id, allocated.Id };
            return [.. (await db.OpenContacts.AsNoTracking().Where(o => ids.Contains(o.PersonId)).ToListAsync())
                .Select(o => (o.PersonId, o.ContactEntryId, o.WaitsForAllocation)).Order()];
        }
        Assert.Equal([(d.Child.Id, waiting.Id, true)], await OpenAsync());

        // Merged into a record no social worker holds, the contact waits for allocation there, and no longer under the merged child.
        Core.Identity.PersonMerge merge;
        await using (var db = w.Database.Open())
            merge = (await new Core.Identity.MergeService(db, w.Clock).MergeAsync(w.PartnershipId, kept.Id, d.Child.Id, "The same child", d.FrontDoor.Id)).Unwrap();
        Assert.Equal([(kept.Id, waiting.Id, true)], await OpenAsync());

        await using (var db = w.Database.Open())
            (await new Core.Identity.MergeService(db, w.Clock).UnmergeAsync(w.PartnershipId, merge.Id, "Two children after all", d.FrontDoor.Id)).Unwrap();
        Assert.Equal([(d.Child.Id, waiting.Id, true)], await OpenAsync());

        // Merged into a record a social worker holds, the combined case is allocated: nothing waits on either side.
        await using (var db = w.Database.Open())
            merge = (await new Core.Identity.MergeService(db, w.Clock).MergeAsync(w.PartnershipId, allocated.Id, d.Child.Id, "The same child", d.FrontDoor.Id)).Unwrap();
        Assert.Empty(await OpenAsync());

        // Unmerged, the child waits again, as their own record says.
        await using (var db = w.Database.Open())
            (await new Core.Identity.MergeService(db, w.Clock).UnmergeAsync(w.PartnershipId, merge.Id, "Two children after all", d.FrontDoor.Id)).Unwrap();
        Assert.Equal([(d.Child.Id, waiting.Id, true)], await OpenAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_merge_moves_a_contact_waiting_for_a_decision_to_the_kept_record(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var contact = await d.ContactAsync();
        Person kept;
        await using (var db = w.Database.Open())
            kept = (await new RecordService(db, w.Clock).CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Gee", DateOfBirth = new DateOnly(2010, 5, 1) })).Unwrap();

        await using (var db = w.Database.Open())
            (await new Core.Identity.MergeService(db, w.Clock).MergeAsync(w.PartnershipId, kept.Id, d.Child.Id, "The same child", d.FrontDoor.Id)).Unwrap();

        await using (var db = w.Database.Open())
        {
            var row = Assert.Single(await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == kept.Id || o.PersonId == d.Child.Id).ToListAsync());
            Assert.Equal((kept.Id, contact.Id, false), (row.PersonId, row.ContactEntryId, row.WaitsForAllocation));
            // The front door may open the kept record the contact now waits under.
            var facts = (await ChildAccessReader.FactsAsync(db, kept.Id, w.Clock.GetUtcNow(), default))!;
            Assert.True(facts.OpenContactAtFrontDoor);
            // A later write about the merged child's contacts keeps them the kept record's.
            await OpenContacts.RefreshAsync(db, [d.Child.Id]);
            Assert.Equal(kept.Id, Assert.Single(await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == kept.Id || o.PersonId == d.Child.Id).ToListAsync()).PersonId);
            // Written again from scratch, as a schema script does, the same.
            await OpenContacts.BackfillAsync(db);
            Assert.Equal(kept.Id, Assert.Single(await db.OpenContacts.AsNoTracking().Where(o => o.PersonId == kept.Id || o.PersonId == d.Child.Id).ToListAsync()).PersonId);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_step_down_leaves_the_front_door_as_before(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        (await d.DecideAsync((await d.ContactAsync()).Id, ContactOutcome.EarlyHelp)).Unwrap();
        Assert.Empty(await d.OpenAsync());
        Assert.Empty(await d.WhoSeesAsync(d.FrontDoor, d.FrontDoorManager));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_allocating_someone_who_cannot_hold_the_case_is_refused_and_nothing_is_written(Provider provider)
    {
        await using var d = await Door.CreateAsync(provider);
        var w = d.World;
        var contact = await d.ContactAsync();
        Guid elsewhere;
        await using (var db = w.Database.Open())
        {
            var record = new RecordService(db, w.Clock);
            var other = (await record.CreatePartnershipAsync("Bath", "bath")).Unwrap().Id;
            var agency = (await record.CreateAgencyAsync(other, new AgencyInput("Bath Children's Social Care", AgencyKind.ChildrensSocialCare, "Bath"))).Unwrap();
            elsewhere = (await record.CreateProfessionalAsync(other, new ProfessionalInput("Bea Bath", agency.Id, ProfessionalRole.SocialWorker))).Unwrap().Id;
        }
        async Task<int> CountAsync()
        {
            await using var db = w.Database.Open();
            return await db.Entries.CountAsync() + await db.Involvements.CountAsync();
        }
        var before = await CountAsync();

        var police = await d.DecideAsync(contact.Id, ContactOutcome.StrategyDiscussion, allocatedTo: w.Officer.Id);
        Assert.Equal("Pat Police cannot be allocated the case: choose a social worker or team manager of children's social care",
            Assert.Single(police.Errors, e => e.Field == "details.allocatedToProfessionalId").Message);
        var frontDoor = await d.DecideAsync(contact.Id, ContactOutcome.StrategyDiscussion, allocatedTo: d.FrontDoor.Id);
        Assert.Contains(frontDoor.Errors, e => e.Field == "details.allocatedToProfessionalId");
        var otherPartnership = await d.DecideAsync(contact.Id, ContactOutcome.StrategyDiscussion, allocatedTo: elsewhere);
        Assert.Equal("No such professional in this partnership", Assert.Single(otherPartnership.Errors, e => e.Field == "details.allocatedToProfessionalId").Message);
        var alreadyOpen = await d.DecideAsync(contact.Id, ContactOutcome.AlreadyOpen, allocatedTo: w.OtherSocialWorker.Id);
        Assert.Contains(alreadyOpen.Errors, e => e.Field == "details.allocatedToProfessionalId");

        Assert.Equal(before, await CountAsync());
        Assert.Null(Assert.Single(await d.OpenAsync()).DecidedAt);
    }
}
