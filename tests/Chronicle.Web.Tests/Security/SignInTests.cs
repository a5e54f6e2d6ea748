using System.Net;
using Chronicle.Core.Audit;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security;

/// <summary>Signing in and out, sessions, slowing repeated attempts (never a lockout), the flood guard, cookies, headers and the demo accounts.</summary>
public sealed class SignInTests
{
    /// <summary>Short delays, so that a test can see them and still run quickly.</summary>
    private static Dictionary<string, string?> Throttle(int freePerName = 3, int freePerAddress = 1000, int firstMs = 150, int maxMs = 1200) => new()
    {
        ["Chronicle:SignIn:FreeAttemptsPerName"] = freePerName.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chronicle:SignIn:FreeAttemptsPerAddress"] = freePerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chronicle:SignIn:FirstDelay"] = TimeSpan.FromMilliseconds(firstMs).ToString(),
        ["Chronicle:SignIn:MaxDelay"] = TimeSpan.FromMilliseconds(maxMs).ToString(),
    };

    private static Task<HttpResponseMessage> TryAsync(HttpClient client, string userName, string password) =>
        ChronicleApp.PostFormAsync(client, "/sign-in", new() { ["userName"] = userName, ["password"] = password });

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Wrong_passwords_sent_by_someone_else_cannot_lock_out_the_real_user_who_signs_in_after_at_most_the_delay(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider, ["family-a.json"], settings: Throttle());
        var userName = await app.UserNameOfAsync("Social worker (Family A)");
        var attacker = app.NewClient();

        // Twelve wrong passwords, more than twice what used to lock the account; the later ones wait.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var wrong = await TryAsync(attacker, userName, $"wrong-{i}");
            waits.Add(started.Elapsed);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Enter a correct user name and password", await wrong.Content.ReadAsStringAsync());
        }
        var user = app.NewClient();
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var signIn = await TryAsync(user, userName, DemoAccounts.Password);
        var took = timer.Elapsed;

        // The real user is in, after a wait of at least the delay the attempts earned and not much more than the maximum.
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
        Assert.InRange(took, TimeSpan.FromMilliseconds(1100), TimeSpan.FromSeconds(10));
        Assert.True(waits[^1] >= TimeSpan.FromMilliseconds(1100), $"the twelfth wrong password waited only {waits[^1]}");
        // Once the real user is in, the count starts again: the next attempt does not wait.
        var fresh = System.Diagnostics.Stopwatch.StartNew();
        await TryAsync(app.NewClient(), userName, "wrong-again");
        Assert.True(fresh.Elapsed < TimeSpan.FromMilliseconds(1100) || fresh.Elapsed < took / 2, $"after signing in, a wrong password still waited {fresh.Elapsed}");

        await using var db = app.OpenDb();
        var account = await db.UserAccounts.SingleAsync(a => a.UserName == userName);
        var audit = await db.AuditEntries.Where(a => a.UserId == account.Id).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(13, audit.Count(a => a.Action == AuditAction.SignInFailed));
        Assert.Contains(audit, a => a.Action == AuditAction.SignIn);
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("wrong-", StringComparison.Ordinal) || (a.Detail ?? "").Contains(DemoAccounts.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("wrong-", StringComparison.Ordinal) || l.Contains(DemoAccounts.Password, StringComparison.Ordinal));
        // Neither the name typed nor the address is kept in the clear.
        Assert.All(await db.Set<SignInThrottle>().Select(t => t.ThrottleKey).ToListAsync(), k => Assert.Matches("^[0-9a-f]{64}$", k));
    }

    [Fact]
    public async Task Trying_many_user_names_from_one_address_is_slowed_down()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, settings: Throttle(freePerName: 1000, freePerAddress: 4, firstMs: 300, maxMs: 2000));
        var client = app.NewClient();

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(client, $"someone-{i}", "guess")).StatusCode);
            waits.Add(started.Elapsed);
        }

        // The fifth attempt waits 300 ms, the sixth 600, the seventh 1.2 s: each name tried only once.
        Assert.True(waits[6] >= TimeSpan.FromMilliseconds(1200), $"the seventh attempt from the address waited only {waits[6]}");
        Assert.True(waits[5] >= TimeSpan.FromMilliseconds(600), $"the sixth attempt from the address waited only {waits[5]}");
    }

    /// <summary>The sign-in page as answered, without what differs on every answer (the antiforgery token) or what was typed.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response, string typed) =>
        System.Text.RegularExpressions.Regex.Replace((await response.Content.ReadAsStringAsync()).Replace(typed, "TYPED", StringComparison.Ordinal),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_known_and_an_unknown_user_name_get_the_same_answer_however_many_wrong_passwords(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider, ["family-a.json"], settings: Throttle(firstMs: 20, maxMs: 100));
        var known = await app.UserNameOfAsync("Social worker (Family A)");
        const string unknown = "social-worker-family-z";
        var client = app.NewClient();

        for (var i = 0; i < 8; i++)
        {
            var toKnown = await TryAsync(client, known, $"wrong-{i}");
            var toUnknown = await TryAsync(client, unknown, $"wrong-{i}");
            Assert.Equal(toUnknown.StatusCode, toKnown.StatusCode);
            Assert.Equal(await AnswerAsync(toUnknown, unknown), await AnswerAsync(toKnown, known));
            Assert.Equal(toUnknown.Headers.Select(h => h.Key).Order(), toKnown.Headers.Select(h => h.Key).Order());
        }
    }

    [Fact]
    public async Task A_known_and_an_unknown_user_name_take_the_same_time_to_answer()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"], settings: Throttle(freePerName: 10_000, freePerAddress: 10_000));
        var known = await app.UserNameOfAsync("Social worker (Family A)");
        var client = app.NewClient();
        // What checking one password hash costs here, now: the difference skipping it for unknown names would make.
        var hasher = new PasswordHasher<UserAccount>();
        var hash = hasher.HashPassword(null!, "something");
        var hashing = LowerQuartile(Enumerable.Range(0, 9).Select(_ => Time(() => hasher.VerifyHashedPassword(null!, hash, "other"))));

        async Task<TimeSpan> AttemptAsync(string userName)
        {
            var form = new Dictionary<string, string> { ["userName"] = userName, ["password"] = "not-the-password" };
            var page = await client.GetStringAsync("/sign-in");
            form["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return started.Elapsed;
        }

        await AttemptAsync(known);
        await AttemptAsync("nobody-at-all-0");
        var knownTimes = new List<TimeSpan>();
        var unknownTimes = new List<TimeSpan>();
        // Interleaved, so that whatever else the machine is doing weighs on both alike; a fresh unknown name each time.
        // Compared at the lower quartile, which what else runs on the machine disturbs least.
        for (var i = 0; i < 21; i++)
        {
            knownTimes.Add(await AttemptAsync(known));
            unknownTimes.Add(await AttemptAsync($"nobody-at-all-{i + 1}"));
        }

        var difference = (LowerQuartile(knownTimes) - LowerQuartile(unknownTimes)).Duration();
        Assert.True(difference < hashing / 2,
            $"known names answered in {LowerQuartile(knownTimes).TotalMilliseconds:0} ms, unknown in {LowerQuartile(unknownTimes).TotalMilliseconds:0} ms (lower quartiles); one hash takes {hashing.TotalMilliseconds:0} ms");
    }

    private static TimeSpan Time(Action action)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        action();
        return started.Elapsed;
    }

    private static TimeSpan LowerQuartile(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 4];
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
        Assert.Equal("/sign-in?done=signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Contains("You have signed out", await (await app.NewClient().GetAsync(signOut.Headers.Location)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery);
        await using var db = app.OpenDb();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == AuditAction.SignOut);
    }

    /// <summary>Signs in and answers the session cookie exactly as the browser got it ("chronicle-session=...").</summary>
    private static async Task<string> SessionCookieAsync(ChronicleApp app, string userName)
    {
        var signIn = await TryAsync(app.NewClient(), userName, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var header = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Session.CookieName + "=", StringComparison.Ordinal));
        return header[..header.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>A request carrying only this cookie, as an attacker with a copy of it would send it.</summary>
    private static async Task<HttpResponseMessage> WithCookieAsync(ChronicleApp app, string cookie, string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_copy_of_the_session_cookie_no_longer_works_after_signing_out(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var userName = await app.UserNameOfAsync(DemoAccounts.Administrator);
        var browser = app.NewClient();
        var signIn = await TryAsync(browser, userName, DemoAccounts.Password);
        var header = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Session.CookieName + "=", StringComparison.Ordinal));
        var cookie = header[..header.IndexOf(';', StringComparison.Ordinal)];
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, cookie, "/accounts")).StatusCode);

        // The browser signs out; someone kept a copy of its cookie.
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(browser, "/sign-out", [], formPage: "/accounts")).StatusCode);

        var after = await WithCookieAsync(app, cookie, "/accounts");
        var api = await WithCookieAsync(app, cookie, "/api/children");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        await using var db = app.OpenDb();
        var account = await db.UserAccounts.SingleAsync(a => a.UserName == userName);
        var session = await db.Set<UserSession>().SingleAsync(x => x.AccountId == account.Id);
        Assert.Equal(SessionStore.SignedOut, session.EndReason);
        Assert.NotNull(session.EndedAt);
        Assert.Matches("^[0-9a-f]{64}$", session.TokenHash);
        Assert.DoesNotContain(session.TokenHash, cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_busy()
    {
        var lifetime = TimeSpan.FromSeconds(6);
        var clock = new SimulatedClock(DateTimeOffset.UtcNow);
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, settings: new()
        {
            ["Chronicle:Session:AbsoluteLifetime"] = lifetime.ToString(),
            // Renewed on every use, so that only the absolute lifetime can end it.
            ["Chronicle:Session:IdleTimeout"] = TimeSpan.FromSeconds(4).ToString(),
        }, clock: clock);
        var cookie = await SessionCookieAsync(app, await app.UserNameOfAsync(DemoAccounts.Administrator));
        // The app's clock moves only when told: the session is exactly as old as this says.
        var started = clock.GetUtcNow();

        var answers = new List<(TimeSpan At, HttpStatusCode Status)>();
        while (clock.GetUtcNow() - started < lifetime + TimeSpan.FromSeconds(1.5))
        {
            answers.Add((clock.GetUtcNow() - started, (await WithCookieAsync(app, cookie, "/accounts")).StatusCode));
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK && a.At < lifetime - TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Redirect, answers[^1].Status);
        Assert.DoesNotContain(answers, a => a.Status == HttpStatusCode.OK && a.At > lifetime);
        await using var db = app.OpenDb();
        var session = await db.Set<UserSession>().SingleAsync();
        Assert.Equal(lifetime, session.ExpiresAt - session.StartedAt);
    }

    [Fact]
    public async Task An_idle_session_ends_and_a_used_one_is_renewed()
    {
        var clock = new SimulatedClock(DateTimeOffset.UtcNow);
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, settings: new() { ["Chronicle:Session:IdleTimeout"] = TimeSpan.FromSeconds(3).ToString() }, clock: clock);
        var userName = await app.UserNameOfAsync(DemoAccounts.Administrator);
        var idle = await SessionCookieAsync(app, userName);
        var busy = await SessionCookieAsync(app, userName);

        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(700));
            Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, busy, "/accounts")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(app, idle, "/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, busy, "/accounts")).StatusCode);
    }

    [Fact]
    public async Task Ending_an_accounts_sessions_refuses_every_cookie_it_had_and_no_one_elses()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var userName = await app.UserNameOfAsync(DemoAccounts.Administrator);
        var first = await SessionCookieAsync(app, userName);
        var second = await SessionCookieAsync(app, userName);
        var other = await SessionCookieAsync(app, await app.UserNameOfAsync(DemoAccounts.InformationGovernance));

        await using (var db = app.OpenDb())
        {
            var account = await db.UserAccounts.SingleAsync(a => a.UserName == userName);
            Assert.Equal(2, await SessionStore.EndAllAsync(db, account.Id, DateTimeOffset.UtcNow));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(app, first, "/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(app, second, "/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, other, "/")).StatusCode);
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
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c.ToLowerInvariant()));
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
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/emily.json", "scenarios/live-carter-family.json"]);
        await using var db = app.OpenDb();

        var professionals = await db.Professionals.ToListAsync();
        var accounts = await db.UserAccounts.ToListAsync();
        var table = await DemoAccounts.DescribeAsync(db);

        Assert.Equal(professionals.Select(p => p.Id).Order(), accounts.Select(a => a.ProfessionalId!.Value).Order());
        Assert.Equal(accounts.Count, accounts.Select(a => a.UserName).Distinct().Count());
        Assert.All(accounts, a => Assert.Matches("^[a-z0-9-]+$", a.UserName));
        Assert.Equal("social-worker-emilys-family", accounts.Single(a => a.DisplayName == "Social worker (Emily's family)").UserName);
        var byJob = professionals.ToDictionary(p => p.Id, p => p.Role);
        Assert.All(accounts, a => Assert.Equal(AccountNames.RolesFor(byJob[a.ProfessionalId!.Value]).ToHashSet(), a.RoleSet));
        Assert.Equal([Role.TeamManager, Role.Practitioner], AccountNames.RolesFor(ProfessionalRole.TeamManager));
        Assert.Equal([Role.Reviewer], AccountNames.RolesFor(ProfessionalRole.Scrutineer));
        foreach (var name in new[] { DemoAccounts.BusinessUnitOfficer, DemoAccounts.Scrutineer, DemoAccounts.InformationGovernance, DemoAccounts.FrontDoor, DemoAccounts.Administrator })
            Assert.Contains(accounts, a => a.DisplayName == name);
        Assert.NotNull(table);
        Assert.Contains(DemoAccounts.Password, table);
        foreach (var (_, professional) in DemoAccounts.Examples)
            Assert.Contains(accounts.Where(a => a.DisplayName == professional).OrderBy(a => a.CreatedAt).First().UserName, table);
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
