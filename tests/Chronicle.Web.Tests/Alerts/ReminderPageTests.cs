using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// The safeguards' reminders where the practitioner works, through HTTP over Family T: a referral received yesterday
/// starts the statutory clock for a decision, a step within its time; it shows on the child page and the work tray as a
/// reminder, apart from the alerts, and is counted as none of them.
/// </summary>
public sealed class ReminderPageTests : IAsyncLifetime
{
    private const string AskFor = "Record the decision on the contact or referral";
    private TeamApp _team = null!;

    public async ValueTask InitializeAsync() => _team = await TeamApp.StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _team.DisposeAsync();

    [Fact]
    public async Task A_referral_within_its_time_is_a_reminder_on_the_child_page_and_the_reminders_page_and_not_an_alert()
    {
        var worker = await _team.AsAsync(TeamApp.SocialWorker);
        var before = await BabyRApp.OpenAsync(worker, $"/children/{_team.Child}");
        var listBefore = await BabyRApp.OpenAsync(worker, "/reminders");
        await _team.App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact",
            details = new { type = "referral", concerns = "Nursery reports the baby often arrives hungry" },
            // Yesterday: a clock is never near on the day it starts; the decision is due by the end of the next working day.
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            occurredPrecision = "exact",
            subjects = new[] { _team.Child },
            source = "reported-by",
            sourceName = "Nursery",
        });
        await using var db = _team.App.OpenDb();
        var open = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == _team.Child && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync();

        var child = await BabyRApp.OpenAsync(worker, $"/children/{_team.Child}");
        var tray = await BabyRApp.OpenAsync(worker, "/");
        var list = await BabyRApp.OpenAsync(worker, "/reminders");

        Assert.NotNull(before.GetElementById("no-reminders"));
        Assert.NotNull(listBefore.GetElementById("no-reminders"));
        var reminder = Assert.Single(child.QuerySelectorAll("#reminder-list li"));
        Assert.Contains(AskFor, reminder.TextContent);
        Assert.Contains("Reminder", reminder.QuerySelector(".govuk-tag")!.TextContent);
        Assert.Matches("due (today|tomorrow|in \\d+ days)", reminder.TextContent);
        Assert.DoesNotContain(open, a => a.SafeguardId == "SG-19");
        Assert.DoesNotContain(AskFor, child.GetElementById("open-alerts")?.TextContent ?? "");
        Assert.Equal($"Open alerts ({open.Select(Web.Alerts.AlertGroup.Key).Distinct().Count()})", child.GetElementById("alerts")!.TextContent.Trim());
        // The work tray points to the reminders and does not count them among the alerts; the reminders page lists them.
        Assert.Equal("/reminders", tray.GetElementById("reminders-link")!.GetAttribute("href"));
        Assert.DoesNotContain(AskFor, tray.GetElementById("tray-alerts")?.TextContent ?? "");
        // The children come a page at a time: a page past the last is not found.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await worker.GetAsync("/reminders?page=2")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await worker.GetAsync("/reminders?page=1")).StatusCode);
        var listed = Assert.Single(list.QuerySelectorAll("#reminders-list li"));
        Assert.Contains(AskFor, listed.TextContent);
        Assert.Contains("Reminder", listed.QuerySelector(".govuk-tag")!.TextContent);
    }
}
