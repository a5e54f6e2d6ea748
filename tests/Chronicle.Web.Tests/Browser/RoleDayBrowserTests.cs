using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Family T's app with one headless Chromium for every role's day: a school's safeguarding lead, a community midwife
/// and a hospital's safeguarding nurse working with Child T, the police officer and the conference chair added to her
/// team, and a locum GP outside it. Each test adds what its own
/// day needs (an alert, an item shared with the role) through the API and services.
/// </summary>
public sealed class RoleDays : IAsyncLifetime
{
    public const string SchoolLead = "Designated safeguarding lead (Testtown Nursery School)";
    public const string LocumGp = "Locum GP (Testtown Surgery)";
    public const string Midwife = "Community midwife (Testshire Maternity)";
    public const string HospitalNurse = "Safeguarding nurse (Testshire General Hospital)";

    public TeamApp Team { get; private set; } = null!;
    public HeadlessChromium Chromium { get; private set; } = null!;
    public Guid SchoolLeadId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Team = await TeamApp.StartAsync(Provider.Sqlite, kestrel: true);
        Chromium = await HeadlessChromium.LaunchAsync();
        var admin = await Team.App.SignInAsync(await Team.App.UserNameOfAsync(DemoAccounts.Administrator));
        var school = await Team.App.CreateAsync(admin, "/api/agencies", new { name = "Testtown Nursery School", kind = "school", area = "Testshire" });
        SchoolLeadId = await Team.App.CreateAsync(admin, "/api/professionals", new { name = SchoolLead, agencyId = school, role = "designated-safeguarding-lead" });
        await Team.App.AddAccountAsync(SchoolLeadId);
        var surgery = await Team.App.OpenDb().Agencies.Where(a => a.Name == "Testtown Surgery").Select(a => a.Id).SingleAsync();
        await Team.App.AddAccountAsync(await Team.App.CreateAsync(admin, "/api/professionals", new { name = LocumGp, agencyId = surgery, role = "general-practitioner" }));

        var worker = await Team.AsAsync(SocialWorker);
        await Team.App.CreateAsync(worker, "/api/involvements", new { personId = Team.Child, agencyId = school, professionalId = SchoolLeadId, role = "nursery place", from = "2015-01-05" });
        foreach (var (agency, kind, who, role, involvement) in new[]
        {
            ("Testshire Maternity", "midwifery", Midwife, "midwife", "postnatal care"),
            ("Testshire General Hospital", "hospital", HospitalNurse, "hospital-safeguarding-nurse", "hospital safeguarding"),
        })
        {
            var agencyId = await Team.App.CreateAsync(admin, "/api/agencies", new { name = agency, kind, area = "Testshire" });
            var professional = await Team.App.CreateAsync(admin, "/api/professionals", new { name = who, agencyId, role });
            await Team.App.AddAccountAsync(professional);
            await Team.App.CreateAsync(worker, "/api/involvements", new { personId = Team.Child, agencyId, professionalId = professional, role = involvement, from = "2015-01-05" });
        }
        await OkAsync(await PostAsync(worker, $"/api/children/{Team.Child}/team/members", new { professionalId = Team.Id(PoliceOfficer), role = "police liaison", reason = "Police are investigating an injury" }));
        await OkAsync(await PostAsync(worker, $"/api/children/{Team.Child}/team/members", new { professionalId = Team.Id(Chair), role = "conference chair", reason = "Chairs the child protection conference" }));
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Team.DisposeAsync();
    }

    /// <summary>A referral about Child T received weeks ago with no decision on it: SG-19 raises an overdue alert, owned by the front door. Answers the alert.</summary>
    public async Task<Guid> OverdueReferralAlertAsync(string concern)
    {
        var worker = await Team.AsAsync(SocialWorker);
        var entry = await Team.App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact",
            details = new { type = "referral", concerns = concern },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-21),
            occurredPrecision = "exact",
            subjects = new[] { Team.Child },
            source = "reported-by",
            sourceName = "Nursery",
        });
        await using var db = Team.App.OpenDb();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == Team.Child && a.Status == AlertStatus.Open).ToListAsync();
        return alerts.Single(a => a.SafeguardId == "SG-19" && a.Evidence.Contains(entry)).Id;
    }

    /// <summary>
    /// A referral about Child T decided for a child and family assessment over three months ago, with no assessment on
    /// record: SG-19 raises an overdue alert owned by her lead social worker. Answers the alert.
    /// </summary>
    public async Task<Guid> OverdueAssessmentAlertAsync(string concern)
    {
        var worker = await Team.AsAsync(SocialWorker);
        var referral = await Team.App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact",
            details = new { type = "referral", concerns = concern },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-100),
            occurredPrecision = "exact",
            subjects = new[] { Team.Child },
            source = "reported-by",
            sourceName = "Nursery",
        });
        var decision = await Team.App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact-decision",
            details = new { contactEntryId = referral, decision = "child-and-family-assessment", rationale = "The concerns need a full assessment" },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-99),
            occurredPrecision = "exact",
            subjects = new[] { Team.Child },
            source = "seen-by-recorder",
        });
        await using var db = Team.App.OpenDb();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == Team.Child && a.Status == AlertStatus.Open && a.SafeguardId == "SG-19").ToListAsync();
        return alerts.Single(a => a.OwnerProfessionalId == Team.Id(SocialWorker) && (a.Evidence.Contains(referral) || a.Evidence.Contains(decision))).Id;
    }

    /// <summary>A significant observation about Child T, recorded by <paramref name="by"/>: shared with the rest of her team, to acknowledge.</summary>
    public async Task ShareSignificantAsync(string by, string text) => await Team.RecordSignificantAsync(await Team.AsAsync(by), text);
}

/// <summary>
/// Each role's day in real headless Chromium, with axe-core on every page visited: sign in and land on one's own work;
/// someone who works with children opens Child T from the work tray, acts on an alert, records an entry and
/// acknowledges what was shared with them, each confirmed; the business unit, the scrutineer, information governance
/// and the administrator land on their own work and open it.
/// </summary>
public sealed class RoleDayBrowserTests(RoleDays days) : IClassFixture<RoleDays>, IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private IPage? _page;
    private TeamApp Team => days.Team;

    /// <summary>The day's page is left blank and its session forgotten, for the next day in the same browser.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_page is not null) await _page.GotoAsync("about:blank");
        await days.Chromium.Browser.ClearCookiesAsync();
    }

    [Fact]
    public async Task A_social_workers_day()
    {
        var alert = await days.OverdueAssessmentAlertAsync("Nursery says the baby was left alone in the car");
        await days.ShareSignificantAsync(HealthVisitor, "Health visitor: baby underweight at the 12-week check");
        var page = await StartDayAsync(SocialWorker);

        await Assertions.Expect(page.Locator($"#tray-alert-{alert}")).ToContainTextAsync("Child T");
        await OpenChildFromTrayAsync(page);
        await EscalateAsync(page, alert, "The assessment is late: I am in court all week");
        await page.Locator("#navigation").GetByRole(AriaRole.Link, new() { Name = "Your work" }).ClickAsync();
        await OpenChildFromTrayAsync(page);
        await RecordObservationAsync(page, "Home visit: the baby was asleep in a clean cot");
        await AcknowledgeAsync(page, HealthVisitor, "baby underweight at the 12-week check");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task A_team_managers_day()
    {
        var alert = await days.OverdueAssessmentAlertAsync("Neighbour reports shouting late at night");
        await using (var scope = Team.App.Services.CreateAsyncScope())
        {
            var partnership = await Team.App.OpenDb().Partnerships.Select(p => p.Id).SingleAsync();
            (await scope.ServiceProvider.GetRequiredService<AlertService>().EscalateAsync(partnership, alert, Team.Id(SocialWorker), "No decision yet: I am in court all week")).Unwrap();
        }
        var page = await StartDayAsync(TeamManager);

        await Assertions.Expect(page.Locator("#tray-team tbody tr", new() { HasText = SocialWorker })).ToHaveCountAsync(1);
        await page.Locator($"#tray-alert-{alert}").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Statutory timescale");
        await AssertAccessibleAsync(page);
        await page.Locator($"form[action^='/alerts/{alert}?handler=acknowledge'] button").ClickAsync();
        await ConfirmedAsync(page, "Alert acknowledged");

        await page.GotoAsync(new Uri(Team.App.ServerAddress, "/").ToString());
        await OpenChildFromTrayAsync(page, expectInTray: false);
        await RecordObservationAsync(page, "Supervision: the plan was discussed with the social worker");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task A_health_visitors_day() => await PractitionersDayAsync(HealthVisitor, SocialWorker);

    [Fact]
    public async Task A_GPs_day() => await PractitionersDayAsync(Gp, HealthVisitor);

    [Fact]
    public async Task A_school_safeguarding_leads_day() => await PractitionersDayAsync(RoleDays.SchoolLead, SocialWorker);

    [Fact]
    public async Task A_midwifes_day() => await PractitionersDayAsync(RoleDays.Midwife, HealthVisitor);

    [Fact]
    public async Task A_hospital_safeguarding_nurses_day() => await PractitionersDayAsync(RoleDays.HospitalNurse, SocialWorker);

    [Fact]
    public async Task A_police_officers_day() => await PractitionersDayAsync(PoliceOfficer, SocialWorker);

    [Fact]
    public async Task A_conference_chairs_day()
    {
        var worker = await Team.AsAsync(SocialWorker);
        await OkAsync(await PostAsync(worker, $"/api/children/{Team.Child}/meetings", new
        {
            type = "review-child-protection-conference", scheduledFor = DateTimeOffset.UtcNow.AddDays(7), chairProfessionalId = Team.Id(Chair),
            invitees = new object[] { new { professionalId = Team.Id(HealthVisitor) }, new { professionalId = Team.Id(Gp) }, new { agencyId = Team.PoliceAgency } },
        }));
        await PractitionersDayAsync(Chair, SocialWorker, page => Assertions.Expect(page.Locator("#tray-meetings")).ToContainTextAsync("Child T"));
    }

    [Fact]
    public async Task The_front_doors_day()
    {
        var alert = await days.OverdueReferralAlertAsync("School nurse reports the mother's drinking");
        var page = await StartDayAsync(DemoAccounts.FrontDoor);

        // Child T's referral waits for the front door's decision: the child is in the list of contacts waiting.
        await OpenChildFromTrayAsync(page, list: "#tray-waiting");
        await ActOnAlertAsync(page, alert, "Acknowledge", "Alert acknowledged");
        await RecordObservationAsync(page, "Front door: strategy discussion arranged with the police");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task The_business_units_day() =>
        await OwnWorkAsync(DemoAccounts.BusinessUnitOfficer, async page =>
        {
            // The cycle to run, with a count of each list; not the scrutineer's questions.
            await Assertions.Expect(page.Locator("#learning-cycle h2")).ToHaveTextAsync("Running the learning cycle");
            await Assertions.Expect(page.Locator("#learning-cycle-counts .govuk-summary-list__row")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator("#tray-to-chase")).ToHaveTextAsync("Action owners to chase");
            await Assertions.Expect(page.Locator("#for-scrutiny")).ToHaveCountAsync(0);
        }, ("All reviews and serious incidents", "Learning"));

    [Fact]
    public async Task A_scrutineers_day() =>
        await OwnWorkAsync(DemoAccounts.Scrutineer, async page =>
        {
            // Evidence of impact to ask for, each review linked to its figures; not the business unit's next steps.
            await Assertions.Expect(page.Locator("#for-scrutiny h2")).ToHaveTextAsync("For your scrutiny");
            await Assertions.Expect(page.Locator("#tray-done-without-evidence")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#tray-themes-list tbody tr").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#learning-cycle")).ToHaveCountAsync(0);
            await page.Locator("#tray-impact-list a").First.ClickAsync();
            await Assertions.Expect(page.Locator("#impact-period")).ToContainTextAsync("Alerts raised since");
            await AssertAccessibleAsync(page);
            await page.GoBackAsync();
        }, ("Scrutiny across all reviews", "Scrutiny"));

    [Fact]
    public async Task Information_governances_day()
    {
        var locum = await Team.App.SignInAsync(await Team.App.UserNameOfAsync(RoleDays.LocumGp));
        await ChronicleApp.PostFormAsync(locum, "/break-glass", new() { ["name"] = "Child T", ["dateOfBirth"] = "3/11/2014", ["reason"] = "Out of hours: the baby was brought in with a head injury" });
        await OwnWorkAsync(DemoAccounts.InformationGovernance, ("Break-glass access to review", RoleDays.LocumGp));

        // The grant reviewed: a choice is asked for, then the review is confirmed at the top of the page.
        var page = _page!;
        await page.GotoAsync(new Uri(Team.App.ServerAddress, "/break-glass/granted").ToString());
        var grant = page.Locator("#to-review ~ div", new() { HasText = RoleDays.LocumGp }).First;
        await grant.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether the access was justified");
        await AssertAccessibleAsync(page);
        grant = page.Locator("#to-review ~ div", new() { HasText = RoleDays.LocumGp }).First;
        await grant.GetByLabel("Justified", new() { Exact = false }).CheckAsync();
        await grant.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Review recorded: {RoleDays.LocumGp}");
        await Assertions.Expect(page.Locator("#break-glass-grants")).ToContainTextAsync("Justified");
        await AssertAccessibleAsync(page);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task An_administrators_day()
    {
        const string nurse = "Practice nurse (Testtown Surgery)";
        await OwnWorkAsync(DemoAccounts.Administrator, ("Accounts", RoleDays.SchoolLead));

        // Roles as people call them, not their codes.
        var page = _page!;
        await page.GotoAsync(new Uri(Team.App.ServerAddress, "/accounts").ToString());
        await Assertions.Expect(page.Locator("#accounts tr", new() { HasText = Chair })).ToContainTextAsync("Conference chair");
        await Assertions.Expect(page.Locator("#accounts")).Not.ToContainTextAsync("ConferenceChair");

        // A new professional's account, with a one-time password to tell them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an account" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(nurse);
        await page.GetByLabel("Agency").SelectOptionAsync(new SelectOptionValue { Label = "Testtown Surgery" });
        await page.GetByLabel("Job").SelectOptionAsync("general-practitioner");
        await page.GetByLabel("One-time password").FillAsync("a one-time password for the nurse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the account" }).ClickAsync();
        await ConfirmedAsync(page, $"The account for {nurse} is added");

        // Found again among the accounts, then a lost password reset and the account disabled.
        await page.Locator("#navigation").GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await page.GetByLabel("Name or user name").FillAsync("practice nurse");
        await page.GetByLabel("Agency").SelectOptionAsync(new SelectOptionValue { Label = "Testtown Surgery" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find accounts" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-count")).ToHaveTextAsync("1 account matches");
        await AssertAccessibleAsync(page);
        await page.Locator("#accounts").GetByRole(AriaRole.Link, new() { Name = nurse }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-summary")).ToContainTextAsync("not yet changed by its holder");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("One-time password").FillAsync("another one-time password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set a one-time password" }).ClickAsync();
        await ConfirmedAsync(page, $"A one-time password is set for {nurse}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable this account" }).ClickAsync();
        await ConfirmedAsync(page, $"{nurse}'s account is disabled");
        await Assertions.Expect(page.Locator("#account-summary")).ToContainTextAsync("Disabled");
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData(DemoAccounts.Administrator)]
    [InlineData(RoleDays.SchoolLead)]
    [InlineData(TeamManager)]
    public async Task The_signed_in_name_and_sign_out_stay_on_one_line_on_a_wide_screen_and_the_header_fits_a_phone(string who)
    {
        var page = await StartDayAsync(who);
        var name = page.Locator("#signed-in-as");
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await page.SetViewportSizeAsync(1280, 800);
        var (nameBox, buttonBox) = ((await name.BoundingBoxAsync())!, (await signOut.BoundingBoxAsync())!);
        var lineHeight = await name.EvaluateAsync<float>("e => parseFloat(getComputedStyle(e).lineHeight)");
        Assert.True(nameBox.Height < lineHeight * 1.5, $"{who}'s name wraps at 1280 px: {nameBox.Height} px high");
        Assert.True(buttonBox.Height < lineHeight * 1.5 && Math.Abs(buttonBox.Y - nameBox.Y) < lineHeight / 2, $"Sign out is not beside {who}'s name at 1280 px");

        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('header').scrollWidth <= window.innerWidth && document.getElementById('signed-in').getBoundingClientRect().right <= window.innerWidth"),
            $"the header overflows a 375 px screen for {who}");
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        var narrowButton = (await signOut.BoundingBoxAsync())!;
        Assert.True(narrowButton.Height < lineHeight * 1.5, "Sign out wraps at 375 px");
        var narrowName = (await name.BoundingBoxAsync())!;
        Assert.True(narrowName.Height < lineHeight * 1.5 && Math.Abs(narrowButton.Y - narrowName.Y) < lineHeight / 2, $"{who}'s name and Sign out are not on one line at 375 px");
        // The four counts of a work tray two by two, not a column that fills the first screen.
        var tiles = await page.Locator("#tray-counts li").AllAsync();
        var rows = new HashSet<int>();
        foreach (var tile in tiles) rows.Add((int)(await tile.BoundingBoxAsync())!.Y);
        Assert.True(tiles.Count == 0 || rows.Count <= 2, $"the counts take {rows.Count} rows at 375 px");
        await AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 800);
        Assert.Empty(_problems);
    }

    /// <summary>
    /// A practitioner in Child T's team: something shared with them waits on the tray; they open Child T, acknowledge
    /// an alert about her, record an entry and acknowledge the item, each confirmed.
    /// </summary>
    private async Task PractitionersDayAsync(string professional, string sharer, Func<IPage, Task>? tray = null)
    {
        var alert = await days.OverdueReferralAlertAsync($"Concern reported to {professional}");
        var shared = $"Seen by {sharer}: a bruise for {professional} to know of";
        await days.ShareSignificantAsync(sharer, shared);
        var page = await StartDayAsync(professional);

        await Assertions.Expect(page.Locator("#tray-acknowledge")).ToContainTextAsync($"Observation about Child T, recorded by {sharer}");
        if (tray is not null) await tray(page);
        await OpenChildFromTrayAsync(page);
        await ActOnAlertAsync(page, alert, "Acknowledge", "Alert acknowledged");
        await RecordObservationAsync(page, $"{professional}: the baby was seen and settled");
        await AcknowledgeAsync(page, sharer, shared);
        Assert.Empty(_problems);
    }

    /// <summary>A role that does not open children's records: its own work, each link followed to a page that shows <c>expect</c>.</summary>
    private Task OwnWorkAsync(string who, params (string Link, string Expect)[] work) => OwnWorkAsync(who, null, work);

    private async Task OwnWorkAsync(string who, Func<IPage, Task>? home, params (string Link, string Expect)[] work)
    {
        var page = await StartDayAsync(who);
        await Assertions.Expect(page.Locator("#no-children")).ToHaveCountAsync(0);
        if (home is not null) await home(page);
        foreach (var (link, expect) in work)
        {
            await page.Locator("#other-work").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expect);
            await AssertAccessibleAsync(page);
            await page.GoBackAsync();
        }
        Assert.Empty(_problems);
    }

    private async Task<IPage> StartDayAsync(string who)
    {
        await days.Chromium.Browser.ClearCookiesAsync();
        var page = _page = await days.Chromium.SignInAsync(Team.App.ServerAddress, await Team.App.UserNameOfAsync(who), who, _problems);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your work", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        return page;
    }

    private async Task OpenChildFromTrayAsync(IPage page, bool expectInTray = true, string list = "#tray-children")
    {
        if (expectInTray) await page.Locator(list).GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        else await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Child T", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
    }

    /// <summary>Child T's alerts view, and a button on the alert's card (Acknowledge, Resolve).</summary>
    private async Task ActOnAlertAsync(IPage page, Guid alert, string action, string confirmation)
    {
        await page.Locator("#child-navigation").GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.Locator($"form[action^='/alerts/{alert}?handler={action.ToLowerInvariant()}'] button").ClickAsync();
        await ConfirmedAsync(page, confirmation);
    }

    /// <summary>From My alerts: the alert's family event escalated to the owner's manager, with a reason.</summary>
    private static async Task EscalateAsync(IPage page, Guid alert, string reason)
    {
        await page.Locator("#navigation").GetByRole(AriaRole.Link, new() { Name = "My alerts" }).ClickAsync();
        await AssertAccessibleAsync(page);
        var card = page.Locator(".app-alert-group", new() { Has = page.Locator($"input[value='{alert}']") }).First;
        await card.Locator("summary", new() { HasText = "Escalate to the owner's manager" }).ClickAsync();
        await card.GetByLabel("Why are you escalating it?").FillAsync(reason);
        await card.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await ConfirmedAsync(page, "Alert escalated to the owner's manager");
    }

    private static async Task RecordObservationAsync(IPage page, string text)
    {
        await page.Locator("#record-entry").ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Observation", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("When it happened", new() { Exact = true }).FillAsync("10/2/2015 10:30");
        await page.GetByLabel("I saw or heard it myself").CheckAsync();
        await page.GetByLabel("Topic").SelectOptionAsync(new SelectOptionValue { Label = "Home conditions" });
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the entry" }).ClickAsync();
        await ConfirmedAsync(page, "Entry recorded");
        await Assertions.Expect(page.Locator(".app-entry", new() { HasText = text })).ToBeVisibleAsync();
    }

    /// <summary>From the work tray to the inbox item shared with the user, acknowledged there.</summary>
    private static async Task AcknowledgeAsync(IPage page, string sharer, string shared)
    {
        await page.Locator("#navigation").GetByRole(AriaRole.Link, new() { Name = "Your work" }).ClickAsync();
        await page.Locator("#tray-acknowledge li", new() { HasText = $"recorded by {sharer}" }).First.GetByRole(AriaRole.Link, new() { Name = "Read and acknowledge" }).ClickAsync();
        await AssertAccessibleAsync(page);
        var item = page.Locator(".app-inbox-item", new() { HasText = shared });
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Acknowledge") }).ClickAsync();
        await ConfirmedAsync(page, "Acknowledged: Observation about Child T");
        // At the top of the inbox, not scrolled to the item: the confirmation says what is next.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/inbox\?done=acknowledged&item=[0-9a-f-]+$"));
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        await Assertions.Expect(page.Locator("#next-to-acknowledge")).ToBeVisibleAsync();
        // The inbox opens on what still needs acknowledging; the item, acknowledged, is among every item.
        await page.GotoAsync(new Uri(new Uri(page.Url), "/inbox?filter=all").ToString());
        await Assertions.Expect(page.Locator(".app-inbox-line", new() { HasText = shared })).ToContainTextAsync("Acknowledged");
    }

    private static async Task ConfirmedAsync(IPage page, string confirmation)
    {
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync(confirmation);
        await AssertAccessibleAsync(page);
    }
}
