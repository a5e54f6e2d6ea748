using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Sharing;

public sealed class SharingTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static PoliceIncident Incident => new() { Type = IncidentType.DomesticAbuse, Description = "Father at the home, shouting; children present", ChildrenPresent = true };

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_recorded_by_one_agency_is_shared_with_the_team_and_acknowledged_by_another(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var incident = await w.RecordAsync(w.Officer, Incident, Significance.Significant, SharingLevel.Team, w.Mother, w.F);

        await using var db = w.Database.Open();
        var notified = await db.Notifications.AsNoTracking().Where(n => n.EntryId == incident.Id).ToListAsync();
        Assert.Equal(
            new[] { w.SocialWorker.Id, w.Doctor.Id, w.HealthVisitor.Id, w.DrugWorker.Id, w.ProbationOfficer.Id }.Order(),
            notified.Select(n => n.RecipientProfessionalId).Order());
        Assert.All(notified, n => Assert.True(n.NeedsAcknowledgement));
        Assert.All(notified, n => Assert.Equal(TeamPolicy.DefaultLawfulBasis, n.LawfulBasis));
        // Due by the end of the second working day after Monday: Wednesday.
        Assert.All(notified, n => Assert.Equal(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 4)), n.DueAt));

        var share = await db.Entries.AsNoTracking().Include(e => e.Subjects).SingleAsync(e => e.Kind == "information-shared");
        var shared = Assert.IsType<InformationShared>(DetailsReader.ReadStored(share.Kind, share.Details));
        Assert.Equal(incident.Id, shared.AboutEntryId);
        Assert.Equal(TeamPolicy.DefaultLawfulBasis, shared.LawfulBasis);
        Assert.Equal(notified.Select(n => n.RecipientProfessionalId).Order(), shared.RecipientProfessionalIds.Order());
        Assert.Equal(new[] { w.Mother.Id, w.F.Id }.Order(), share.Subjects.Select(s => s.PersonId).Order());

        var sharing = w.SharingService(db);
        var inbox = await sharing.InboxAsync(w.PartnershipId, w.Doctor.Id, Nobody, InboxFilter.NeedsAcknowledgement);
        var item = Assert.Single(inbox.Items);
        Assert.Equal((1, 1), (inbox.Unread, inbox.AwaitingAcknowledgement));
        Assert.Contains("Father at the home", item.EntrySummary);
        Assert.Equal(("Pat Police", "Avon and Somerset Police"), (item.RecordedBy, item.RecordedByAgency));

        w.Clock.Advance(TimeSpan.FromHours(3));
        var someoneElse = await sharing.AcknowledgeAsync(w.PartnershipId, item.Notification.Id, w.HealthVisitor.Id);
        Assert.Equal("professionalId", Assert.Single(someoneElse.Errors).Field);
        var acknowledged = (await sharing.AcknowledgeAsync(w.PartnershipId, item.Notification.Id, w.Doctor.Id)).Unwrap();
        Assert.Equal(w.Clock.GetUtcNow(), acknowledged.AcknowledgedAt);
        (await sharing.AcknowledgeAsync(w.PartnershipId, item.Notification.Id, w.Doctor.Id)).Unwrap();

        // What SG-08 reads: the information-shared entry and an information-acknowledged entry that names it.
        var acknowledgement = await db.Entries.AsNoTracking().Include(e => e.Subjects).SingleAsync(e => e.Kind == "information-acknowledged");
        var ack = Assert.IsType<InformationAcknowledged>(DetailsReader.ReadStored(acknowledgement.Kind, acknowledgement.Details));
        Assert.Equal((share.Id, w.Doctor.Id), (ack.SharedEntryId, ack.ProfessionalId));
        Assert.Equal((w.Doctor.Id, w.Gp.Id), (acknowledgement.RecordedByProfessionalId, acknowledgement.RecordedByAgencyId));
        Assert.Equal(acknowledgement.Id, acknowledged.AcknowledgementEntryId);
        Assert.Empty((await sharing.InboxAsync(w.PartnershipId, w.Doctor.Id, Nobody, InboxFilter.NeedsAcknowledgement)).Items);

        // The share and the acknowledgement are recorded, not shared again: sharing stops after one step.
        Assert.Equal(notified.Count, await db.Notifications.CountAsync());
        Assert.Equal(1, await db.Entries.CountAsync(e => e.Kind == "information-shared"));
        var statuses = await sharing.SharesOfEntryAsync(w.PartnershipId, incident.Id);
        Assert.Equal(w.Clock.GetUtcNow(), statuses.Single(s => s.ProfessionalId == w.Doctor.Id).AcknowledgedAt);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_about_one_child_reaches_only_that_childs_team_linked_to_that_child(Provider provider)
    {
        // F and C are siblings at home with different teams: F's health visitor, C's school.
        await using var w = await TeamWorld.CreateAsync(provider);
        var aboutF = await w.RecordAsync(w.Doctor, new HomeVisit { ChildSeen = true }, Significance.Significant, SharingLevel.Team, w.F);
        var aboutC = await w.RecordAsync(w.Doctor, new HomeVisit { ChildSeen = true }, Significance.Significant, SharingLevel.Team, w.C);

        await using var db = w.Database.Open();
        async Task<List<Notification>> To(ChronologyEntry e) => await db.Notifications.AsNoTracking().Where(n => n.EntryId == e.Id).ToListAsync();
        var toF = await To(aboutF);
        Assert.Equal(new[] { w.SocialWorker.Id, w.HealthVisitor.Id, w.DrugWorker.Id, w.ProbationOfficer.Id }.Order(), toF.Select(n => n.RecipientProfessionalId).Order());
        Assert.All(toF, n => Assert.Equal(w.F.Id, n.ChildPersonId));
        Assert.All(toF, n => Assert.StartsWith("Home visit about F, recorded by Gita Doctor", n.Title));
        var toC = await To(aboutC);
        Assert.Equal(new[] { w.SocialWorker.Id, w.Teacher.Id, w.DrugWorker.Id, w.ProbationOfficer.Id }.Order(), toC.Select(n => n.RecipientProfessionalId).Order());
        Assert.All(toC, n => Assert.Equal(w.C.Id, n.ChildPersonId));
        Assert.All(toC, n => Assert.StartsWith("Home visit about C,", n.Title));

        // The inbox says what was recorded with its kind once.
        var item = Assert.Single((await w.SharingService(db).InboxAsync(w.PartnershipId, w.HealthVisitor.Id, Nobody)).Items);
        Assert.Equal("Home visit: child seen", item.WhatWasRecorded);
        Assert.Equal("F", item.ChildName);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_about_several_children_reaches_each_childs_team_once_with_the_right_link(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var both = await w.RecordAsync(w.Officer, Incident, Significance.Significant, SharingLevel.Team, w.C, w.F);

        await using var db = w.Database.Open();
        var notified = await db.Notifications.AsNoTracking().Where(n => n.EntryId == both.Id).ToListAsync();
        var once = notified.Select(n => n.RecipientProfessionalId).ToList();
        Assert.Equal(once.Distinct().Count(), once.Count);
        Assert.Equal(new[] { w.SocialWorker.Id, w.Doctor.Id, w.HealthVisitor.Id, w.Teacher.Id, w.DrugWorker.Id, w.ProbationOfficer.Id }.Order(), once.Order());
        Notification To(Core.Record.Professional p) => notified.Single(n => n.RecipientProfessionalId == p.Id);
        // Each is linked to the child whose team they are in; someone in both teams to the first of them by name.
        Assert.Equal(w.F.Id, To(w.HealthVisitor).ChildPersonId);
        Assert.StartsWith("Domestic abuse or police incident about F,", To(w.HealthVisitor).Title);
        Assert.Equal(w.C.Id, To(w.Teacher).ChildPersonId);
        Assert.StartsWith("Domestic abuse or police incident about C,", To(w.Teacher).Title);
        Assert.Equal(w.C.Id, To(w.SocialWorker).ChildPersonId);
        Assert.StartsWith("Domestic abuse or police incident about C and F,", To(w.SocialWorker).Title);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_about_an_adult_alone_reaches_the_teams_of_the_adults_children(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var aboutMother = await w.RecordAsync(w.DrugWorker, new AdultConcern { AdultPersonId = w.Mother.Id, Type = AdultConcernType.SubstanceMisuse, Description = "Relapse" },
            Significance.Significant, SharingLevel.Team, w.Mother);

        await using var db = w.Database.Open();
        var notified = await db.Notifications.AsNoTracking().Where(n => n.EntryId == aboutMother.Id).ToListAsync();
        Assert.Contains(notified, n => n.RecipientProfessionalId == w.HealthVisitor.Id && n.ChildPersonId == w.F.Id);
        Assert.Contains(notified, n => n.RecipientProfessionalId == w.Teacher.Id && n.ChildPersonId == w.C.Id);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Each_sharing_level_reaches_only_those_it_allows(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await w.InvolveAsync(w.Officer, w.Mother, "domestic abuse officer");

        var intelligence = await w.RecordAsync(w.Officer, Incident, Significance.Significant, SharingLevel.RestrictedPoliceIntelligence, w.Mother);
        var health = await w.RecordAsync(w.Doctor, new Observation { Topic = ObservationTopic.Other, Text = "Sexual health clinic attendance" }, Significance.Routine, SharingLevel.RestrictedHealth, w.Mother);
        var agency = await w.RecordAsync(w.DrugWorker, new AdultConcern { AdultPersonId = w.Mother.Id, Type = AdultConcernType.SubstanceMisuse, Description = "Missed two pick-ups" },
            Significance.Significant, SharingLevel.AgencyOnly, w.Mother);

        await using var db = w.Database.Open();
        async Task<Guid[]> To(ChronologyEntry e) => [.. (await db.Notifications.Where(n => n.EntryId == e.Id).Select(n => n.RecipientProfessionalId).ToListAsync()).Order()];
        // Police intelligence: police and the lead social worker; the recorder is the only police officer here.
        Assert.Equal([w.SocialWorker.Id], await To(intelligence));
        // Health: the recording health service (nobody else at the surgery is in the team) and the lead professional.
        Assert.Equal([w.SocialWorker.Id], await To(health));
        Assert.Equal([w.SocialWorker.Id], await To(agency));
        Assert.False((await db.Notifications.SingleAsync(n => n.EntryId == health.Id)).NeedsAcknowledgement);

        var team = await w.RecordAsync(w.DrugWorker, new AdultConcern { AdultPersonId = w.Mother.Id, Type = AdultConcernType.SubstanceMisuse, Description = "Methadone found within reach" },
            Significance.Critical, SharingLevel.Team, w.Mother);
        Assert.Equal(new[] { w.SocialWorker.Id, w.Doctor.Id, w.HealthVisitor.Id, w.Teacher.Id, w.ProbationOfficer.Id, w.Officer.Id }.Order(), await To(team));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Emails_go_to_the_outbox_only_for_what_needs_acknowledging_and_carry_no_case_details(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await w.RecordAsync(w.HealthVisitor, new HomeVisit { ChildSeen = true }, Significance.Routine);
        await using (var db = w.Database.Open())
        {
            Assert.True(await db.Notifications.AnyAsync());
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
        }

        await w.RecordAsync(w.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "left cheek", Description = "Fingertip bruising" }, Significance.Critical);
        await using var read = w.Database.Open();
        var messages = await read.OutboxMessages.AsNoTracking().ToListAsync();
        // F's team only: C's school is not in F's team (the other child at home is SG-14's question, not a share of F's record).
        string[] told = ["dee.worker@example.org", "gita.doctor@example.org", "pip.probation@example.org", "sam.social@example.org"];
        Assert.Equal(told, messages.Select(m => m.ToAddress).Order());
        Assert.All(messages, m =>
        {
            Assert.DoesNotContain("cheek", m.Body);
            Assert.DoesNotContain("F", m.Subject);
            Assert.Contains("4 February 2015", m.Body);
        });
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unacknowledged_items_escalate_to_the_recipients_manager_after_the_policy_time(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var incident = await w.RecordAsync(w.Officer, Incident, Significance.Significant, SharingLevel.Team, w.Mother, w.F);
        await using var db = w.Database.Open();
        var sharing = w.SharingService(db);
        var social = await db.Notifications.AsNoTracking().SingleAsync(n => n.EntryId == incident.Id && n.RecipientProfessionalId == w.SocialWorker.Id);
        (await sharing.AcknowledgeAsync(w.PartnershipId, social.Id, w.SocialWorker.Id)).Unwrap();

        w.Clock.Set(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 4)));
        Assert.Equal(0, await sharing.EscalateOverdueAsync(w.PartnershipId));
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        // Four recipients did not acknowledge: only the GP has a manager on record.
        Assert.Equal(4, await sharing.EscalateOverdueAsync(w.PartnershipId));
        Assert.Equal(0, await sharing.EscalateOverdueAsync(w.PartnershipId));

        var doctor = await db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == NotificationKind.EntryShared && n.RecipientProfessionalId == w.Doctor.Id);
        Assert.Equal((w.PracticeLead.Id, w.Clock.GetUtcNow()), (doctor.EscalatedToProfessionalId, doctor.EscalatedAt));
        var escalation = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.AcknowledgementOverdue).ToListAsync());
        Assert.Equal((w.PracticeLead.Id, doctor.Id), (escalation.RecipientProfessionalId, escalation.AboutNotificationId));
        Assert.StartsWith("Gita Doctor has not acknowledged", escalation.Title);
        Assert.Contains(await db.OutboxMessages.AsNoTracking().ToListAsync(), m => m.NotificationId == escalation.Id && m.ToAddress == "lee.lead@example.org");
        var inbox = await sharing.InboxAsync(w.PartnershipId, w.PracticeLead.Id, Nobody);
        Assert.Null(Assert.Single(inbox.Items).EntrySummary);
        Assert.Equal(1, (await sharing.InboxAsync(w.PartnershipId, w.Doctor.Id, Nobody, InboxFilter.Overdue)).Overdue);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_acknowledgement_time_is_policy_changed_with_a_reason(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using (var db = w.Database.Open())
        {
            var policy = new TeamPolicyService(db, w.Clock);
            Assert.Equal("value", Assert.Single((await policy.ChangeAsync(w.PartnershipId, "sharing.acknowledge-within", "soon", w.Manager.Id, "Local protocol")).Errors).Field);
            Assert.Equal("Enter a whole number of working days from 0 to 2600",
                Assert.Single((await policy.ChangeAsync(w.PartnershipId, "sharing.acknowledge-within", "2147483647", w.Manager.Id, "Local protocol")).Errors).Message);
            Assert.Equal("reason", Assert.Single((await policy.ChangeAsync(w.PartnershipId, "sharing.acknowledge-within", "1", w.Manager.Id, "")).Errors).Field);
            var change = (await policy.ChangeAsync(w.PartnershipId, "sharing.acknowledge-within", "1", w.Manager.Id, "The partnership expects next-day acknowledgement")).Unwrap();
            Assert.Equal(("2", "1"), (change.OldValue, change.NewValue));
            Assert.Contains(await policy.CurrentAsync(w.PartnershipId), s => s.Key == "sharing.acknowledge-within" && s.Value == "1" && !s.IsDefault);
        }
        var incident = await w.RecordAsync(w.Officer, Incident);
        await using var read = w.Database.Open();
        Assert.All(await read.Notifications.Where(n => n.EntryId == incident.Id).ToListAsync(), n => Assert.Equal(WorkingDayCalendar.EndOfUkDay(new DateOnly(2015, 2, 3)), n.DueAt));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_not_to_share_is_recorded_with_its_reason(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        var disclosure = await w.RecordAsync(w.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Neighbour's account of the father's visits" },
            Significance.Significant, SharingLevel.AgencyOnly, w.F);
        await using var db = w.Database.Open();
        var sharing = w.SharingService(db);

        var noReason = await sharing.RecordDecisionNotToShareAsync(w.PartnershipId, new NotSharingInput(disclosure.Id, w.SocialWorker.Id, ""));
        Assert.Equal(("reason", "Enter why the information is not being shared"), (Assert.Single(noReason.Errors).Field, noReason.Errors[0].Message));
        var outsider = await sharing.RecordDecisionNotToShareAsync(w.PartnershipId, new NotSharingInput(disclosure.Id, w.Teacher.Id, "Protecting the neighbour"));
        Assert.Equal("byProfessionalId", Assert.Single(outsider.Errors).Field);

        var decision = (await sharing.RecordDecisionNotToShareAsync(w.PartnershipId,
            new NotSharingInput(disclosure.Id, w.SocialWorker.Id, "Sharing would identify the neighbour to the father (golden rule 5)", [w.ProbationOfficer.Id]))).Unwrap();
        var details = Assert.IsType<DecisionRecorded>(DetailsReader.ReadStored(decision.Kind, decision.Details));
        Assert.Equal((DecisionTopic.InformationSharing, disclosure.Id, "Not to share the observation with Pip Probation"), (details.Topic, details.AboutEntryId, details.Decision));
        Assert.Equal(SharingLevel.AgencyOnly, decision.SharingLevel);
        // A decision about sharing is not itself shared.
        Assert.False(await db.Notifications.AnyAsync(n => n.EntryId == decision.Id));

        var shared = (await sharing.ShareAsync(w.PartnershipId, new ShareInput(disclosure.Id, w.SocialWorker.Id, [w.HealthVisitor.Id], "The health visitor sees F weekly", ChildId: w.F.Id, NeedsAcknowledgement: false))).Unwrap();
        var share = Assert.IsType<InformationShared>(DetailsReader.ReadStored(shared.Kind, shared.Details));
        Assert.Equal([w.HealthVisitor.Id], share.RecipientProfessionalIds);
        Assert.EndsWith("The health visitor sees F weekly", share.Summary);
        Assert.True((await db.Notifications.SingleAsync(n => n.EntryId == disclosure.Id && n.RecipientProfessionalId == w.HealthVisitor.Id)).NeedsAcknowledgement);
        // One item for the share, not a second for the entry recording it: the share notifies its own recipients.
        Assert.Single(await db.Notifications.Where(n => n.ShareEntryId == shared.Id && n.RecipientProfessionalId == w.HealthVisitor.Id).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_shared_by_hand_reaches_only_those_chosen_who_may_open_the_child_and_the_front_door_as_a_contact(Provider provider)
    {
        // F's team: the social worker (lead), the GP, the health visitor, the drug worker and the probation officer.
        // The manager manages the social worker; the teacher is in C's team only and the paediatrician in no one's.
        await using var w = await TeamWorld.CreateAsync(provider);
        Professional frontDoor;
        await using (var setup = w.Database.Open())
        {
            frontDoor = (await new RecordService(setup, w.Clock).CreateProfessionalAsync(w.PartnershipId,
                new ProfessionalInput("Fran Door", w.Csc.Id, ProfessionalRole.FrontDoorWorker))).Unwrap();
            setup.UserAccounts.Add(new UserAccount
            {
                Id = Guid.NewGuid(), PartnershipId = w.PartnershipId, ProfessionalId = frontDoor.Id, UserName = "fran.door", DisplayName = frontDoor.Name,
                PasswordHash = "not used", Roles = nameof(Role.FrontDoor), CreatedAt = w.Clock.GetUtcNow(),
            });
            await setup.SaveChangesAsync();
        }
        var visit = await w.RecordAsync(w.HealthVisitor, new Observation { Topic = ObservationTopic.Other, Text = "F's bedroom has no bed" }, Significance.Routine, SharingLevel.Team, w.F);
        await using var db = w.Database.Open();
        var sharing = w.SharingService(db);

        // Offered: those who may open F and were not sent it by the automatic share, and the front door, for whom it opens a contact.
        var choices = await sharing.ChoicesAsync(w.PartnershipId, w.F.Id, visit.Id, w.SocialWorker.Id);
        Assert.Equal([(w.Manager.Id, ShareGroup.ManagerOfTeam, false), (frontDoor.Id, ShareGroup.FrontDoor, true)],
            choices.Select(c => (c.ProfessionalId, c.Group, c.OpensContact)));

        var outsiders = await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Manager.Id, w.Teacher.Id, w.Paediatrician.Id], "Bed", ChildId: w.F.Id, NeedsAcknowledgement: false));
        Assert.Equal(
            [("recipientProfessionalIds[1]", "Tom Teacher may not open F's record: choose someone in the team around F, a manager of one of them, or the front door"),
             ("recipientProfessionalIds[2]", "Dr Paed may not open F's record: choose someone in the team around F, a manager of one of them, or the front door")],
            outsiders.Errors.Select(e => (e.Field, e.Message)));
        var notAboutC = await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Teacher.Id], "Bed", ChildId: w.C.Id, NeedsAcknowledgement: false));
        Assert.Equal("entryId", Assert.Single(notAboutC.Errors).Field);
        var noChild = await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Manager.Id], "Bed", NeedsAcknowledgement: false));
        Assert.Equal("childId", Assert.Single(noChild.Errors).Field);
        // For a routine entry the sharer says whether it must be acknowledged: left out is not "no", and nothing is sent.
        var unanswered = await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Manager.Id], "Bed", ChildId: w.F.Id));
        Assert.Equal(("needsAcknowledgement", "Select whether each person must acknowledge the entry"), (Assert.Single(unanswered.Errors).Field, unanswered.Errors[0].Message));
        Assert.False(await db.Notifications.AnyAsync(n => n.RecipientProfessionalId == w.Teacher.Id || n.RecipientProfessionalId == w.Paediatrician.Id || n.RecipientProfessionalId == w.Manager.Id));

        var share = (await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Manager.Id, frontDoor.Id],
            "So that the front door knows before the strategy discussion", "Children Act 1989 s47", w.F.Id, NeedsAcknowledgement: true))).Unwrap();
        var items = await db.Notifications.AsNoTracking().Where(n => n.ShareEntryId == share.Id).ToListAsync();
        Assert.Equal(new[] { w.Manager.Id, frontDoor.Id }.Order(), items.Select(n => n.RecipientProfessionalId).Order());
        Assert.All(items, n => Assert.Equal((true, (Guid?)w.F.Id, (Guid?)visit.Id, "Children Act 1989 s47"), (n.NeedsAcknowledgement, n.ChildPersonId, n.EntryId, n.LawfulBasis)));
        var recorded = Assert.IsType<InformationShared>(DetailsReader.ReadStored(share.Kind, share.Details));
        Assert.Equal((visit.Id, "Children Act 1989 s47"), (recorded.AboutEntryId, recorded.LawfulBasis));
        // The front door was told as a contact about F, so it may open F's record and decide on it.
        var open = await db.OpenContacts.AsNoTracking().SingleAsync(o => o.PersonId == w.F.Id);
        Assert.Equal(w.SocialWorker.Id, (await db.Entries.AsNoTracking().SingleAsync(e => e.Id == open.ContactEntryId)).RecordedByProfessionalId);
        var facts = (await ChildAccessReader.FactsAsync(db, w.F.Id, w.Clock.GetUtcNow(), default))!;
        Assert.Equal(AccessBasis.FrontDoor, (await ChildAccessReader.WhoMaySeeAsync(db, facts, [frontDoor.Id], default))[frontDoor.Id].Basis);

        // Sent once: no second item for someone who has it, and nothing recorded when everyone chosen has it.
        var again = await sharing.ShareAsync(w.PartnershipId, new ShareInput(visit.Id, w.SocialWorker.Id, [w.Manager.Id], "Again", ChildId: w.F.Id, NeedsAcknowledgement: false));
        Assert.Equal("Everyone selected has already been sent this entry", Assert.Single(again.Errors).Message);
        Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.EntryId == visit.Id && n.RecipientProfessionalId == w.Manager.Id).ToListAsync());
        Assert.Empty(await sharing.ChoicesAsync(w.PartnershipId, w.F.Id, visit.Id, w.SocialWorker.Id));
    }

    /// <summary>Here every reader may see everyone: the web app's access rule is tested with the web app.</summary>
    private static Task<IReadOnlySet<Guid>> Nobody(IReadOnlyCollection<ChronologyEntry> entries) => Task.FromResult(Withholding.Nobody);
}
