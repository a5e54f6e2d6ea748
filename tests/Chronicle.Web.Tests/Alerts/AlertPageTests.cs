using System.Net;
using AngleSharp.Dom;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>The alert pages over Baby R's story, read with AngleSharp: the child page's alerts, acknowledging, closing, my alerts and the partnership's alerts.</summary>
[Collection(BabyRCollection.Name)]
public sealed class AlertPageTests(BabyRApp babyR)
{
    private const string BruiseQuote = "When Baby R was 6 days old a midwife noticed a bruise on the baby's face.";

    [Fact]
    public async Task The_child_summary_lists_the_open_alerts_and_the_alerts_view_shows_their_evidence_and_the_lesson_quoted()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);

        var summary = await BabyRApp.OpenAsync(client, $"/children/{babyR.BabyR}");
        var table = summary.GetElementById("open-alerts")!;
        Assert.True(table.CompareDocumentPosition(summary.GetElementById("team")!).HasFlag(DocumentPositions.Following), "the open alerts come before the team");
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.InRange(rows.Count, 1, Chronicle.Web.Pages.Children.ChildModel.Shown);
        var count = int.Parse(summary.GetElementById("alerts")!.TextContent.Trim()["Open alerts (".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(count, Chronicle.Web.Pages.Children.ChildModel.Shown), rows.Count);
        var row = rows[0];
        Assert.StartsWith("/alerts/", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Matches(@"\d+ (days?|weeks?|months?|years?) overdue", row.Children[2].TextContent);
        Assert.False(string.IsNullOrWhiteSpace(row.Children[1].TextContent));
        Assert.False(string.IsNullOrWhiteSpace(row.Children[3].TextContent));
        Assert.Empty(summary.QuerySelectorAll(".app-alert"));

        var page = await BabyRApp.OpenAsync(client, $"/children/{babyR.BabyR}/alerts");
        var alerts = page.GetElementById("alerts")!;
        Assert.StartsWith("Open alerts (", page.GetElementById("alerts-heading")!.TextContent.Trim());
        var open = alerts.QuerySelectorAll(".app-alert--open").ToList();
        Assert.NotEmpty(open);
        Assert.Empty(alerts.QuerySelectorAll("details .app-alert--open"));

        // The card says the safeguard's name; why, the lesson and the history follow what to do, under the card.
        var injury = open.First(c => c.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim() == "Injury to a non-mobile child").ParentElement!;
        Assert.Contains("Urgent", BabyRApp.Row(injury, "Status"));
        Assert.Contains(BruiseQuote, BabyRApp.Row(injury, "The lesson"));
        Assert.Contains("From the review of Baby R: What we know about the family and what happened", BabyRApp.Row(injury, "The lesson"));
        Assert.StartsWith("Record ", BabyRApp.Row(injury, "What to do"));
        Assert.Contains("Overdue", BabyRApp.Row(injury, "By when"));
        Assert.StartsWith("Raised ", BabyRApp.Row(injury, "History"));
        var evidence = injury.QuerySelectorAll(".app-alert__evidence a").ToList();
        Assert.NotEmpty(evidence);
        var anchor = evidence[0].GetAttribute("href")!;
        Assert.StartsWith($"/children/{babyR.BabyR}/chronology?entry=", anchor);
        Assert.NotNull((await BabyRApp.OpenAsync(client, anchor)).GetElementById(anchor[(anchor.IndexOf('#') + 1)..]));
        Assert.Contains("Injury", evidence[0].TextContent);
        Assert.Contains("Acknowledge", injury.ParentElement!.TextContent);
        Assert.DoesNotContain("Close with a reason", injury.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Acknowledging_an_alert_on_the_child_page_records_who_and_when_and_folds_it_below_the_open_ones()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var alert = (await babyR.OpenAlertsAsync("SG-09"))[0];

        var response = await ChronicleApp.PostFormAsync(client, $"/alerts/{alert.Id}?handler=acknowledge", new() { ["returnTo"] = "child" }, $"/children/{babyR.BabyR}/alerts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/children/{babyR.BabyR}/alerts?done=acknowledged#alert-{alert.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(AlertStatus.Acknowledged, (await babyR.AlertAsync(alert.Id)).Status);
        var acknowledged = Assert.Single(await babyR.EventsAsync(alert.Id), e => e.Type == AlertEventType.Acknowledged);
        Assert.Equal(await babyR.ProfessionalAsync(BabyRApp.SocialWorker), acknowledged.ByProfessionalId);
        var page = await BabyRApp.OpenAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Alert acknowledged", page.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var card = page.GetElementById($"alert-{alert.Id}")!;
        Assert.Equal("acknowledged-alerts", card.Closest("details")?.Id);
        Assert.Contains($"Acknowledged {Chronicle.Web.Children.Display.Time(acknowledged.At)} by {BabyRApp.SocialWorker}", BabyRApp.Row(card, "History"));
    }

    [Fact]
    public async Task A_manager_closes_an_alert_with_a_reason_and_an_empty_reason_is_refused_with_a_clear_error()
    {
        var manager = await babyR.SignInAsync(BabyRApp.TeamManager);
        var alert = (await babyR.OpenAlertsAsync("SG-21"))[0];
        var close = $"/alerts/{alert.Id}/close";

        var refused = await ChronicleApp.PostFormAsync(manager, close, new() { ["reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await BabyRApp.ParseAsync(refused);
        Assert.StartsWith("Error:", page.Title);
        var summary = page.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#reason", summary.GetAttribute("href"));
        Assert.Equal("Enter why the alert is being closed without the action it asked for", summary.TextContent);
        Assert.Contains("Enter why the alert is being closed", page.GetElementById("reason-error")!.TextContent);
        Assert.Equal(AlertStatus.Open, (await babyR.AlertAsync(alert.Id)).Status);

        var closed = await ChronicleApp.PostFormAsync(manager, close, new() { ["reason"] = "Supervision was held on the day; it is on the paper file" });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(AlertStatus.Closed, (await babyR.AlertAsync(alert.Id)).Status);
        var closing = Assert.Single(await babyR.EventsAsync(alert.Id), e => e.Type == AlertEventType.Closed);
        Assert.Equal("Supervision was held on the day; it is on the paper file", closing.Reason);
        Assert.Equal(await babyR.ProfessionalAsync(BabyRApp.TeamManager), closing.ByProfessionalId);
        var after = await BabyRApp.OpenAsync(manager, closed.Headers.Location!.OriginalString);
        Assert.Contains("Alert closed", after.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var card = after.GetElementById($"alert-{alert.Id}")!;
        Assert.Equal("finished-alerts", card.Closest("details")?.Id);
        Assert.Contains($"by {BabyRApp.TeamManager}: Supervision was held on the day", BabyRApp.Row(card, "History"));
    }

    [Fact]
    public async Task Resolving_on_the_alert_page_when_the_record_does_not_yet_show_the_action_says_plainly_what_is_still_needed_not_an_error()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var alert = (await babyR.OpenAlertsAsync("SG-04"))[0];

        var response = await ChronicleApp.PostFormAsync(client, $"/alerts/{alert.Id}?handler=resolve", new() { ["returnTo"] = "alert" }, $"/alerts/{alert.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/alerts/{alert.Id}?done=not-resolved", response.Headers.Location!.OriginalString);
        var page = await BabyRApp.OpenAsync(client, response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Error", page.Title);
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        Assert.Null(page.QuerySelector(".govuk-notification-banner--success"));
        Assert.StartsWith("Warning Not resolved yet: the record does not yet show what this alert asks for about Baby R.",
            System.Text.RegularExpressions.Regex.Replace(page.GetElementById("alert-not-resolved")!.TextContent, @"\s+", " ").Trim().TrimStart('!').Trim());
        Assert.NotNull(page.GetElementById($"alert-{alert.Id}"));
        Assert.Equal(AlertStatus.Open, (await babyR.AlertAsync(alert.Id)).Status);
    }

    [Fact]
    public async Task The_alert_page_says_its_title_once_and_puts_what_to_do_and_its_buttons_before_the_evidence_and_the_lesson()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var alert = (await babyR.OpenAlertsAsync("SG-01"))[0];

        var page = await BabyRApp.OpenAsync(client, $"/alerts/{alert.Id}");

        Assert.Equal("Injury to a non-mobile child", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main .govuk-summary-card__title"));
        Assert.Single(page.QuerySelectorAll("main").SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.TextContent, "Injury to a non-mobile child")));
        var keys = page.QuerySelectorAll($"#alert-{alert.Id} .govuk-summary-list__key").Select(k => k.TextContent.Trim()).ToList();
        Assert.True(keys.IndexOf("What to do") < keys.IndexOf("Why") && keys.IndexOf("What to do") < keys.IndexOf("The lesson"), string.Join(", ", keys));
        var buttons = page.QuerySelector($"#alert-{alert.Id} .app-alert__actions")!;
        var lesson = page.QuerySelector($"#alert-{alert.Id} .app-alert__lesson")!;
        Assert.True(buttons.CompareDocumentPosition(lesson).HasFlag(DocumentPositions.Following), "the buttons come before the lesson");
        Assert.True(buttons.CompareDocumentPosition(page.QuerySelector($"#alert-{alert.Id} .app-alert__evidence")!).HasFlag(DocumentPositions.Following), "the buttons come before the evidence");
        Assert.DoesNotMatch(@"SG-\d\d", page.QuerySelector($"#alert-{alert.Id}")!.TextContent);
    }

    [Fact]
    public async Task A_practitioner_may_not_close_an_alert_and_someone_outside_the_team_finds_no_alert_at_all()
    {
        var alert = (await babyR.OpenAlertsAsync("SG-07"))[0];
        var worker = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var outsider = await babyR.App.SignInAsync(babyR.OutsideGp);

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/alerts/{alert.Id}/close")).StatusCode);
        foreach (var path in new[] { $"/alerts/{alert.Id}", $"/alerts/{alert.Id}/close" })
        {
            var response = await outsider.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Baby R", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(AlertStatus.Open, (await babyR.AlertAsync(alert.Id)).Status);
    }

    [Fact]
    public async Task My_alerts_lists_the_alerts_a_professional_owns_most_overdue_first_linking_to_the_child()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var me = await babyR.ProfessionalAsync(BabyRApp.SocialWorker);
        await using var db = babyR.App.OpenDb();
        var owned = await db.Alerts.AsNoTracking().Where(a => a.OwnerProfessionalId == me && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync();

        var page = await BabyRApp.OpenAsync(client, "/alerts/mine");

        var cards = page.QuerySelectorAll("#alerts-list .app-alert-group").ToList();
        Assert.Equal(Math.Min(owned.Select(Chronicle.Web.Alerts.AlertGroup.Key).Distinct().Count(), Chronicle.Web.Alerts.AlertList.PageSize), cards.Count);
        Assert.All(cards, c => Assert.Contains(owned, a => c.Id == $"alert-group-{a.Id}"));
        Assert.StartsWith("/children/", cards[0].QuerySelector(".govuk-summary-list__value a")!.GetAttribute("href"));
        Assert.All(cards, c => Assert.Equal("You own it", BabyRApp.Row(c, "Why it is yours")));
        // The most overdue first: the first card is overdue if any owned alert is.
        if (owned.Any(a => a.DueAt < DateTimeOffset.UtcNow)) Assert.Contains(" overdue", BabyRApp.Row(cards[0], "Due"));
    }

    [Fact]
    public async Task The_partnership_alerts_count_every_open_alert_and_name_only_children_the_user_may_see()
    {
        var manager = await babyR.SignInAsync(BabyRApp.TeamManager);
        var businessUnit = await babyR.App.SignInAsync(await babyR.App.UserNameOfAsync(Chronicle.Web.Hosting.DemoAccounts.BusinessUnitOfficer));
        await using var db = babyR.App.OpenDb();
        var open = await db.Alerts.CountAsync(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged);

        var managers = await BabyRApp.OpenAsync(manager, "/alerts?sort=severity");
        var units = await BabyRApp.OpenAsync(businessUnit, "/alerts");
        var filtered = await BabyRApp.OpenAsync(manager, "/alerts?safeguard=SG-01");

        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), managers.GetElementById("total-open")!.TextContent.Trim());
        Assert.Contains("Baby R", managers.GetElementById("alerts-list")!.TextContent);
        Assert.StartsWith("Urgent", BabyRApp.Row(managers.QuerySelectorAll("#alerts-list .app-alert-group")[0], "Status"));
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), units.GetElementById("total-open")!.TextContent.Trim());
        Assert.Empty(units.QuerySelectorAll("#alerts-list .app-alert-group"));
        Assert.DoesNotContain("Baby R", units.Body!.TextContent);
        Assert.Contains($"{open} more open alerts are about children whose record you may not see", units.GetElementById("not-shown")!.TextContent);
        Assert.NotEmpty(filtered.QuerySelectorAll("#alerts-list .app-alert-group"));
        Assert.All(filtered.QuerySelectorAll("#alerts-list .app-alert-group"), c => Assert.Equal("Injury to a non-mobile child", c.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim()));
        Assert.DoesNotMatch(@"SG-\d\d", managers.GetElementById("counts")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await babyR.SignInAsync(BabyRApp.SocialWorker)).GetAsync("/alerts")).StatusCode);
    }
}
