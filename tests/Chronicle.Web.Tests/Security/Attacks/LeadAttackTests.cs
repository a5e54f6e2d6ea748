using System.Net;
using System.Net.Http.Json;
using Chronicle.Core.Record;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Who leads a child is a grant (docs/security.md, "Who may grant what"): a colleague in the lead's own agency cannot
/// end the lead's involvement, nor make themselves lead social worker with a backdated lead flag, without authority.
/// Each child here is the test's own, with an allocated social worker as lead and a colleague of the same agency.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class LeadAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    private sealed record Case(Guid Child, Guid Agency, Guid Lead, HttpClient LeadClient, Guid LeadInvolvement, Guid Colleague, HttpClient ColleagueClient, Guid ColleagueInvolvement);

    /// <summary>
    /// A child whose allocated social worker (with the lead flag when <paramref name="leadFlag"/>) and a colleague of the same
    /// children's social care work with them, each with an account; and, when given, another agency's professional with a later lead flag.
    /// </summary>
    private async Task<Case> CaseAsync(string label, bool leadFlag, DateOnly leadFrom, DateOnly colleagueFrom, Guid? otherLead = null)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        Guid agency, partnership;
        await using (var db = App.OpenDb())
        {
            agency = await db.Professionals.Where(p => p.Id == app.EmilysSocialWorker).Select(p => p.AgencyId).SingleAsync();
            partnership = await db.People.Where(p => p.Id == app.Emily).Select(p => p.PartnershipId).SingleAsync();
        }
        var lead = await App.CreateAsync(admin, "/api/professionals", new { name = $"Social worker ({label})", agencyId = agency, role = "social-worker" });
        var colleague = await App.CreateAsync(admin, "/api/professionals", new { name = $"Duty social worker ({label})", agencyId = agency, role = "social-worker" });
        var child = Guid.NewGuid();
        var leadInvolvement = Guid.NewGuid();
        var colleagueInvolvement = Guid.NewGuid();
        await using (var db = App.OpenDb())
        {
            db.People.Add(new Person { Id = child, PartnershipId = partnership, Kind = PersonKind.Child, GivenName = "Robin", FamilyName = label, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            db.Involvements.Add(new Involvement { Id = leadInvolvement, PartnershipId = partnership, PersonId = child, AgencyId = agency, ProfessionalId = lead, Role = "allocated social worker", IsLead = leadFlag, From = leadFrom, RecordedAt = DateTimeOffset.UtcNow });
            db.Involvements.Add(new Involvement { Id = colleagueInvolvement, PartnershipId = partnership, PersonId = child, AgencyId = agency, ProfessionalId = colleague, Role = "duty social worker", From = colleagueFrom, RecordedAt = DateTimeOffset.UtcNow });
            if (otherLead is { } other)
                db.Involvements.Add(new Involvement
                {
                    Id = Guid.NewGuid(), PartnershipId = partnership, PersonId = child, AgencyId = app.OutsidePracticeAgency, ProfessionalId = other, Role = "GP", IsLead = true,
                    From = new DateOnly(2024, 6, 1), RecordedAt = DateTimeOffset.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        return new Case(child, agency, lead, await App.SignInAsync(await App.AddAccountAsync(lead)), leadInvolvement,
            colleague, await App.SignInAsync(await App.AddAccountAsync(colleague)), colleagueInvolvement);
    }

    private static string Today => Core.Time.WorkingDayCalendar.UkDate(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_colleague_in_the_lead_s_own_agency_cannot_end_the_lead_s_involvement_today_or_ahead()
    {
        var c = await CaseAsync("ended by a colleague", leadFlag: true, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1));

        var today = await c.ColleagueClient.PostAsJsonAsync($"/api/involvements/{c.LeadInvolvement}/end", new { to = Today }, ChronicleApp.Json);
        var ahead = await c.ColleagueClient.PostAsJsonAsync($"/api/involvements/{c.LeadInvolvement}/end", new { to = "2099-01-01" }, ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, today.StatusCode);
        Assert.Contains("involvementId", await today.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, ahead.StatusCode);
        await using (var db = App.OpenDb())
            Assert.Null(await db.Involvements.Where(i => i.Id == c.LeadInvolvement).Select(i => i.To).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await c.LeadClient.GetAsync($"/children/{c.Child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.ColleagueClient.GetAsync($"/children/{c.Child}/viewers")).StatusCode);

        // The lead may end the colleague's work; the colleague may end their own.
        var byLead = await c.LeadClient.PostAsJsonAsync($"/api/involvements/{c.ColleagueInvolvement}/end", new { to = "2099-01-01" }, ChronicleApp.Json);
        var own = await c.ColleagueClient.PostAsJsonAsync($"/api/involvements/{c.ColleagueInvolvement}/end", new { to = Today }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_colleague_cannot_become_lead_social_worker_with_a_backdated_lead_flag_under_another_agency_s_lead()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var gp = await App.CreateAsync(admin, "/api/professionals", new { name = "GP (Riverside, lead of a child)", agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        // The GP's lead flag is the latest; the allocated social worker, started after the colleague, is lead social worker.
        var c = await CaseAsync("backdated lead", leadFlag: false, new DateOnly(2024, 3, 1), new DateOnly(2024, 1, 1), gp);

        var response = await c.ColleagueClient.PostAsJsonAsync("/api/involvements",
            new { personId = c.Child, agencyId = c.Agency, professionalId = c.Colleague, role = "social worker", isLead = true, from = "2023-01-01" }, ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var db = App.OpenDb();
        Assert.False(await db.Involvements.AnyAsync(i => i.PersonId == c.Child && i.ProfessionalId == c.Colleague && i.IsLead));
        Assert.Equal(HttpStatusCode.NotFound, (await c.ColleagueClient.GetAsync($"/children/{c.Child}/viewers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.LeadClient.GetAsync($"/children/{c.Child}/viewers")).StatusCode);
    }
}
