using Chronicle.Core.Safeguards;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Acting on an alert by doing what it asks, in headless Chromium with axe-core on every page: the alert's "What to do"
/// opens the screen that does it with the child and what it answers already chosen, and saving lands back on the alert
/// with a confirmation that says whether the alert is now resolved. One test per kind of screen.
/// </summary>
public sealed class AlertStepBrowserTests(RoleDays days) : IClassFixture<RoleDays>, IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private IPage? _page;
    private TeamApp Team => days.Team;

    public async ValueTask DisposeAsync()
    {
        if (_page is not null) await _page.GotoAsync("about:blank");
        await days.Chromium.Browser.ClearCookiesAsync();
    }

    [Fact]
    public async Task Recording_the_entry_an_alert_asks_for_starts_with_its_kind_and_what_it_answers_chosen_and_returns_to_the_alert()
    {
        var alert = await days.OverdueReferralAlertAsync("Nursery reports the child arrives hungry");
        var referral = (await AlertAsync(alert)).Evidence[0];
        var page = await OpenAlertAsync(alert);

        await Step(page, "Record the decision on the referral").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Decision on a contact");
        await Assertions.Expect(page.Locator("[id='details.contactEntryId']")).ToHaveValueAsync(referral.ToString());
        await AssertAccessibleAsync(page);
        await page.GetByLabel("When it happened", new() { Exact = true }).FillAsync(UkNow(-1));
        await page.GetByLabel("I saw or heard it myself").CheckAsync();
        await page.Locator("[id='details.decision']").SelectOptionAsync("child-and-family-assessment");
        await page.Locator("[id='details.rationale']").FillAsync("The nursery's concerns need a full assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the entry" }).ClickAsync();

        await BackOnTheAlertAsync(page, alert, "Your entry is on the child's record");
    }

    [Fact]
    public async Task Recording_the_supervision_an_alert_asks_for_returns_to_the_alert()
    {
        var worker = await Team.AsAsync(SocialWorker);
        var started = await Team.App.CreateAsync(worker, "/api/entries", new
        {
            kind = "assessment-started",
            details = new { type = Web.Recording.EntryForm.Code(Core.Chronology.Details.AssessmentType.Section47) },
            occurredAt = DateTimeOffset.UtcNow.AddDays(-40),
            occurredPrecision = "exact",
            subjects = new[] { Team.Child },
            source = "seen-by-recorder",
        });
        var alert = await OpenAlertOfAsync("SG-21", started);
        // Supervision is a manager's: the social worker's manager takes the step.
        var page = await OpenAlertAsync(alert, TeamManager);

        await Step(page, "Record management supervision").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("upervision");
        await AssertAccessibleAsync(page);
        var supervisee = await page.Locator("#superviseeId option", new() { HasText = SocialWorker }).GetAttributeAsync("value");
        await page.GetByLabel("Worker supervised").SelectOptionAsync(supervisee!);
        await page.Locator("input[name='point']").First.CheckAsync();
        await page.GetByLabel("What was discussed and decided").FillAsync("The assessment's scope and the nursery's concerns");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the supervision" }).ClickAsync();

        await BackOnTheAlertAsync(page, alert, "The supervision is on the child's record");
    }

    [Fact]
    public async Task Sharing_an_entry_already_on_record_from_an_alert_returns_to_the_alert()
    {
        var alert = await days.OverdueReferralAlertAsync("Neighbour reports the child crying for hours");
        var referral = (await AlertAsync(alert)).Evidence[0];
        // Someone who joins the team after the entry was recorded has not been sent it.
        var admin = await Team.App.SignInAsync(await Team.App.UserNameOfAsync(Web.Hosting.DemoAccounts.Administrator));
        var surgery = await Team.App.OpenDb().Agencies.Where(a => a.Name == "Testtown Surgery").Select(a => a.Id).SingleAsync();
        var nurse = await Team.App.CreateAsync(admin, "/api/professionals", new { name = "School nurse (Testtown Surgery)", agencyId = surgery, role = "school-nurse" });
        await OkAsync(await PostAsync(await Team.AsAsync(SocialWorker), $"/api/children/{Team.Child}/team/members", new { professionalId = nurse, role = "school nurse", reason = "Sees the older children at school" }));
        var page = await SignInAsync();
        // The screen a share step opens (SG-08, SG-11): the entry, with the team not yet sent it.
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/sharing?entryId={referral}&alert={alert}#share").ToString());
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Share the entry" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the information is being shared");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Why it is being shared").FillAsync("So that the team knows before the visit");
        // A routine entry: the sharer says whether each person must acknowledge it.
        await page.Locator("input[name=acknowledge][value=yes]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Share the entry" }).ClickAsync();

        await BackOnTheAlertAsync(page, alert, "The entry is shared");
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/sharing?entryId={referral}").ToString());
        await Assertions.Expect(page.Locator("#shares")).ToContainTextAsync("School nurse (Testtown Surgery)");
    }

    [Fact]
    public async Task Scheduling_the_meeting_an_alert_asks_for_returns_to_the_alert()
    {
        var alert = await days.OverdueReferralAlertAsync("Police report an incident at the home");
        var page = await SignInAsync();
        // The screen a meeting step opens (SG-01, SG-19, SG-25, SG-31): the kind of meeting already chosen.
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/meetings/new?type=strategy-meeting&alert={alert}").ToString());
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Date and time").FillAsync(UkNow(24 * 3));
        await page.GetByLabel("Chair", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();

        await BackOnTheAlertAsync(page, alert, "The meeting is scheduled");
    }

    [Fact]
    public async Task Adding_someone_to_the_team_from_an_alert_returns_to_the_alert()
    {
        var alert = await days.OverdueReferralAlertAsync("The locum GP saw the child with a rash");
        var page = await SignInAsync();
        // The screen a team step opens (SG-09, SG-20).
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/team?alert={alert}#add").ToString());
        await AssertAccessibleAsync(page);
        // The locum GP is in neither the team nor the user's agency: listed when the whole partnership is asked for (the alert kept).
        await page.GetByRole(AriaRole.Link, new() { Name = "List professionals from every agency" }).ClickAsync();
        await page.GetByLabel("Professional", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{RoleDays.LocumGp} (Testtown Surgery)" });
        await page.GetByLabel("Their role with the child").FillAsync("locum GP");
        await page.GetByLabel("Why they are being added").FillAsync("Saw the child out of hours");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the team" }).ClickAsync();

        await BackOnTheAlertAsync(page, alert, "to the team");
    }

    private static ILocator Step(IPage page, string text) =>
        page.Locator(".app-alert__steps").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text)) });

    private static string UkNow(int hours) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(hours), Core.Time.WorkingDayCalendar.UkTime).ToString("d/M/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> SignInAsync(string who = SocialWorker)
    {
        await days.Chromium.Browser.ClearCookiesAsync();
        return _page = await days.Chromium.SignInAsync(Team.App.ServerAddress, await Team.App.UserNameOfAsync(who), who, _problems);
    }

    private async Task<IPage> OpenAlertAsync(Guid alert, string who = SocialWorker)
    {
        var page = await SignInAsync(who);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/alerts/{alert}").ToString());
        await Assertions.Expect(page.Locator(".app-alert__steps")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        return page;
    }

    /// <summary>The alert's page, with the step's confirmation and, in words, whether the alert is still open as the record has it.</summary>
    private async Task BackOnTheAlertAsync(IPage page, Guid alert, string confirmation)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/alerts/{alert}\\?done="));
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync(confirmation);
        var open = (await AlertAsync(alert)).IsOpen;
        await Assertions.Expect(page.Locator("#alert-after-step")).ToContainTextAsync(open ? "This alert stays open" : "This alert is resolved");
        await AssertAccessibleAsync(page);
        Assert.Empty(_problems);
    }

    private async Task<Alert> AlertAsync(Guid id)
    {
        await using var db = Team.App.OpenDb();
        return await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<Guid> OpenAlertOfAsync(string safeguard, Guid evidence)
    {
        await using var db = Team.App.OpenDb();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == Team.Child && a.SafeguardId == safeguard && a.Status == AlertStatus.Open).ToListAsync();
        return alerts.Single(a => a.Evidence.Contains(evidence)).Id;
    }
}
