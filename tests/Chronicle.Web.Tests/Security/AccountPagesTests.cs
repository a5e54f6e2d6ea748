using System.Net;
using System.Net.Http.Json;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Audit;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>The web app over Family A's demo partnership, with an account of another partnership beside it.</summary>
public sealed class AccountsApp : IAsyncLifetime
{
    public ChronicleApp App { get; private set; } = null!;
    public string AdministratorUser { get; private set; } = "";
    public Guid AdministratorAccount { get; private set; }
    /// <summary>An account of another partnership: no administrator of the demo partnership may see or change it.</summary>
    public Guid ElsewhereAccount { get; private set; }
    public Guid CareAgency { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"]);
        AdministratorUser = await App.UserNameOfAsync(DemoAccounts.Administrator);
        await using var db = App.OpenDb();
        AdministratorAccount = await db.UserAccounts.Where(a => a.UserName == AdministratorUser).Select(a => a.Id).SingleAsync();
        CareAgency = await db.Agencies.Where(a => a.Name == "Testshire Children's Social Care").Select(a => a.Id).SingleAsync();
        var elsewhere = new Partnership { Id = Guid.NewGuid(), Name = "Elsewhere partnership", Code = "elsewhere", CreatedAt = DateTimeOffset.UtcNow };
        var agency = new Agency { Id = Guid.NewGuid(), PartnershipId = elsewhere.Id, Name = "Elsewhere Children's Social Care", Kind = AgencyKind.ChildrensSocialCare };
        var professional = new Professional { Id = Guid.NewGuid(), PartnershipId = elsewhere.Id, AgencyId = agency.Id, Name = "Social worker (elsewhere)", Role = ProfessionalRole.SocialWorker };
        ElsewhereAccount = Guid.NewGuid();
        // One at a time: the tables' foreign keys are not relationships the model knows the order of.
        foreach (var row in new object[] { elsewhere, agency, professional })
        {
            db.Add(row);
            await db.SaveChangesAsync();
        }
        db.Add(new UserAccount
        {
            Id = ElsewhereAccount, PartnershipId = elsewhere.Id, ProfessionalId = professional.Id, UserName = "social-worker-elsewhere", DisplayName = professional.Name,
            PasswordHash = "not a hash", Roles = nameof(Role.Practitioner), CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The administrator's accounts pages (docs/security.md, "Sign-in and accounts"): finding an account, adding one with a
/// one-time password its holder must change, disabling and enabling it, setting a one-time password, changing its
/// roles; each refused to anyone but an administrator, for an account of another partnership, and for bad input by field.
/// </summary>
public sealed class AccountPagesTests(AccountsApp fixture) : IClassFixture<AccountsApp>
{
    private const string OneTimePassword = "tell-them-in-person-42";
    private static readonly string[] UnknownRole = ["root"];
    private ChronicleApp App => fixture.App;

    [Fact]
    public async Task The_administrator_finds_accounts_by_name_agency_role_and_status_a_page_at_a_time()
    {
        var admin = await App.SignInAsync(fixture.AdministratorUser);
        for (var n = 1; n <= 26; n++) await AddAsync(admin, $"Paged worker {n:00}", "health-visitor");

        var all = await OpenAsync(admin, "/accounts");
        Assert.Equal(25, all.QuerySelectorAll("#accounts tbody tr").Length);
        Assert.NotNull(all.QuerySelector("#account-pages a[rel=next]"));
        var byName = await OpenAsync(admin, "/accounts?q=paged+worker");
        Assert.Equal("26 accounts match", byName.GetElementById("account-count")!.TextContent.Trim());
        var second = await OpenAsync(admin, "/accounts?q=paged+worker&page=2");
        Assert.Equal("Paged worker 26", Assert.Single(second.QuerySelectorAll("#accounts tbody tr")).QuerySelector("a")!.TextContent.Trim());

        Guid healthVisiting;
        await using (var db = App.OpenDb()) healthVisiting = await db.Agencies.Where(a => a.Name == "Testshire Health Visiting").Select(a => a.Id).SingleAsync();
        var visitors = await OpenAsync(admin, $"/accounts?agency={healthVisiting}&role=practitioner");
        var names = visitors.QuerySelectorAll("#accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Health visitor (Family A)", names);
        Assert.DoesNotContain(names, n => n.StartsWith("Paged worker", StringComparison.Ordinal) || n.Contains("Social worker", StringComparison.Ordinal));
        var administrators = await OpenAsync(admin, "/accounts?role=administrator");
        Assert.Equal([DemoAccounts.Administrator], administrators.QuerySelectorAll("#accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        // Roles read as people say them, and no account of another partnership is listed.
        Assert.Contains("Administrator", administrators.GetElementById("accounts")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", (await OpenAsync(admin, "/accounts?q=elsewhere")).Body!.TextContent, StringComparison.Ordinal);

        var disabled = await AddAsync(admin, "Paged worker to disable", "health-visitor");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/accounts/{disabled}?handler=disable", new(), $"/accounts/{disabled}")).StatusCode);
        var onlyDisabled = await OpenAsync(admin, "/accounts?status=disabled");
        Assert.Equal(["Paged worker to disable"], onlyDisabled.QuerySelectorAll("#accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.DoesNotContain("Paged worker to disable", (await OpenAsync(admin, "/accounts?status=active&q=to+disable")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agencies_of_one_name_are_told_apart_by_area_and_one_recorded_twice_is_one_choice_that_finds_both()
    {
        var admin = await App.SignInAsync(fixture.AdministratorUser);
        Guid partnership;
        await using (var db = App.OpenDb()) partnership = await db.UserAccounts.Where(a => a.Id == fixture.AdministratorAccount).Select(a => a.PartnershipId).SingleAsync();
        var north = await AgencyWithAccountAsync(partnership, "Northshire", "Worker at the north one");
        var northAgain = await AgencyWithAccountAsync(partnership, "Northshire", "Worker at the north one recorded again");
        var south = await AgencyWithAccountAsync(partnership, "Southshire", "Worker at the south one");

        var page = await OpenAsync(admin, "/accounts");
        var options = page.QuerySelectorAll("#agency option").Select(o => o.TextContent.Trim()).Where(t => t.StartsWith("Two-area agency", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Two-area agency (Northshire)", "Two-area agency (Southshire)"], options);
        var byNorth = (await OpenAsync(admin, $"/accounts?agency={northAgain}")).QuerySelectorAll("#accounts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, byNorth.Count);
        Assert.All(byNorth, r => Assert.Contains("Two-area agency (Northshire)", r, StringComparison.Ordinal));
        var bySouth = (await OpenAsync(admin, $"/accounts?agency={south}")).QuerySelectorAll("#accounts tbody tr td:first-child").Select(c => c.TextContent.Trim());
        Assert.Equal(["Worker at the south one"], bySouth);
        Assert.NotEqual(north, northAgain);
    }

    /// <summary>An agency named "Two-area agency" in the area given, with one professional and their account; answers the agency.</summary>
    private async Task<Guid> AgencyWithAccountAsync(Guid partnership, string area, string worker)
    {
        await using var db = App.OpenDb();
        var agency = new Agency { Id = Guid.NewGuid(), PartnershipId = partnership, Name = "Two-area agency", Area = area, Kind = AgencyKind.Police };
        db.Add(agency);
        await db.SaveChangesAsync();
        var professional = new Professional { Id = Guid.NewGuid(), PartnershipId = partnership, AgencyId = agency.Id, Name = worker, Role = ProfessionalRole.PoliceOfficer };
        db.Add(professional);
        await db.SaveChangesAsync();
        db.Add(new UserAccount
        {
            Id = Guid.NewGuid(), PartnershipId = partnership, ProfessionalId = professional.Id, UserName = $"two-area-{Guid.NewGuid():N}", DisplayName = worker,
            PasswordHash = "not a hash", Roles = nameof(Role.Practitioner), CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return agency.Id;
    }

    [Fact]
    public async Task An_account_added_for_a_professional_does_nothing_until_its_holder_chooses_their_own_password()
    {
        var admin = await App.SignInAsync(fixture.AdministratorUser);
        var id = await AddAsync(admin, "Sam Newcomer", "social-worker");
        var added = await OpenAsync(admin, $"/accounts/{id}?done=added");
        Assert.Contains("The account for Sam Newcomer is added", added.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        string userName;
        await using (var db = App.OpenDb())
        {
            var account = await db.UserAccounts.SingleAsync(a => a.Id == id);
            userName = account.UserName;
            Assert.Equal(nameof(Role.Practitioner), account.Roles);
            Assert.True(account.MustChangePassword);
            var professional = await db.Professionals.SingleAsync(p => p.Id == account.ProfessionalId);
            Assert.Equal((fixture.CareAgency, ProfessionalRole.SocialWorker), (professional.AgencyId, professional.Role));
        }

        var holder = await App.SignInAsync(userName, OneTimePassword);
        var home = await holder.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/password", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await holder.GetAsync("/api/children")).StatusCode);
        var change = await OpenAsync(holder, "/account/password");
        Assert.NotNull(change.GetElementById("one-time-password"));

        var wrong = await ParseAsync(await PostAsync(holder, "/account/password", new()
        {
            ["currentPassword"] = "not the password", ["newPassword"] = "short", ["confirmPassword"] = "different",
        }));
        Assert.Equal(["Enter your current password correctly", "Enter a new password of at least 12 characters"],
            wrong.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        var same = await ParseAsync(await PostAsync(holder, "/account/password", new()
        {
            ["currentPassword"] = OneTimePassword, ["newPassword"] = OneTimePassword, ["confirmPassword"] = OneTimePassword,
        }));
        Assert.Contains("Enter a new password that is not the one you have now", same.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        const string own = "my own long password";
        var changed = await PostAsync(holder, "/account/password?returnUrl=%2Finbox", new()
        {
            ["currentPassword"] = OneTimePassword, ["newPassword"] = own, ["confirmPassword"] = own, ["returnUrl"] = "/inbox",
        }, "/account/password");
        // Every session ends: the holder signs in again with the new password, and goes where they were going.
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Finbox&done=password-changed", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.GetAsync("/inbox")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(App.NewClient(), "/sign-in", new() { ["userName"] = userName, ["password"] = OneTimePassword })).StatusCode);
        var again = await App.SignInAsync(userName, own);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/children")).StatusCode);

        // The account's page says so; the audit holds ids and what was done, never a name or a password.
        Assert.Contains("Chosen by its holder", (await OpenAsync(admin, $"/accounts/{id}")).GetElementById("account-summary")!.TextContent, StringComparison.Ordinal);
        await using (var db = App.OpenDb())
        {
            var audited = await db.AuditEntries.Where(a => a.Detail != null && a.Detail.StartsWith($"account {id}")).Select(a => a.Detail!).ToListAsync();
            Assert.Contains(audited, d => d.Contains("added for professional", StringComparison.Ordinal));
            Assert.Contains(audited, d => d.Contains("password changed by its holder", StringComparison.Ordinal));
            // The wrong current password is audited as a failed sign-in is, by the account alone.
            var failed = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.SignInFailed && a.UserId == id && a.Target.EndsWith("/account/password")).ToListAsync());
            Assert.Equal($"account {id}: current password not given correctly on changing it", failed.Detail);
            foreach (var detail in audited)
            {
                Assert.DoesNotContain("not the password", detail, StringComparison.Ordinal);
                Assert.DoesNotContain("Newcomer", detail, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(OneTimePassword, detail, StringComparison.Ordinal);
                Assert.DoesNotContain(own, detail, StringComparison.Ordinal);
            }
        }
        Assert.DoesNotContain(App.Logs.Lines, m => m.Contains(OneTimePassword, StringComparison.Ordinal) || m.Contains(own, StringComparison.Ordinal) || m.Contains("Newcomer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_administrator_disables_enables_sets_a_one_time_password_and_changes_roles_within_the_rules()
    {
        var admin = await App.SignInAsync(fixture.AdministratorUser);
        var id = await AddAsync(admin, "Robin Roles", "health-visitor");
        var page = $"/accounts/{id}";

        // Roles: a practitioner may become a team manager, but an account whose password an administrator set never an administrator.
        var privileged = await ParseAsync(await PostAsync(admin, $"{page}?handler=roles", new() { ["roles"] = "administrator" }, page));
        Assert.Contains("cannot be given the administrator or information governance role", privileged.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var none = await ParseAsync(await PostAsync(admin, $"{page}?handler=roles", new(), page));
        Assert.Contains("Select at least one role", none.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var roles = await PostAsync(admin, $"{page}?handler=roles", new() { ["roles"] = "team-manager" }, page);
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        Assert.Contains("roles are now: Team manager", (await OpenAsync(admin, roles.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);

        // A one-time password: too short is named; a good one ends the holder's sessions and must be changed.
        string userName;
        await using (var db = App.OpenDb()) userName = await db.UserAccounts.Where(a => a.Id == id).Select(a => a.UserName).SingleAsync();
        var holder = await App.SignInAsync(userName, OneTimePassword);
        var shortOne = await ParseAsync(await PostAsync(admin, $"{page}?handler=password", new() { ["password"] = "short" }, page));
        Assert.Equal("Enter a one-time password of at least 12 characters", shortOne.QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"{page}?handler=password", new() { ["password"] = "another one-time password" }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.GetAsync("/account/password")).StatusCode);

        // Disabled: signed out at once and unable to sign in; enabled: back with the password it had.
        holder = await App.SignInAsync(userName, "another one-time password");
        var disabled = await PostAsync(admin, $"{page}?handler=disable", new(), page);
        Assert.Equal($"{page}?done=disabled", disabled.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.GetAsync("/account/password")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(App.NewClient(), "/sign-in", new() { ["userName"] = userName, ["password"] = "another one-time password" })).StatusCode);
        Assert.NotNull((await OpenAsync(admin, page)).QuerySelector("form[action*='handler=enable']"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"{page}?handler=enable", new(), page)).StatusCode);
        await App.SignInAsync(userName, "another one-time password");

        // Through the API too, by the same rules.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{id}/disable", new { }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{id}/enable", new { }, ChronicleApp.Json)).StatusCode);
        await using (var db = App.OpenDb()) Assert.Null((await db.UserAccounts.SingleAsync(a => a.Id == id)).DisabledAt);

        // One's own account: no forms, and every change refused.
        var own = await OpenAsync(admin, $"/accounts/{fixture.AdministratorAccount}");
        Assert.NotNull(own.GetElementById("own-account"));
        Assert.Empty(own.QuerySelectorAll("main form"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/accounts/{fixture.AdministratorAccount}/disable", new { }, ChronicleApp.Json)).StatusCode);
    }

    [Fact]
    public async Task Account_pages_refuse_anyone_but_an_administrator_and_accounts_of_another_partnership_and_name_bad_input()
    {
        var admin = await App.SignInAsync(fixture.AdministratorUser);
        var target = await AddAsync(admin, "Ali Target", "health-visitor");
        var socialWorker = await App.SignInAsync(await App.UserNameOfAsync("Social worker (Family A)"));
        foreach (var path in new[] { "/accounts", "/accounts/new", $"/accounts/{target}" })
            Assert.Equal(HttpStatusCode.Forbidden, (await socialWorker.GetAsync(path)).StatusCode);
        foreach (var handler in new[] { "disable", "enable", "password", "roles" })
            Assert.Equal(HttpStatusCode.Forbidden, (await socialWorker.PostAsync($"/accounts/{target}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["roles"] = "administrator" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await socialWorker.PostAsJsonAsync("/api/accounts", new { name = "Someone", agencyId = fixture.CareAgency, job = "social-worker", password = OneTimePassword }, ChronicleApp.Json)).StatusCode);

        // Another partnership's account is not found, to read or to change.
        var elsewhere = $"/accounts/{fixture.ElsewhereAccount}";
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(elsewhere)).StatusCode);
        foreach (var handler in new[] { "disable", "enable", "password", "roles" })
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, $"{elsewhere}?handler={handler}", new() { ["password"] = OneTimePassword, ["roles"] = "practitioner" }, $"/accounts/{target}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/accounts/{fixture.ElsewhereAccount}/disable", new { }, ChronicleApp.Json)).StatusCode);
        await using (var db = App.OpenDb())
        {
            var untouched = await db.UserAccounts.SingleAsync(a => a.Id == fixture.ElsewhereAccount);
            Assert.Equal((null, null, nameof(Role.Practitioner)), (untouched.DisabledAt, untouched.PasswordSetByAdministratorAt, untouched.Roles));
        }

        // Bad input is named field by field, and nothing is written.
        var before = await CountsAsync();
        var empty = await ParseAsync(await PostAsync(admin, "/accounts/new", new()));
        Assert.Equal(["Enter the professional's name", "Select the professional's agency", "Select the professional's job", "Enter a one-time password of at least 12 characters"],
            empty.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        var elsewhereAgency = await ParseAsync(await PostAsync(admin, "/accounts/new", new()
        {
            ["name"] = "Someone", ["agencyId"] = (await ElsewhereAgencyAsync()).ToString(), ["job"] = "social-worker", ["password"] = OneTimePassword,
        }, "/accounts/new"));
        Assert.Contains("Select an agency of this partnership", elsewhereAgency.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var administrator = await ParseAsync(await PostAsync(admin, "/accounts/new", new()
        {
            ["name"] = "Someone", ["agencyId"] = fixture.CareAgency.ToString(), ["job"] = "administrator", ["password"] = OneTimePassword,
        }, "/accounts/new"));
        Assert.Contains("cannot have the administrator or information governance role", administrator.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var api = await ApiTestData.ErrorsAsync(await admin.PostAsJsonAsync("/api/accounts", new { name = "Someone", agencyId = fixture.CareAgency, job = "astronaut", roles = UnknownRole, password = "x" }, ChronicleApp.Json));
        Assert.Equal(["job", "password", "roles[0]"], api.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(int Accounts, int Professionals)> CountsAsync()
    {
        await using var db = App.OpenDb();
        return (await db.UserAccounts.CountAsync(), await db.Professionals.CountAsync());
    }

    private async Task<Guid> ElsewhereAgencyAsync()
    {
        await using var db = App.OpenDb();
        return await db.Agencies.Where(a => a.Name == "Elsewhere Children's Social Care").Select(a => a.Id).SingleAsync();
    }

    /// <summary>Adds an account through the page, in the social care agency, with the test's one-time password; answers its id.</summary>
    private async Task<Guid> AddAsync(HttpClient admin, string name, string job)
    {
        var response = await PostAsync(admin, "/accounts/new", new() { ["name"] = name, ["agencyId"] = fixture.CareAgency.ToString(), ["job"] = job, ["password"] = OneTimePassword });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location.Split('/', '?')[2]);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null) =>
        ChronicleApp.PostFormAsync(client, path, fields, formPage ?? path);

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
}
