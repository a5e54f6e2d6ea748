using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11, "facts that grant access need authority", at the moment of acceptance: a proposal is tried again under
/// the decider's authority, as the record stands when it is accepted, not as it stood when it was proposed.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class ProposalAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    [Fact]
    public async Task Accepting_a_proposal_that_now_reaches_a_child_the_decider_cannot_grant_changes_nothing()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        const string name = "Counsellor (Riverside, proposal replayed)";
        var newcomer = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var client = await App.SignInAsync(await App.AddAccountAsync(newcomer));

        // Emily's GP proposes the newcomer's work with Emily's mother: it would widen Emily's family's teams, which Emily's lead may grant.
        var gp = await app.AsAsync(app.EmilysGpUser);
        var proposed = await gp.PostAsJsonAsync("/api/involvements", new { personId = app.EmilysMother, agencyId = app.OutsidePracticeAgency, professionalId = newcomer, role = "counsellor", from = "2024-01-01" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var proposal = (await lead.GetFromJsonAsync<JsonElement>("/api/proposals/mine", ChronicleApp.Json)).EnumerateArray()
            .Single(p => p.GetProperty("summary").GetString()!.Contains(name, StringComparison.Ordinal));
        var id = proposal.GetProperty("id").GetGuid();
        var child = proposal.GetProperty("childId").GetGuid();

        // Then the record changes: Emily's mother is recorded as living in Baby R's household, which Emily's lead does not lead.
        var membership = Guid.NewGuid();
        await using (var db = App.OpenDb())
        {
            db.HouseholdMemberships.Add(new Core.Record.HouseholdMembership { Id = membership, HouseholdId = app.BabyRsHousehold, PersonId = app.EmilysMother, From = new DateOnly(2024, 1, 1), RecordedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        try
        {
            var accepted = await lead.PostAsJsonAsync($"/api/children/{child}/proposals/decisions", new { proposalId = id, accept = true }, ChronicleApp.Json);

            Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
            Assert.Contains("ask for it to be proposed again", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/children/{app.BabyR}")).StatusCode);
            Assert.Empty(await AttackApp.ChildrenAsync(client));
            await using var db = App.OpenDb();
            Assert.False(await db.Involvements.AnyAsync(i => i.ProfessionalId == newcomer));
            Assert.Equal(Core.Security.ProposalStatus.Proposed, (await db.AccessProposals.SingleAsync(p => p.Id == id)).Status);
        }
        finally
        {
            await using var db = App.OpenDb();
            db.HouseholdMemberships.Remove(await db.HouseholdMemberships.SingleAsync(m => m.Id == membership));
            await db.SaveChangesAsync();
        }

        // As the record stood when it was proposed, the lead may accept it.
        var again = await lead.PostAsJsonAsync($"/api/children/{child}/proposals/decisions", new { proposalId = id, accept = true }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/children/{app.Emily}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/children/{app.BabyR}")).StatusCode);
    }
}
