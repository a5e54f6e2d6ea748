using System.Net;
using System.Net.Http.Json;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11, point 8: break glass needs a specific match for exactly one child on every way in. A child's id (from a
/// link, an entry, an old list) is no match: the request must still name that child exactly.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class BreakGlassAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    [Fact]
    public async Task A_childs_id_alone_or_with_a_loose_or_another_childs_match_opens_nothing()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var me = await App.CreateAsync(admin, "/api/professionals", new { name = "Out-of-hours GP (Riverside, by id)", agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var gp = await App.SignInAsync(await App.AddAccountAsync(me));
        const string reason = "Child brought to out-of-hours clinic, need the plan now";
        DateOnly dob;
        await using (var db = App.OpenDb()) dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
        var date = $"{dob.Day}/{dob.Month}/{dob.Year}";

        var attempts = new (string What, Dictionary<string, string> Form)[]
        {
            ("the id alone", new() { ["childId"] = app.Emily.ToString(), ["reason"] = reason }),
            ("the id with one letter of the name", new() { ["childId"] = app.Emily.ToString(), ["name"] = "E", ["dateOfBirth"] = date, ["reason"] = reason }),
            ("the id with a date of birth only", new() { ["childId"] = app.Emily.ToString(), ["dateOfBirth"] = date, ["reason"] = reason }),
            ("another child's id with Emily's whole name", new() { ["childId"] = app.Sibling4.ToString(), ["name"] = "Emily", ["dateOfBirth"] = date, ["reason"] = reason }),
        };
        foreach (var (what, form) in attempts)
        {
            var response = await ChronicleApp.PostFormAsync(gp, $"/break-glass?childId={form["childId"]}", form);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: answered {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Sibling4}")).StatusCode);
        }
        await using (var db = App.OpenDb())
            Assert.False(await db.BreakGlassGrants.AnyAsync(g => db.UserAccounts.Any(a => a.Id == g.UserId && a.ProfessionalId == me)));

        // The link's form asks for the child's details, and with the whole name and date of birth of that child it opens it.
        Assert.Contains("name=\"nhsNumber\"", await gp.GetStringAsync($"/break-glass?childId={app.Emily}"));
        var exact = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["childId"] = app.Emily.ToString(), ["name"] = "emily", ["dateOfBirth"] = date, ["reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, exact.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/children/{app.Sibling4}")).StatusCode);
    }

    [Fact]
    public async Task Emergency_access_records_what_was_done_but_takes_on_none_of_the_childs_actions()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var me = await App.CreateAsync(admin, "/api/professionals", new { name = "Out-of-hours GP (Riverside, actions)", agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var gp = await App.SignInAsync(await App.AddAccountAsync(me));
        DateOnly dob;
        await using (var db = App.OpenDb()) dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
        var granted = await ChronicleApp.PostFormAsync(gp, "/break-glass", new()
        {
            ["name"] = "Emily", ["dateOfBirth"] = $"{dob.Day}/{dob.Month}/{dob.Year}", ["reason"] = "Child brought to out-of-hours clinic, need the plan now",
        });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        object Discussion(Guid owner, string description) => AttackApp.Entry("strategy-discussion",
            new { decision = "section47-enquiry", actions = new[] { new { description, ownerProfessionalId = owner, due = "2030-01-01" } } }, app.Emily);

        var own = await ApiTestData.ErrorsAsync(await gp.PostAsJsonAsync("/api/entries", Discussion(me, "Review the bruising in clinic"), ChronicleApp.Json));
        Assert.Equal(["Action 1: you are not in the team around the child it is about: choose an owner who is"], own["details.actions[0].ownerProfessionalId"]);
        // Given to the child's social worker, it is recorded and is theirs.
        await App.CreateAsync(gp, "/api/entries", Discussion(app.EmilysSocialWorker, "Visit after the out-of-hours clinic"));
        await using var after = App.OpenDb();
        Assert.False(await after.Actions.AnyAsync(a => a.OwnerProfessionalId == me));
        Assert.True(await after.Actions.AnyAsync(a => a.OwnerProfessionalId == app.EmilysSocialWorker && a.Description == "Visit after the out-of-hours clinic"));
    }
}
