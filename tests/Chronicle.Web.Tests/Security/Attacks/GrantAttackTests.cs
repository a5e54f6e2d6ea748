using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11, points 2, 4 and 8: facts that grant access need authority; break glass and the front door stay sealed
/// and time-boxed; a manager's powers reach only the people they manage. Each test here failed on the main branch.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class GrantAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    /// <summary>Fails with the answer's body and the app's errors when the status is not the one expected.</summary>
    private async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode == expected) return;
        var errors = string.Join(Environment.NewLine, App.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3));
        Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{errors}");
    }

    /// <summary>A new professional at the outside practice, with an account: someone nobody has given access to.</summary>
    private async Task<(Guid Id, HttpClient Client)> NewcomerAsync(string name)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var id = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        return (id, await App.SignInAsync(await App.AddAccountAsync(id)));
    }

    [Fact]
    public async Task A_team_member_who_is_not_the_lead_cannot_let_someone_in_it_becomes_a_proposal_the_lead_accepts()
    {
        var (newcomer, client) = await NewcomerAsync("Practice nurse (Riverside, proposal)");
        var gp = await app.AsAsync(app.EmilysGpUser);

        var added = await gp.PostAsJsonAsync($"/api/children/{app.Emily}/team/members", new { professionalId = newcomer, role = "practice nurse", reason = "Sees Emily for her immunisations" }, ChronicleApp.Json);
        var involved = await gp.PostAsJsonAsync("/api/involvements", new { personId = app.Emily, agencyId = app.OutsidePracticeAgency, professionalId = newcomer, role = "practice nurse", from = "2024-01-01" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.Accepted, added);
        await ExpectAsync(HttpStatusCode.Accepted, involved);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/children/{app.Emily}")).StatusCode);

        // The lead is told, in the API and the inbox, and accepts one; the other is declined with a reason.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var mine = await lead.GetFromJsonAsync<JsonElement>("/api/proposals/mine", ChronicleApp.Json);
        var proposals = mine.EnumerateArray().Where(p => p.GetProperty("childId").GetGuid() == app.Emily && p.GetProperty("summary").GetString()!.Contains("Practice nurse (Riverside, proposal)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, proposals.Count);
        Assert.Contains("Practice nurse (Riverside, proposal)", await lead.GetStringAsync("/inbox"));
        var gpDecides = await gp.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = proposals[0].GetProperty("id").GetGuid(), accept = true }, ChronicleApp.Json);
        await ExpectAsync(HttpStatusCode.BadRequest, gpDecides);
        var accepted = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = proposals[0].GetProperty("id").GetGuid(), accept = true }, ChronicleApp.Json);
        var declined = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = proposals[1].GetProperty("id").GetGuid(), accept = false, reason = "One way in is enough" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.OK, accepted);
        await ExpectAsync(HttpStatusCode.OK, declined);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/children/{app.Emily}")).StatusCode);
    }

    [Fact]
    public async Task A_team_member_cannot_make_themselves_lead_nor_end_another_agencys_involvement()
    {
        var gp = await app.AsAsync(app.EmilysGpUser);
        Guid gpAgency, leadInvolvement;
        await using (var db = App.OpenDb())
        {
            gpAgency = await db.Professionals.Where(p => p.Id == app.EmilysGp).Select(p => p.AgencyId).SingleAsync();
            leadInvolvement = await db.Involvements.Where(i => i.PersonId == app.Emily && i.ProfessionalId == app.EmilysSocialWorker).Select(i => i.Id).FirstAsync();
        }

        var lead = await gp.PostAsJsonAsync("/api/involvements", new { personId = app.Emily, agencyId = gpAgency, professionalId = app.EmilysGp, role = "GP", from = "2024-01-01", isLead = true }, ChronicleApp.Json);
        var ended = await gp.PostAsJsonAsync($"/api/involvements/{leadInvolvement}/end", new { to = "2024-06-01" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.Accepted, lead);
        await ExpectAsync(HttpStatusCode.BadRequest, ended);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Emily}/viewers")).StatusCode);
        await using var after = App.OpenDb();
        Assert.Null(await after.Involvements.Where(i => i.Id == leadInvolvement).Select(i => i.To).SingleAsync());
        Assert.False(await after.Involvements.AnyAsync(i => i.PersonId == app.Emily && i.ProfessionalId == app.EmilysGp && i.IsLead));
    }

    [Fact]
    public async Task A_practitioner_cannot_bring_someone_into_a_child_s_team_through_a_parent_they_may_see()
    {
        // Baby R's GP sees Baby R's mother; recording the outside GP's work with her would put that GP in both children's teams.
        var gp = await app.AsAsync(Attacker.OtherFamilyGp);
        var (newcomer, client) = await NewcomerAsync("Locum (Riverside, through a parent)");

        var response = await gp.PostAsJsonAsync("/api/involvements", new { personId = app.BabyRsMother, agencyId = app.OutsidePracticeAgency, professionalId = newcomer, role = "GP", from = "2024-01-01" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.Accepted, response);
        Assert.Empty(await AttackApp.ChildrenAsync(client));
    }

    [Fact]
    public async Task The_lead_grants_at_once()
    {
        var (newcomer, client) = await NewcomerAsync("Practice nurse (Riverside, by the lead)");
        var lead = await app.AsAsync(app.EmilysLeadUser);

        var added = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/team/members", new { professionalId = newcomer, role = "practice nurse", reason = "Immunisations" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.Created, added);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/children/{app.Emily}")).StatusCode);
    }

    [Fact]
    public async Task Break_glass_needs_the_whole_name_and_date_of_birth_or_the_NHS_number_opens_one_child_and_never_outlives_its_grant()
    {
        var (_, gp) = await NewcomerAsync("Out-of-hours GP (Riverside, break glass)");
        const string reason = "Child brought to out-of-hours clinic, need the plan now";
        DateOnly dob;
        await using (var db = App.OpenDb()) dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
        var date = $"{dob.Day}/{dob.Month}/{dob.Year}";

        var oneLetter = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "E", ["dateOfBirth"] = date, ["reason"] = reason });
        Assert.Contains("No record found", await oneLetter.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);

        var whole = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "emily", ["dateOfBirth"] = date, ["reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, whole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);

        // Through break glass, joining the team is refused (emergency access does not act on the case), and recording
        // one's own involvement grants nothing: it is a proposal for the lead.
        Guid me;
        await using (var db = App.OpenDb()) me = await db.Professionals.Where(p => p.Name == "Out-of-hours GP (Riverside, break glass)").Select(p => p.Id).SingleAsync();
        var joined = await gp.PostAsJsonAsync($"/api/children/{app.Emily}/team/members", new { professionalId = me, role = "GP", reason = "Keep access" }, ChronicleApp.Json);
        var involved = await gp.PostAsJsonAsync("/api/involvements", new { personId = app.Emily, agencyId = app.OutsidePracticeAgency, professionalId = me, role = "GP", from = "2024-01-01" }, ChronicleApp.Json);
        await ExpectAsync(HttpStatusCode.Forbidden, joined);
        await ExpectAsync(HttpStatusCode.Accepted, involved);

        await using (var db = App.OpenDb())
        {
            var grants = await db.BreakGlassGrants.Where(g => g.ChildPersonId == app.Emily).ToListAsync();
            foreach (var grant in grants) grant.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);
        Assert.Empty(await AttackApp.ChildrenAsync(gp));
    }

    [Fact]
    public async Task A_search_matching_several_children_opens_none()
    {
        // Emily's siblings share a family name in no field, so two children with one name and birthday are made for it.
        var (_, gp) = await NewcomerAsync("Out-of-hours GP (Riverside, twins)");
        var (_, creator) = await NewcomerAsync("Registrar (Riverside, twins)");
        await App.CreateAsync(creator, "/api/people", new { kind = "child", givenName = "Sam", familyName = "Twin", dateOfBirth = "2020-02-02" });
        // The duplicate check offers the first; the registrar says this is another child.
        await App.CreateAsync(creator, "/api/people?choice=new", new { kind = "child", givenName = "Sam", familyName = "Twin", dateOfBirth = "2020-02-02" });

        var response = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "Sam Twin", ["dateOfBirth"] = "2/2/2020", ["reason"] = "Emergency: child brought in by ambulance now" });

        Assert.Contains("More than one record matches", await response.Content.ReadAsStringAsync());
        Assert.Empty(await AttackApp.ChildrenAsync(gp));
    }

    [Fact]
    public async Task A_second_record_made_with_a_childs_name_and_birthday_does_not_keep_break_glass_from_the_child()
    {
        var (_, gp) = await NewcomerAsync("Out-of-hours GP (Riverside, decoy)");
        var (_, registrar) = await NewcomerAsync("Registrar (Riverside, decoy)");
        var (_, attacker) = await NewcomerAsync("Practice nurse (Riverside, decoy)");
        var child = await App.CreateAsync(registrar, "/api/people", new { kind = "child", givenName = "Robin", familyName = "Ashdown", dateOfBirth = "2021-03-04" });
        await App.CreateAsync(registrar, "/api/addresses", new { personId = child, address = "4 Mill Lane, Riverside", postcode = "RV1 4ML" });
        // Anyone who may create a person can make another with the same name and birthday (told it may be a duplicate).
        var decoy = await App.CreateAsync(attacker, "/api/people?choice=new", new { kind = "child", givenName = "Robin", familyName = "Ashdown", dateOfBirth = "2021-03-04" });
        const string reason = "Emergency: child brought in by ambulance, need the plan now";
        var form = new Dictionary<string, string> { ["name"] = "Robin Ashdown", ["dateOfBirth"] = "4/3/2021", ["reason"] = reason };

        // The name and birthday alone open neither record, and the page asks for what tells them apart.
        var refused = await (await ChronicleApp.PostFormAsync(gp, "/break-glass", form)).Content.ReadAsStringAsync();
        Assert.Contains("or the postcode of their home", refused);
        foreach (var (postcode, words) in new[] { ("ZZ9 9ZZ", "none has an address at that postcode"), (new string('A', 17), "The postcode must be 16 characters or fewer") })
        {
            var wrong = await (await ChronicleApp.PostFormAsync(gp, "/break-glass", new(form) { ["postcode"] = postcode })).Content.ReadAsStringAsync();
            Assert.Contains(words, wrong);
        }
        Assert.Empty(await AttackApp.ChildrenAsync(gp));

        // With the postcode of the child's home, written any way, the child's record opens, and only it.
        var granted = await ChronicleApp.PostFormAsync(gp, "/break-glass", new(form) { ["postcode"] = " rv14ml " });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{decoy}")).StatusCode);
    }

    [Fact]
    public async Task A_second_record_given_a_childs_NHS_number_does_not_keep_break_glass_from_the_child()
    {
        var (_, gp) = await NewcomerAsync("Out-of-hours GP (Riverside, NHS decoy)");
        var (_, registrar) = await NewcomerAsync("Registrar (Riverside, NHS decoy)");
        var (_, attacker) = await NewcomerAsync("Practice nurse (Riverside, NHS decoy)");
        var identifiers = new[] { new { scheme = "nhs-number", value = "401 023 2137" } };
        var child = await App.CreateAsync(registrar, "/api/people", new { kind = "child", givenName = "Jude", familyName = "Harrow", dateOfBirth = "2020-07-08", identifiers });
        var decoy = await App.CreateAsync(attacker, "/api/people?choice=new", new { kind = "child", givenName = "Jude", familyName = "Harrow", dateOfBirth = "2020-07-08", identifiers });

        // An NHS number is one person's: every record carrying it is opened, and the page lists them.
        var response = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["nhsNumber"] = "4010232137", ["reason"] = "Emergency: child brought in by ambulance, need the plan now" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2 records carry this NHS number", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{decoy}")).StatusCode);
        await using var db = App.OpenDb();
        Assert.Equal(2, await db.BreakGlassGrants.CountAsync(g => g.ChildPersonId == child || g.ChildPersonId == decoy));
    }

    [Fact]
    public async Task The_front_door_cannot_keep_a_child_after_the_contact_is_decided()
    {
        // Emily's GP works with every sibling, so records the contact and its decision.
        var lead = await app.AsAsync(app.EmilysGpUser);
        var frontDoor = await app.AsAsync(Attacker.FrontDoor);
        var child = app.Sibling4;
        var contact = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("contact", new { type = "contact", concerns = "School reports a bruise" }, child));
        Assert.Equal(HttpStatusCode.OK, (await frontDoor.GetAsync($"/children/{child}")).StatusCode);

        var joined = await frontDoor.PostAsJsonAsync($"/api/children/{child}/team/members", new { professionalId = app.FrontDoorWorker, role = "front door", reason = "Keep an eye" }, ChronicleApp.Json);
        Guid agency;
        await using (var db = App.OpenDb()) agency = await db.Professionals.Where(p => p.Id == app.FrontDoorWorker).Select(p => p.AgencyId).SingleAsync();
        var involved = await frontDoor.PostAsJsonAsync("/api/involvements", new { personId = child, agencyId = agency, professionalId = app.FrontDoorWorker, role = "duty worker", from = "2024-05-01" }, ChronicleApp.Json);
        await ExpectAsync(HttpStatusCode.Accepted, joined);
        await ExpectAsync(HttpStatusCode.Accepted, involved);

        // The front door may allocate someone else while the contact is open.
        var (newcomer, allocated) = await NewcomerAsync("Duty social worker (allocated by the front door)");
        var allocation = await frontDoor.PostAsJsonAsync($"/api/children/{child}/team/members", new { professionalId = newcomer, role = "duty social worker", reason = "Allocated to the contact" }, ChronicleApp.Json);
        await ExpectAsync(HttpStatusCode.Created, allocation);

        await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("contact-decision", new { contactEntryId = contact, decision = "no-further-action", rationale = "Explained" }, child));
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await allocated.GetAsync($"/children/{child}")).StatusCode);
    }

    [Fact]
    public async Task A_manager_of_another_team_cannot_reassign_or_close_the_actions_of_someone_they_do_not_manage()
    {
        var lead = await app.AsAsync(app.EmilysLeadUser);
        await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("strategy-discussion",
            new { decision = "section47-enquiry", actions = new[] { new { description = "Visit the family", ownerProfessionalId = app.EmilysSocialWorker, due = "2030-01-01" } } }, app.Emily));
        Guid action;
        await using (var db = App.OpenDb())
            action = await db.Actions.Where(a => a.OwnerProfessionalId == app.EmilysSocialWorker && a.Description == "Visit the family" && a.Status == Core.Actions.ActionStatus.Open).Select(a => a.Id).FirstAsync();
        var other = await app.AsAsync(Attacker.OtherTeamManager);

        var reassigned = await other.PostAsJsonAsync("/api/actions/reassignments", new { fromProfessionalId = app.EmilysSocialWorker, toProfessionalId = app.FrontDoorManager, reason = "Mine now" }, ChronicleApp.Json);
        var done = await other.PostAsJsonAsync("/api/actions/done", new { actionId = action, note = "Closed" }, ChronicleApp.Json);

        await ExpectAsync(HttpStatusCode.BadRequest, reassigned);
        await ExpectAsync(HttpStatusCode.BadRequest, done);
        await using var after = App.OpenDb();
        var still = await after.Actions.SingleAsync(a => a.Id == action);
        Assert.Equal(app.EmilysSocialWorker, still.OwnerProfessionalId);
        Assert.Equal(Core.Actions.ActionStatus.Open, still.Status);

        // Emily's own team manager may.
        var manager = await app.AsAsync(app.EmilysManagerUser);
        var own = await manager.PostAsJsonAsync("/api/actions/reassignments", new { fromProfessionalId = app.EmilysSocialWorker, toProfessionalId = app.EmilysTeamManager, reason = "Covering", childId = app.Emily }, ChronicleApp.Json);
        await ExpectAsync(HttpStatusCode.OK, own);
    }
}
