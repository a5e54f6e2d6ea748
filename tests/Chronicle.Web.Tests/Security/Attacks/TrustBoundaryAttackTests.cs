using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Api;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11's trust boundaries at their edges: texts written from a whole family's record (alerts and reminders) read
/// per reader; an acknowledgement written on the system's behalf names only what it acknowledges; break glass reads
/// and records but does not act on the case; a replay needs the child it was about, not a sibling it named; an account
/// an administrator disables or changes keeps no session.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class TrustBoundaryAttackTests(AttackApp app)
{
    private const string Withheld = "someone you do not have access to";
    private static readonly string[] AdministratorRole = ["administrator"];
    private static readonly string[] UnknownRole = ["overlord"];
    private static readonly string[] PractitionerRole = ["practitioner"];
    private static readonly string[] PractitionerAndManager = ["practitioner", "team-manager"];
    private ChronicleApp App => app.App;

    private async Task<string> NameOfAsync(Guid person)
    {
        await using var db = App.OpenDb();
        return (await db.People.SingleAsync(p => p.Id == person)).DisplayName;
    }

    /// <summary>An open alert about the child whose texts say this, owned by this professional; removed (or, once acted on, closed) when disposed.</summary>
    private async Task<(Guid Id, IAsyncDisposable Remove)> AlertAsync(Guid child, Guid? owner, string summary, string askFor)
    {
        var now = DateTimeOffset.UtcNow;
        var alert = new Alert
        {
            Id = Guid.NewGuid(), PartnershipId = await PartnershipAsync(), SafeguardId = SafeguardCatalogue.All[0].Id, SafeguardVersion = 1, SubjectPersonId = child,
            // Urgent and long overdue, so that it leads every list (the child page's table shows the first few).
            CauseKey = $"trust-test:{Guid.NewGuid()}", Severity = Severity.Urgent, Summary = summary, AskFor = askFor, OwnerProfessionalId = owner,
            RaisedAt = now.AddYears(-30), DueAt = now.AddYears(-30).AddDays(1), Status = AlertStatus.Open,
        };
        await using (var db = App.OpenDb())
        {
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
        }
        return (alert.Id, new Removal(App, alert.Id));
    }

    /// <summary>
    /// Keeps the test's alert open: no safeguard finds its cause, so whenever the engine next evaluates the child (an
    /// entry, the hosted sweep) it resolves it, and an open alert is what the surfaces under test show.
    /// </summary>
    private async Task KeepOpenAsync(Guid alertId)
    {
        await using var db = App.OpenDb();
        await db.Alerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AlertStatus.Open).SetProperty(a => a.ClosedAt, (DateTimeOffset?)null));
    }

    private sealed class Removal(ChronicleApp app, Guid alertId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var db = app.OpenDb();
            // An alert someone acted on keeps its history (alert events are append-only): it is closed instead.
            await db.Alerts.Where(a => a.Id == alertId && !db.AlertEvents.Any(e => e.AlertId == alertId)).ExecuteDeleteAsync();
            await db.Alerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AlertStatus.Closed));
        }
    }

    private async Task<Guid> PartnershipAsync()
    {
        await using var db = App.OpenDb();
        return await db.People.Where(p => p.Id == app.Emily).Select(p => p.PartnershipId).SingleAsync();
    }

    private async Task<(Guid Id, HttpClient Client, string UserName)> NewcomerAsync(string name)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var id = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var userName = await App.AddAccountAsync(id);
        return (id, await App.SignInAsync(userName), userName);
    }

    [Fact]
    public async Task An_alert_naming_a_sibling_the_reader_may_not_see_withholds_them_on_every_surface_that_shows_it()
    {
        var hidden = await NameOfAsync(app.Sibling1);
        var emily = await NameOfAsync(app.Emily);
        var child = await NameOfAsync(app.Sibling4);
        var (alertId, remove) = await AlertAsync(app.Sibling4, app.PrimaryDsl,
            $"{hidden} and {emily.ToUpperInvariant()} were at home when {child} was seen.", $"Ask {hidden} what happened and record it.");
        await using var _ = remove;
        var school = await app.AsAsync(Attacker.PartialTeam);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/people/{app.Sibling1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/children/{app.Emily}")).StatusCode);

        // The API: the child's alerts and the reader's own, word for word.
        foreach (var path in new[] { $"/api/children/{app.Sibling4}/alerts", "/api/alerts/mine" })
        {
            await KeepOpenAsync(alertId);
            var alert = (await school.GetFromJsonAsync<JsonElement>(path, ChronicleApp.Json)).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == alertId);
            Assert.Equal($"{Withheld} and {Withheld} were at home when {child} was seen.", alert.GetProperty("summary").GetString());
            Assert.Equal($"Ask {Withheld} what happened and record it.", alert.GetProperty("askFor").GetString());
        }
        // Every page that shows an alert or a reminder: the child page's table, the child's alerts, the alert, the lists, the work tray.
        foreach (var path in new[] { $"/children/{app.Sibling4}", $"/children/{app.Sibling4}/alerts", $"/alerts/{alertId}", "/alerts/mine", "/", "/reminders" })
        {
            await KeepOpenAsync(alertId);
            var response = await school.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(hidden, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(emily.ToUpperInvariant() + " were", body, StringComparison.OrdinalIgnoreCase);
            if (path.Contains("alerts", StringComparison.Ordinal) || path == $"/children/{app.Sibling4}")
                Assert.True(body.Contains($"{Withheld} and {Withheld} were at home", StringComparison.Ordinal), $"{path} does not show the alert with the names withheld");
        }

        // Emily's social worker, who may see every one of them, reads the alert as written.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var full = await lead.GetStringAsync($"/alerts/{alertId}");
        Assert.Contains($"{System.Net.WebUtility.HtmlEncode(hidden)} and {emily.ToUpperInvariant()} were at home", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledging_a_share_names_only_the_child_it_was_sent_for_never_a_sibling_the_recipient_may_not_see()
    {
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var entry = await App.CreateAsync(lead, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text = "Both children described the same night at home" },
            occurredAt = "2024-05-02T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { app.Sibling4, app.Sibling1 },
            source = "seen-by-recorder",
            significance = "significant",
        });
        Guid notification;
        await using (var db = App.OpenDb())
            notification = await db.Notifications.Where(n => n.RecipientProfessionalId == app.PrimaryDsl && n.EntryId == entry && n.NeedsAcknowledgement).Select(n => n.Id).SingleAsync();

        var school = await app.AsAsync(Attacker.PartialTeam);
        var acknowledged = await school.PostAsJsonAsync("/api/inbox/acknowledgements", new { notificationId = notification }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        await using (var db = App.OpenDb())
        {
            var ack = await db.Notifications.Where(n => n.Id == notification).Select(n => n.AcknowledgementEntryId).SingleAsync();
            var written = await db.Entries.Include(e => e.Subjects).SingleAsync(e => e.Id == ack);
            Assert.Equal("information-acknowledged", written.Kind);
            // The school wrote about the child it works with: the sibling it may not see is not named.
            Assert.Equal([app.Sibling4], written.Subjects.Select(s => s.PersonId));
            Assert.DoesNotContain(app.Sibling1.ToString(), written.Details, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Break_glass_reads_and_records_but_cannot_act_on_alerts_the_team_plans_or_proposals()
    {
        var (_, gp, _) = await NewcomerAsync("Out-of-hours GP (Riverside, acting)");
        DateOnly dob;
        await using (var db = App.OpenDb()) dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
        var granted = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "emily", ["dateOfBirth"] = $"{dob.Day}/{dob.Month}/{dob.Year}", ["reason"] = "Child brought to out-of-hours clinic, need the plan now" });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        // Reading, and recording what the reader did, are what emergency access is for.
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/children/{app.Emily}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gp.PostAsJsonAsync("/api/entries",
            AttackApp.Entry("observation", new { topic = "other", text = "Seen at the out-of-hours clinic" }, app.Emily), ChronicleApp.Json)).StatusCode);
        var (alertId, remove) = await AlertAsync(app.Emily, app.EmilysSocialWorker, "A test alert about the child.", "Record what was decided.");
        await using var _ = remove;
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/alerts/{alertId}")).StatusCode);

        var fingerprint = await app.FingerprintAsync();
        var refused = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("acknowledging an alert", () => gp.PostAsJsonAsync($"/api/alerts/{alertId}/acknowledge", new { }, ChronicleApp.Json)),
            ("resolving an alert", () => gp.PostAsJsonAsync($"/api/alerts/{alertId}/resolve", new { }, ChronicleApp.Json)),
            ("closing an alert", () => gp.PostAsJsonAsync($"/api/alerts/{alertId}/close", new { reason = "Not needed" }, ChronicleApp.Json)),
            ("acknowledging from a list", () => ChronicleApp.PostFormAsync(gp, "/alerts/mine?handler=acknowledge", new() { ["ids"] = alertId.ToString() }, "/alerts/mine")),
            ("joining the team", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/team/members", new { professionalId = app.OutsideGp, role = "GP", reason = "Keep access" }, ChronicleApp.Json)),
            ("removing the lead's colleague", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/team/removals", new { professionalId = app.EmilysGp, reason = "Not needed" }, ChronicleApp.Json)),
            ("starting a plan", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/plans", new { type = "child-in-need" }, ChronicleApp.Json)),
            ("ending a plan", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/plans/endings", new { reason = "Stepped down" }, ChronicleApp.Json)),
            ("recording a plan as an entry", () => gp.PostAsJsonAsync("/api/entries",
                AttackApp.Entry("plan-started", new { type = "child-in-need", items = Array.Empty<object>() }, app.Emily), ChronicleApp.Json)),
            ("deciding a proposal", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/proposals/decisions", new { proposalId = Guid.NewGuid(), accept = true }, ChronicleApp.Json)),
            ("sharing an entry", () => gp.PostAsJsonAsync($"/api/children/{app.Emily}/shares", new { entryId = app.EmilysEntry, recipientProfessionalIds = new[] { app.OutsideGp }, purpose = "Out of hours" }, ChronicleApp.Json)),
            // The same acts recorded as entries about an adult seen only through the child, or naming the child's entries.
            ("sharing the child's entry as an entry about the mother", () => gp.PostAsJsonAsync("/api/entries",
                AttackApp.Entry("information-shared", new { aboutEntryId = app.EmilysEntry, recipientProfessionalIds = new[] { app.OutsideGp }, summary = "Out of hours" }, app.EmilysMother), ChronicleApp.Json)),
            ("ending the child's plan as an entry about the mother", () => gp.PostAsJsonAsync("/api/entries",
                AttackApp.Entry("plan-ended", new { planEntryId = app.EmilysEntry, reason = "Stepped down" }, app.EmilysMother), ChronicleApp.Json)),
        };
        foreach (var (what, send) in refused)
        {
            await KeepOpenAsync(alertId);
            Assert.True((await send()).StatusCode == HttpStatusCode.Forbidden, $"{what} through break glass was not refused with 403");
        }

        Assert.Equal(fingerprint, await app.FingerprintAsync());
        await using (var db = App.OpenDb())
        {
            Assert.Null((await db.Alerts.SingleAsync(a => a.Id == alertId)).AcknowledgedAt);
            Assert.DoesNotContain(await db.AlertEvents.Where(e => e.AlertId == alertId).Select(e => e.Type).ToListAsync(),
                t => t is AlertEventType.Acknowledged or AlertEventType.Closed or AlertEventType.Escalated);
        }
        // The team acts on the same alert as ever.
        await KeepOpenAsync(alertId);
        var teamGp = await app.AsAsync(app.EmilysGpUser);
        Assert.Equal(HttpStatusCode.OK, (await teamGp.PostAsJsonAsync($"/api/alerts/{alertId}/acknowledge", new { }, ChronicleApp.Json)).StatusCode);
    }

    [Fact]
    public async Task A_replay_is_answered_only_while_the_caller_still_sees_the_child_it_was_about_not_a_sibling_it_named()
    {
        Guid sibling3;
        await using (var db = App.OpenDb()) sibling3 = await db.People.Where(p => p.KnownAs == "Sibling 3").Select(p => p.Id).SingleAsync();
        var (me, gp, _) = await NewcomerAsync("GP (Riverside, replay through a sibling)");
        var lead = await app.AsAsync(app.EmilysLeadUser);
        foreach (var child in new[] { app.Sibling4, sibling3 })
            Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"/api/children/{child}/team/members", new { professionalId = me, role = "GP", reason = "Registered at the practice" }, ChronicleApp.Json)).StatusCode);

        const string text = "Both seen at home; the younger one had a burn on the hand";
        var body = AttackApp.Entry("home-visit", new { childSeen = true, peopleSeen = new[] { app.Sibling4, sibling3 }, observations = text }, app.Sibling4);
        HttpRequestMessage Keyed() => new(HttpMethod.Post, "/api/entries") { Content = JsonContent.Create(body, options: ChronicleApp.Json), Headers = { { "Idempotency-Key", "replay-through-a-sibling" } } };
        Assert.Equal(HttpStatusCode.Created, (await gp.SendAsync(Keyed())).StatusCode);
        var replayed = await gp.SendAsync(Keyed());
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.True(replayed.Headers.Contains(Idempotency.ReplayedHeader));

        // The GP leaves Sibling 4's team and keeps Sibling 3's: the entry was about Sibling 4 only.
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"/api/children/{app.Sibling4}/team/removals", new { professionalId = me, reason = "Moved to another practice" }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync($"/api/children/{app.Sibling4}/chronology")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/api/children/{sibling3}/chronology")).StatusCode);

        var after = await gp.SendAsync(Keyed());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        var answer = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain(text, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Sibling4.ToString(), answer, StringComparison.OrdinalIgnoreCase);
        Assert.False(after.Headers.Contains(Idempotency.ReplayedHeader));
    }

    [Fact]
    public async Task An_administrator_alone_changes_roles_or_disables_an_account_and_every_change_ends_its_sessions()
    {
        var (_, user, userName) = await NewcomerAsync("Practice nurse (Riverside, accounts)");
        Guid account, adminAccount;
        var adminName = await App.UserNameOfAsync(DemoAccounts.Administrator);
        await using (var db = App.OpenDb())
        {
            account = await db.UserAccounts.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync();
            adminAccount = await db.UserAccounts.Where(a => a.UserName == adminName).Select(a => a.Id).SingleAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/children")).StatusCode);

        // Granting a role is itself an act that needs authority: a lead professional, a manager, the user themselves cannot.
        foreach (var who in new[] { app.EmilysLeadUser, app.EmilysManagerUser })
        {
            var someone = await app.AsAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await someone.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = AdministratorRole }, ChronicleApp.Json)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = AdministratorRole }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsJsonAsync($"/api/accounts/{account}/disable", new { }, ChronicleApp.Json)).StatusCode);

        var admin = await App.SignInAsync(adminName);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = UnknownRole }, ChronicleApp.Json)).StatusCode);
        // A list or a number in one role's place would combine roles (team manager and conference chair make front door).
        foreach (var combined in new[] { "team-manager,conference-chair", "practitioner,administrator", "1,2", "7" })
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = new[] { combined } }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/accounts/{adminAccount}/roles", new { roles = PractitionerRole }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/accounts/{Guid.NewGuid()}/disable", new { }, ChronicleApp.Json)).StatusCode);
        var changed = await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = PractitionerAndManager }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var response = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["practitioner", "team-manager"], response.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(response.GetProperty("sessionsEnded").GetInt32() >= 1);
        // The session the account had before the change no longer works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/children")).StatusCode);

        var again = await App.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/children")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{account}/disable", new { }, ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/children")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode);
        // A disabled account cannot sign in again, and is told only what a wrong password is told.
        var refused = await ChronicleApp.PostFormAsync(App.NewClient(), "/sign-in", new() { ["userName"] = userName, ["password"] = DemoAccounts.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Enter a correct user name and password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/accounts/{adminAccount}/disable", new { }, ChronicleApp.Json)).StatusCode);
        // Another administrator's password is theirs to set: otherwise one administrator could sign in as another; and
        // an account whose password an administrator set is not then made an administrator (OutsiderAttackTests).
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{account}/password", new { password = "a long enough new password" }, ChronicleApp.Json)).StatusCode);
        var privileged = await ApiTestData.ErrorsAsync(await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = AdministratorRole }, ChronicleApp.Json));
        Assert.Contains("roles", privileged.Keys);

        await using (var db = App.OpenDb())
        {
            Assert.NotNull((await db.UserAccounts.SingleAsync(a => a.Id == account)).DisabledAt);
            var audited = await db.AuditEntries.Where(a => a.UserId == adminAccount && a.Detail != null && a.Detail.StartsWith($"account {account}")).Select(a => a.Detail!).ToListAsync();
            Assert.Contains(audited, d => d.Contains("roles changed from practitioner to practitioner, team-manager", StringComparison.Ordinal));
            Assert.Contains(audited, d => d.Contains("account disabled", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Ended_and_expired_sessions_and_old_sign_in_counts_are_purged_and_live_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var settings = App.Services.GetRequiredService<SessionSettings>();
        var keep = TimeSpan.FromHours(24);
        Guid account;
        await using (var db = App.OpenDb()) account = await db.UserAccounts.Select(a => a.Id).FirstAsync();
        Core.Security.UserSession Session(string name, DateTimeOffset started, DateTimeOffset renewed, DateTimeOffset? ended) => new()
        {
            Id = Guid.NewGuid(), TokenHash = $"purge-test-{name}-{Guid.NewGuid()}", AccountId = account, StartedAt = started, RenewedAt = renewed,
            ExpiresAt = started + settings.AbsoluteLifetime, EndedAt = ended, EndReason = ended is null ? null : SessionStore.SignedOut,
        };
        var sessions = new[]
        {
            Session("signed-out-long-ago", now.AddDays(-3), now.AddDays(-3), now.AddDays(-3)),
            Session("expired-long-ago", now.AddDays(-5), now.AddDays(-5).AddHours(1), null),
            Session("idle-long-ago", now.AddDays(-2), now.AddDays(-2), null),
            Session("signed-out-just-now", now.AddHours(-1), now.AddMinutes(-5), now.AddMinutes(-5)),
            Session("live", now.AddHours(-1), now.AddMinutes(-1), null),
        };
        await using (var db = App.OpenDb())
        {
            db.AddRange(sessions);
            db.AddRange(
                new Core.Security.SignInThrottle { ThrottleKey = $"purge-test-old-{Guid.NewGuid()}", Attempts = 7, LastAttemptAt = now.AddHours(-2) },
                new Core.Security.SignInThrottle { ThrottleKey = $"purge-test-recent-{Guid.NewGuid()}", Attempts = 7, LastAttemptAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        await using (var db = App.OpenDb())
        {
            var (purged, counts) = await SessionStore.PurgeAsync(db, now, settings, TimeSpan.FromMinutes(15), keep);
            Assert.True(purged >= 3 && counts >= 1, $"purged {purged} sessions and {counts} counts");
            var left = await db.Set<Core.Security.UserSession>().Where(s => s.TokenHash.StartsWith("purge-test-")).Select(s => s.TokenHash).ToListAsync();
            Assert.Equal(["live", "signed-out-just-now"], left.Select(h => h.Split('-')[2..^5]).Select(p => string.Join('-', p)).Order());
            var throttles = await db.Set<Core.Security.SignInThrottle>().Where(t => t.ThrottleKey.StartsWith("purge-test-")).Select(t => t.ThrottleKey).ToListAsync();
            Assert.Equal("recent", Assert.Single(throttles).Split('-')[2]);
        }
    }
}
