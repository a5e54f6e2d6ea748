using System.Net;
using System.Net.Http.Json;
using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Identity;

/// <summary>A merge or unmerge moves what ties people to children, so it needs the same authority as any fact that grants access.</summary>
public sealed class MergeGrantTests
{
    [Fact]
    public async Task A_merge_that_would_bring_someone_into_a_child_s_team_waits_for_the_child_s_lead_and_happens_only_when_accepted()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (lead, admin, agency, leadId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(lead, "/api/people", new { kind = "child", givenName = "Katherine", familyName = "Okafor", dateOfBirth = "2019-03-04", sex = "female" });
        await app.CreateAsync(lead, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = leadId, isLead = true });
        var mother = await app.CreateAsync(lead, "/api/people", new { kind = "adult", givenName = "Grace", familyName = "Okafor", dateOfBirth = "1990-06-15", sex = "female" });
        await app.CreateAsync(lead, "/api/relationships", new { personId = mother, kind = "mother", relatedPersonId = child, hasParentalResponsibility = true });
        // A colleague at the front door who works with the child, but is not her lead.
        var colleagueId = await app.CreateAsync(admin, "/api/professionals", new { name = "Quinn Colleague", agencyId = agency, role = "social-worker" });
        await app.CreateAsync(lead, "/api/involvements", new { personId = child, agencyId = agency, role = "duty social worker", from = "2024-01-02", professionalId = colleagueId });
        var colleague = await app.SignInAsync(await app.AddAccountAsync(colleagueId, Role.Practitioner, Role.FrontDoor));
        // Probation's record of the mother, with probation's officer working with her.
        var (_, _, probation, officerId) = await ApiTestData.WorkerAsync(app, "Pat Officer", "Othershire Probation");
        var duplicate = await app.CreateAsync(colleague, "/api/people?choice=new", new { kind = "adult", givenName = "Grace", familyName = "Okafor", dateOfBirth = "1990-06-15", sex = "female" });
        await app.CreateAsync(colleague, "/api/involvements", new { personId = duplicate, agencyId = probation, role = "probation officer", from = "2024-01-02", professionalId = officerId });

        var merge = await colleague.PostAsJsonAsync("/api/merges", new { survivorPersonId = mother, mergedPersonId = duplicate, reason = "Probation's Grace is the mother" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Accepted, merge.StatusCode);
        var proposalId = (await ApiTestData.ReadAsync(merge)).GetProperty("proposalId").GetGuid();
        await using (var db = app.OpenDb())
        {
            Assert.Empty(await db.Set<PersonMerge>().ToListAsync());
            Assert.Equal(duplicate, (await db.Involvements.SingleAsync(i => i.ProfessionalId == officerId)).PersonId);
            var proposal = await db.AccessProposals.SingleAsync(p => p.Id == proposalId);
            Assert.Equal((GrantKind.Merge, child), (proposal.Kind, proposal.ChildPersonId));
        }

        var accepted = await lead.PostAsJsonAsync($"/api/children/{child}/proposals/decisions", new { proposalId, accept = true }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await using (var db = app.OpenDb())
        {
            var done = await db.Set<PersonMerge>().SingleAsync();
            Assert.Equal((mother, duplicate, (Guid?)leadId), (done.SurvivorPersonId, done.MergedPersonId, done.ByProfessionalId));
            Assert.Equal(mother, (await db.Involvements.SingleAsync(i => i.ProfessionalId == officerId)).PersonId);
        }
    }

    [Fact]
    public async Task The_front_door_cannot_keep_a_child_by_merging_them_into_a_record_it_made_the_merge_waits_for_the_childs_lead()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (lead, _, agency, leadId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(lead, "/api/people", new { kind = "child", givenName = "Kai", familyName = "Doyle", dateOfBirth = "2017-08-16", sex = "male" });
        await app.CreateAsync(lead, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = leadId, isLead = true });
        var (_, _, _, frontDoorId) = await ApiTestData.WorkerAsync(app, "Morgan Front Door", "Othershire Front Door");
        var frontDoor = await app.SignInAsync(await app.AddAccountAsync(frontDoorId, Role.Practitioner, Role.FrontDoor));
        // A contact about Kai is open: the front door sees him while it decides.
        await app.CreateAsync(lead, "/api/entries", new
        {
            kind = "contact", details = new { type = "contact", concerns = "School reports a bruise" }, occurredAt = "2024-05-01T10:00:00Z",
            occurredPrecision = "exact", subjects = new[] { child }, source = "reported-by", sourceName = "School",
        });
        Assert.Equal(HttpStatusCode.OK, (await frontDoor.GetAsync($"/api/people/{child}")).StatusCode);
        // A second record of Kai, made by the front door: its maker is its team.
        var duplicate = await app.CreateAsync(frontDoor, "/api/people?choice=new", new { kind = "child", givenName = "Kai", familyName = "Doyle", dateOfBirth = "2017-08-16", sex = "male" });

        var merge = await frontDoor.PostAsJsonAsync("/api/merges", new { survivorPersonId = duplicate, mergedPersonId = child, reason = "Same child" }, ChronicleApp.Json);

        // Kai's history would be read by the record's maker from then on: that is Kai's lead's to allow.
        Assert.Equal(HttpStatusCode.Accepted, merge.StatusCode);
        var proposalId = (await ApiTestData.ReadAsync(merge)).GetProperty("proposalId").GetGuid();
        await using var db = app.OpenDb();
        Assert.Empty(await db.Set<PersonMerge>().ToListAsync());
        Assert.Equal(child, (await db.AccessProposals.SingleAsync(p => p.Id == proposalId)).ChildPersonId);
    }

    [Fact]
    public async Task An_unmerge_is_answered_as_missing_unless_the_caller_may_see_both_people()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, _, _) = await ApiTestData.WorkerAsync(app);
        var (_, _, _, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        var frontDoor = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.Practitioner, Role.FrontDoor));
        // The front door recorded one record of Robin; someone in another agency recorded the other, which the front door cannot see.
        var seen = await app.CreateAsync(frontDoor, "/api/people", new { kind = "adult", givenName = "Robin", familyName = "Ashdown" });
        var unseen = await app.CreateAsync(worker, "/api/people", new { kind = "adult", givenName = "Robyn", familyName = "Ashdown" });
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/api/people/{unseen}")).StatusCode);
        Guid mergeId;
        await using (var db = app.OpenDb())
        {
            var partnershipId = (await db.People.SingleAsync(p => p.Id == seen)).PartnershipId;
            mergeId = (await new MergeService(db, TimeProvider.System).MergeAsync(partnershipId, seen, unseen, "same person", null)).Value!.Id;
        }

        var missing = await frontDoor.PostAsJsonAsync("/api/merges/unmerge", new { mergeId = Guid.NewGuid(), reason = "not the same" }, ChronicleApp.Json);
        var refused = await frontDoor.PostAsJsonAsync("/api/merges/unmerge", new { mergeId, reason = "not the same" }, ChronicleApp.Json);
        Assert.Equal(missing.StatusCode, refused.StatusCode);
        Assert.Equal((await ApiTestData.ReadAsync(missing)).GetProperty("errors").GetRawText(), (await ApiTestData.ReadAsync(refused)).GetProperty("errors").GetRawText());
        await using (var db = app.OpenDb())
            Assert.Null((await db.Set<PersonMerge>().SingleAsync()).UnmergedAt);
    }
}
