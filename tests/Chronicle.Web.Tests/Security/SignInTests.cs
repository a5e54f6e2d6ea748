using System.Net;
using Chronicle.Core.Audit;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security;

/// <summary>Signing in and out, lockout, the sign-in rate limit, cookies, headers and the demo accounts.</summary>
public sealed class SignInTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_every_attempt_is_audited_without_the_password(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider, ["family-a.json"]);
        var userName = await app.UserNameOfAsync("Social worker (Family A)");
        var client = app.NewClient();

        for (var i = 0; i < PasswordSignIn.MaxFailedSignIns; i++)
        {
            var wrong = await ChronicleApp.PostFormAsync(client, "/sign-in", new() { ["userName"] = userName, ["password"] = $"wrong-{i}" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var locked = await ChronicleApp.PostFormAsync(client, "/sign-in", new() { ["userName"] = userName, ["password"] = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("This account is locked", await locked.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        var account = await db.UserAccounts.SingleAsync(a => a.UserName == userName);
        Assert.True(account.LockedUntil > DateTimeOffset.UtcNow.AddMinutes(14));
        var audit = await db.AuditEntries.Where(a => a.UserId == account.Id).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(6, audit.Count(a => a.Action == AuditAction.SignInFailed));
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("wrong-", StringComparison.Ordinal) || (a.Detail ?? "").Contains(DemoAccounts.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("wrong-", StringComparison.Ordinal) || l.Contains(DemoAccounts.Password, StringComparison.Ordinal));

        // When the lock has passed, the right password signs in and the count starts again.
        await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var signedIn = await app.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/")).StatusCode);
        await using var after = app.OpenDb();
        Assert.Equal(0, (await after.UserAccounts.SingleAsync(a => a.Id == account.Id)).FailedSignIns);
        Assert.Contains(await after.AuditEntries.Where(a => a.UserId == account.Id).Select(a => a.Action).ToListAsync(), a => a == AuditAction.SignIn);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, settings: new() { ["Chronicle:SignIn:AttemptsPerMinute"] = "3" });
        var client = app.NewClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            answers.Add((await ChronicleApp.PostFormAsync(client, "/sign-in", new() { ["userName"] = "nobody", ["password"] = "wrong" })).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var client = app.NewClient();

        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = await app.UserNameOfAsync(DemoAccounts.Administrator),
            ["password"] = DemoAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(Session.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var client = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));

        var signOut = await ChronicleApp.PostFormAsync(client, "/sign-out", [], formPage: "/accounts");
        var after = await client.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery);
        await using var db = app.OpenDb();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == AuditAction.SignOut);
    }

    [Fact]
    public async Task Cookies_are_HttpOnly_Secure_and_SameSite_and_pages_carry_the_security_headers()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://chronicle.example"), AllowAutoRedirect = false });
        var userName = await app.UserNameOfAsync(DemoAccounts.Administrator);

        var form = await https.GetAsync("/sign-in");
        var signIn = await ChronicleApp.PostFormAsync(https, "/sign-in", new() { ["userName"] = userName, ["password"] = DemoAccounts.Password });
        var page = await https.GetAsync("/accounts");

        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("chronicle-antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("secure", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Session.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", session);
        Assert.Contains("secure", session);
        Assert.Contains("samesite=lax", session);
        Assert.DoesNotContain("expires=", session);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Strict-Transport-Security" })
            Assert.True(page.Headers.Contains(header), $"{header} is missing");
        Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());

        // Plain HTTP from anywhere but localhost still gets a Secure cookie, which a browser will not send back.
        var elsewhere = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://chronicle.example"), AllowAutoRedirect = false });
        var plain = await elsewhere.GetAsync("/sign-in");
        Assert.Contains("secure", plain.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_without_a_session_go_to_sign_in_and_the_API_answers_401_as_a_problem()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var client = app.NewClient();

        var page = await client.GetAsync($"/children/{Guid.NewGuid()}");
        var api = await client.GetAsync("/api/children");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_demo_professional_has_an_account_with_roles_from_their_job_and_the_start_up_table_names_one_of_each_kind()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/emily.json", "scenarios/baby-r.json"]);
        await using var db = app.OpenDb();

        var professionals = await db.Professionals.ToListAsync();
        var accounts = await db.UserAccounts.ToListAsync();
        var table = await DemoAccounts.DescribeAsync(db);

        Assert.Equal(professionals.Select(p => p.Id).Order(), accounts.Select(a => a.ProfessionalId!.Value).Order());
        Assert.Equal(accounts.Count, accounts.Select(a => a.UserName).Distinct().Count());
        Assert.All(accounts, a => Assert.Matches("^[a-z0-9-]+$", a.UserName));
        Assert.Equal("social-worker-emilys-family", accounts.Single(a => a.DisplayName == "Social worker (Emily's family)").UserName);
        var byJob = professionals.ToDictionary(p => p.Id, p => p.Role);
        Assert.All(accounts, a => Assert.Equal(Accounts.RolesFor(byJob[a.ProfessionalId!.Value]).ToHashSet(), a.RoleSet));
        Assert.Equal([Role.TeamManager, Role.Practitioner], Accounts.RolesFor(ProfessionalRole.TeamManager));
        Assert.Equal([Role.Reviewer], Accounts.RolesFor(ProfessionalRole.Scrutineer));
        foreach (var name in new[] { DemoAccounts.BusinessUnitOfficer, DemoAccounts.Scrutineer, DemoAccounts.InformationGovernance, DemoAccounts.FrontDoor, DemoAccounts.Administrator })
            Assert.Contains(accounts, a => a.DisplayName == name);
        Assert.NotNull(table);
        Assert.Contains(DemoAccounts.Password, table);
        Assert.Contains("gp-baby-rs-family", table);
        Assert.Contains("social-worker-emilys-family", table);
        Assert.Contains("/accounts", table);
    }

    [Fact]
    public async Task An_external_identity_maps_by_its_vouched_email_to_one_account_or_to_nobody()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var admin = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));
        var agency = await app.CreateAsync(admin, "/api/agencies", new { name = "Testshire Police", kind = "police" });
        var officer = await app.CreateAsync(admin, "/api/professionals", new { name = "PC Test", agencyId = agency, role = "police-officer", email = "pc.test@police.example" });
        var userName = await app.AddAccountAsync(officer);
        using var scope = app.Services.CreateScope();
        var mapper = scope.ServiceProvider.GetRequiredService<IExternalIdentityMapper>();

        var found = await mapper.MapAsync(new ExternalIdentity("https://login.example/tenant", "abc123", "PC.Test@Police.example"));
        var unknown = await mapper.MapAsync(new ExternalIdentity("https://login.example/tenant", "def456", "someone@else.example"));
        var noEmail = await mapper.MapAsync(new ExternalIdentity("https://login.example/tenant", "ghi789", null));

        Assert.Equal(userName, found?.UserName);
        Assert.Null(unknown);
        Assert.Null(noEmail);
    }
}
