using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Two writes sent at once, each allowed alone, must not together give what neither may: a proposal decided twice (declined
/// on the record, its people let in), or an administrator's password on an account given the administrator role. A
/// page's write reads before its transaction, so each race is tried with the stale read made explicit, and as real
/// requests sent together, again and again.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed partial class RaceAttackTests(AttackApp app)
{
    private const int Tries = 6;
    private static readonly string[] AdministratorRole = ["administrator"];
    private static readonly HttpStatusCode[] Decided = [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict];

    private ChronicleApp App => app.App;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A page's form, ready to post at once: its fields with the antiforgery token the page gave.</summary>
    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var token = TokenField().Match(await client.GetStringAsync(page));
        Assert.True(token.Success, $"{page} has no antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Emily's GP proposes a newcomer for Emily's team; answers the newcomer and the proposal.</summary>
    private async Task<(Guid Newcomer, Guid Proposal)> ProposeAsync(string name)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var newcomer = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var gp = await app.AsAsync(app.EmilysGpUser);
        var proposed = await gp.PostAsJsonAsync($"/api/children/{app.Emily}/team/members", new { professionalId = newcomer, role = "locum", reason = "Covering the practice" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        return (newcomer, (await proposed.Content.ReadFromJsonAsync<JsonElement>(ChronicleApp.Json)).GetProperty("proposalId").GetGuid());
    }

    private async Task<bool> InEmilysTeamAsync(Guid professional)
    {
        await using var db = App.OpenDb();
        return (await ChildTeam.LoadAsync(db, app.Emily, WorkingDayCalendar.UkDate(DateTimeOffset.UtcNow)))!.Includes(professional);
    }

    [Fact]
    public async Task A_proposal_read_before_another_decision_is_not_decided_again()
    {
        var (newcomer, id) = await ProposeAsync("Locum (Riverside, decided on a stale read)");
        await using var stale = App.OpenDb();
        var copy = await stale.AccessProposals.SingleAsync(p => p.Id == id);

        var manager = await app.AsAsync(app.EmilysManagerUser);
        var accepted = await manager.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = id, accept = true }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        copy.Status = ProposalStatus.Declined;
        copy.DecisionReason = "Not needed";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        await using var db = App.OpenDb();
        Assert.Equal(ProposalStatus.Accepted, (await db.AccessProposals.SingleAsync(p => p.Id == id)).Status);
        Assert.True(await InEmilysTeamAsync(newcomer));
    }

    [Fact]
    public async Task The_lead_declining_on_the_team_page_as_the_manager_accepts_by_the_API_decides_once()
    {
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var manager = await app.AsAsync(app.EmilysManagerUser);
        var page = $"/children/{app.Emily}/team";
        for (var i = 0; i < Tries; i++)
        {
            var (newcomer, id) = await ProposeAsync($"Locum (Riverside, raced decision {i})");
            var form = await FormAsync(lead, page, new() { ["proposalId"] = id.ToString(), ["accept"] = "false", ["decisionReason"] = "Not needed" });

            var declining = lead.PostAsync($"{page}?handler=decide", form);
            var accepting = manager.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = id, accept = true }, ChronicleApp.Json);
            await Task.WhenAll(declining, accepting);

            ProposalStatus status;
            await using (var db = App.OpenDb()) status = (await db.AccessProposals.SingleAsync(p => p.Id == id)).Status;
            Assert.NotEqual(ProposalStatus.Proposed, status);
            Assert.Equal(status == ProposalStatus.Accepted, await InEmilysTeamAsync(newcomer));
            Assert.Equal(status == ProposalStatus.Accepted, (await accepting).StatusCode == HttpStatusCode.OK);
            Assert.Contains((await accepting).StatusCode, Decided);
        }
    }

    /// <summary>A new account of a new professional, with its holder's own password (none an administrator set); answers its id.</summary>
    private async Task<Guid> AccountAsync(string name)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var professional = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var userName = await App.AddAccountAsync(professional);
        await using var db = App.OpenDb();
        return await db.UserAccounts.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync();
    }

    [Fact]
    public async Task An_account_read_before_its_roles_changed_is_not_given_an_administrator_s_password()
    {
        var account = await AccountAsync("GP (Riverside, account read stale)");
        await using var stale = App.OpenDb();
        var copy = await stale.UserAccounts.SingleAsync(a => a.Id == account);

        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var roles = await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = AdministratorRole }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        copy.PasswordHash = "set by an administrator";
        copy.PasswordSetByAdministratorAt = DateTimeOffset.UtcNow;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        await using var db = App.OpenDb();
        Assert.Null((await db.UserAccounts.SingleAsync(a => a.Id == account)).PasswordSetByAdministratorAt);
    }

    [Fact]
    public async Task A_password_set_on_the_page_as_the_API_gives_the_administrator_role_never_both_stand()
    {
        var setter = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var promoter = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        for (var i = 0; i < Tries; i++)
        {
            var account = await AccountAsync($"GP (Riverside, raced account {i})");
            var page = $"/accounts/{account}";
            var form = await FormAsync(setter, page, new() { ["password"] = "a one-time password for the race" });

            var setting = setter.PostAsync($"{page}?handler=password", form);
            var promoting = promoter.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = AdministratorRole }, ChronicleApp.Json);
            await Task.WhenAll(setting, promoting);

            await using var db = App.OpenDb();
            var after = await db.UserAccounts.AsNoTracking().SingleAsync(a => a.Id == account);
            Assert.False(after.RoleSet.Contains(Role.Administrator) && after.PasswordSetByAdministratorAt is not null,
                $"Try {i}: the account has the administrator role and a password an administrator set");
            Assert.Equal(after.RoleSet.Contains(Role.Administrator), (await promoting).StatusCode == HttpStatusCode.OK);
        }
    }
}
