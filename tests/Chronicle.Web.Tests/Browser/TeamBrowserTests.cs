using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// The team around the child in real headless Chromium (Debian's, at /usr/bin/chromium) against the app on a loopback
/// port, over Family T: sharing and acknowledging across agencies, a conference that proposes the GP, a plan item
/// refused without an owner, and a case that cannot close while an action is open.
/// </summary>
public sealed class TeamBrowserTests : TeamInChromium
{
    [Fact]
    public async Task An_entry_recorded_by_one_agency_is_acknowledged_by_another_and_the_recorder_sees_it()
    {
        var entry = await Team.RecordSignificantAsync(await Team.AsAsync(SocialWorker));

        var page = await SignInAsync(HealthVisitor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        var item = page.Locator(".app-inbox-item", new() { HasText = "Observation about Child T" });
        await Assertions.Expect(item).ToContainTextAsync($"recorded by {SocialWorker}");
        await Assertions.Expect(item).ToContainTextAsync("Bruising seen on the baby's arm");
        await Assertions.Expect(item).ToContainTextAsync("Art 6(1)(e)");
        await Assertions.Expect(item).ToContainTextAsync("Needs acknowledging");
        await item.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Acknowledged");
        // The inbox opens on what still needs acknowledging; every item, the acknowledged among them, is a filter away.
        await page.GotoAsync(new Uri(Team.App.ServerAddress, "/inbox?filter=all").ToString());
        await Assertions.Expect(page.Locator(".app-inbox-line", new() { HasText = "Observation about Child T" })).ToContainTextAsync("Acknowledged");
        await SignOutAsync(page);

        page = await SignInAsync(SocialWorker);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await page.Locator("#case-links").GetByRole(AriaRole.Link, new() { Name = "Sharing" }).ClickAsync();
        await page.Locator($"a[href$='entryId={entry}']").ClickAsync();
        var row = page.Locator("#shares tr", new() { HasText = HealthVisitor });
        await Assertions.Expect(row).ToContainTextAsync("Acknowledged");
        await Assertions.Expect(page.Locator("#shares tr", new() { HasText = Gp })).ToContainTextAsync("Awaited");
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task An_initial_child_protection_conference_is_scheduled_with_the_GP_among_the_proposed_invitees()
    {
        // The chair, from outside the team, is added to it first: only someone who may open the child is offered as chair.
        var worker = await Team.AsAsync(SocialWorker);
        var joined = await worker.PostAsJsonAsync($"/api/children/{Team.Child}/team/members", new { professionalId = Team.Id(Chair), role = "conference chair", reason = "Chairs the initial conference" }, ChronicleApp.Json);
        var answer = await joined.Content.ReadAsStringAsync();
        Assert.True(joined.IsSuccessStatusCode || answer.Contains("is already in the team around the child", StringComparison.Ordinal), answer);
        var page = await SignInAsync(SocialWorker);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await Assertions.Expect(page.Locator("#team-members")).ToContainTextAsync(Gp);
        await page.Locator("#case-links").GetByRole(AriaRole.Link, new() { Name = "Meetings" }).ClickAsync();
        await page.Locator("#child-actions").GetByRole(AriaRole.Link, new() { Name = "Schedule a meeting" }).ClickAsync();
        await page.GetByLabel("Initial child protection conference").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        var gp = page.GetByLabel($"{Gp}, Testtown Surgery (always expected)");
        await Assertions.Expect(gp).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Testshire Police (always expected)")).ToBeCheckedAsync();
        await page.GetByLabel("Date and time").FillAsync("20/2/2015 10:00");
        await page.GetByLabel("Chair", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{Chair} (Testshire Children's Social Care)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The meeting is scheduled");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Initial child protection conference", Level = 1 })).ToBeVisibleAsync();
        var gpRow = page.Locator("#invitee-table tr", new() { HasText = Gp });
        await Assertions.Expect(gpRow).ToContainTextAsync("Always expected");
        await Assertions.Expect(gpRow.Locator("td").First).ToContainTextAsync("Yes");
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task A_plan_asks_its_type_first_and_an_item_without_an_owner_is_refused_with_a_clear_error()
    {
        var page = await SignInAsync(SocialWorker);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/plans").ToString());
        await page.Locator("#child-actions").GetByRole(AriaRole.Link, new() { Name = "Start a plan" }).ClickAsync();
        await Axe.AssertAccessibleAsync(page);
        await page.GetByLabel("Child protection plan").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start a child protection plan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[name^='participants']")).ToHaveCountAsync(0);
        await page.GetByLabel("Physical abuse").CheckAsync();
        await page.Locator("[id='items[0].concern']").FillAsync("Unexplained bruising");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another item" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='items[0].concern']")).ToHaveValueAsync("Unexplained bruising");
        await Assertions.Expect(page.Locator("[id='items[1].concern']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        await page.Locator("[id='items[0].action']").FillAsync("Weekly home visits");
        await page.Locator("[id='items[0].due']").FillAsync("6/3/2015");
        await page.Locator("[id='items[0].successMeasure']").FillAsync("The baby is seen at home every week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();

        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select who owns item 1");
        await Assertions.Expect(page.Locator("[id='items[0].ownerProfessionalId-error']")).ToContainTextAsync("Select who owns item 1");
        // What was typed is kept, and nothing was written.
        await Assertions.Expect(page.Locator("[id='items[0].action']")).ToHaveValueAsync("Weekly home visits");
        await Assertions.Expect(page.GetByLabel("Physical abuse")).ToBeCheckedAsync();
        await Axe.AssertAccessibleAsync(page);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/plans").ToString());
        await Assertions.Expect(page.Locator("#no-plans")).ToBeVisibleAsync();
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task A_case_cannot_close_while_an_action_is_open()
    {
        var sw = await Team.AsAsync(SocialWorker);
        await OkAsync(await PostAsync(sw, $"/api/children/{Team.Child}/plans", new
        {
            type = "child-in-need",
            items = new[] { new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = Team.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" } },
        }));

        var page = await SignInAsync(SocialWorker);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await page.Locator("#case-links").GetByRole(AriaRole.Link, new() { Name = "Close the case" }).ClickAsync();
        await Assertions.Expect(page.Locator(".app-loose-end", new() { HasText = "Open action" })).ToContainTextAsync("Help the family get the heating fixed");
        await page.GetByLabel("Why the case is closing").FillAsync("The family's needs are met");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The case cannot close while an action is open");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Help the family get the heating fixed");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Close the case", Level = 1 })).ToBeVisibleAsync();
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task The_running_plan_is_reviewed_item_by_item_with_an_item_added_and_the_forms_pass_axe()
    {
        var sw = await Team.AsAsync(SocialWorker);
        await OkAsync(await PostAsync(sw, $"/api/children/{Team.Child}/plans", new
        {
            type = "child-in-need",
            items = new[] { new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = Team.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" } },
        }));

        var page = await SignInAsync(SocialWorker);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/plans").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Review the plan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".app-plan-item > legend")).ToHaveTextAsync(["Item 1: Help the family get the heating fixed"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an item to the plan" }).ClickAsync();
        await page.Locator("[id='items[0].progress']").FillAsync("Engineer booked for next week");
        await page.Locator("[id='items[0].status-2']").CheckAsync();
        await page.Locator("[id='added[0].concern']").FillAsync("Health");
        await page.Locator("[id='added[0].action']").FillAsync("Register the baby with the GP");
        await page.Locator("[id='added[0].ownerProfessionalId']").SelectOptionAsync(new SelectOptionValue { Label = $"{HealthVisitor} (Testshire Health Visiting)" });
        await page.Locator("[id='added[0].due']").FillAsync("13/3/2015");
        await page.Locator("[id='added[0].successMeasure']").FillAsync("Registered");
        await Axe.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The review of the plan is on the child's record");
        await Assertions.Expect(page.Locator(".app-plan table").First).ToContainTextAsync("Register the baby with the GP");
        await Assertions.Expect(page.Locator(".app-plan ul").First).ToContainTextAsync("Engineer booked for next week");
        await Axe.AssertAccessibleAsync(page);

        // The entry form for a decision on a contact, and closing the case, as they now stand.
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/entries/new?kind=contact-decision").ToString());
        await Assertions.Expect(page.Locator("details#more-details")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/closure").ToString());
        await Assertions.Expect(page.Locator("#others-actions")).ToContainTextAsync("Register the baby with the GP");
        await Axe.AssertAccessibleAsync(page);
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task A_meeting_is_moved_then_cancelled_on_its_page_each_with_a_reason_and_the_forms_pass_axe()
    {
        var sw = await Team.AsAsync(SocialWorker);
        var now = TimeProvider.System.GetUtcNow();
        var meeting = await OkAsync(await PostAsync(sw, $"/api/children/{Team.Child}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = now.AddDays(7), invitees = new object[] { new { professionalId = Team.Id(Gp) } },
        }));

        var page = await SignInAsync(SocialWorker);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/meeting?meetingId={meeting.GetProperty("id").GetGuid()}").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Move this meeting to another date or time" }).ClickAsync();
        var newDay = now.AddDays(10).UtcDateTime;
        await page.GetByLabel("New date and time").FillAsync($"{newDay.Day}/{newDay.Month}/{newDay.Year} 14:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the meeting is moved");
        await Axe.AssertAccessibleAsync(page);
        await page.GetByLabel("Why is the meeting moved?").FillAsync("The chair is in court that day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The meeting is moved");
        await Assertions.Expect(page.Locator("#history-table")).ToContainTextAsync("The chair is in court that day");
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel this meeting" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the meeting is cancelled");
        await page.GetByLabel("Why is the meeting cancelled?").FillAsync("The family has moved to another area");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The meeting is cancelled");
        await Assertions.Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".govuk-tag", new() { HasText = "Cancelled" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        Assert.Empty(Problems);
    }
}
