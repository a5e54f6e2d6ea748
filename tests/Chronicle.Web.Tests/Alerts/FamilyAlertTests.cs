using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// Emily's family's alerts as her social worker reads them, through HTTP: the child summary's short table, one row per
/// family event naming the siblings it concerns, the most urgent first, ages in words; and the lists of alerts with
/// their filters and pages. Reads only: nothing here changes the record.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed partial class FamilyAlertTests(EmilyApp emily)
{
    private const string Sibling = "Sibling 1 (eldest)";

    [GeneratedRegex(@"^(\d+ (days?|weeks?|months?|years?) overdue|overdue since earlier today|due today|due tomorrow|due in \d+ (days?|weeks?|months?|years?))")]
    private static partial Regex DueInWords();

    [GeneratedRegex(@"^Raised (today|yesterday|\d+ (days|weeks|months|years) ago)$")]
    private static partial Regex RaisedInWords();

    [Fact]
    public async Task Emilys_summary_has_one_row_per_family_event_naming_the_sibling_it_also_concerns_the_most_urgent_first_with_ages_in_words()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        await using var db = emily.App.OpenDb();
        var open = await OpenAlertsAsync(db, emily.Emily);
        var siblings = (await OpenAlertsAsync(db, emily.Sibling)).Select(AlertGroup.Key).ToHashSet();
        var events = open.GroupBy(AlertGroup.Key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(events.Count < open.Count || open.Any(a => siblings.Contains(AlertGroup.Key(a))),
            "Emily's story raises at least one alert once per sibling: the grouping has something to group");

        var page = await BabyRApp.OpenAsync(client, $"/children/{emily.Emily}");
        var rows = page.QuerySelectorAll("#open-alerts tbody tr").ToList();

        Assert.Equal($"Open alerts ({events.Count})", page.GetElementById("alerts")!.TextContent.Trim());
        Assert.Equal(Math.Min(events.Count, Chronicle.Web.Pages.Children.ChildModel.Shown), rows.Count);
        var shown = rows.Select(r => open.Single(a => r.Id == $"open-alert-{a.Id}")).ToList();
        Assert.Equal(shown.Count, shown.Select(AlertGroup.Key).Distinct().Count());
        foreach (var (row, alert) in rows.Zip(shown))
        {
            Assert.Equal(siblings.Contains(AlertGroup.Key(alert)), row.Children[1].TextContent.Contains($"Also about {Sibling}", StringComparison.Ordinal));
            Assert.Matches(DueInWords(), Collapse(row.Children[2].TextContent));
            Assert.Matches(RaisedInWords(), row.QuerySelector(".app-alert-row__raised")!.TextContent.Trim());
        }
        // The most urgent first: any overdue before none, then the most severe.
        var urgency = shown.Select(a => (Overdue: events[AlertGroup.Key(a)].Any(x => x.DueAt < DateTimeOffset.UtcNow), Severity: events[AlertGroup.Key(a)].Max(x => x.Severity))).ToList();
        Assert.Equal(urgency.OrderByDescending(u => u.Overdue).ThenByDescending(u => u.Severity), urgency);
        if (events.Count > rows.Count)
            Assert.Contains($"See all {events.Count} open alerts about Emily", page.GetElementById("all-alerts")!.TextContent);
        Assert.DoesNotMatch(@"\b\d{3,} days\b", page.Body!.TextContent);

        // Every alert in full on the child's alerts view names the sibling the same event concerns.
        var full = await BabyRApp.OpenAsync(client, $"/children/{emily.Emily}/alerts");
        foreach (var alert in open)
            Assert.Equal(siblings.Contains(AlertGroup.Key(alert)), BabyRApp.Row(full.GetElementById($"alert-{alert.Id}")!, "Also about").Contains(Sibling, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_work_tray_has_one_row_per_family_event_naming_every_child_it_concerns_soonest_due_first()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        await using var db = emily.App.OpenDb();
        var me = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").Select(p => p.Id).SingleAsync();
        var mine = await db.Alerts.AsNoTracking()
            .Where(a => (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged) && (a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me)).ToListAsync();
        var events = mine.GroupBy(AlertGroup.Key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(events.Count < mine.Count, "Emily's social worker owns alerts on siblings from the same family event: the tray has something to group");

        var tray = await BabyRApp.OpenAsync(client, "/");
        var rows = tray.QuerySelectorAll("#tray-alerts tbody tr").ToList();

        Assert.Equal(Math.Min(events.Count, Web.WorkTray.Tray.Limit), rows.Count);
        Assert.StartsWith($"{events.Count} alert", Collapse(tray.QuerySelector("#tray-counts li")!.TextContent));
        var shown = rows.Select(r => mine.Single(a => r.Id == $"tray-alert-{a.Id}")).ToList();
        Assert.Equal(shown.Count, shown.Select(AlertGroup.Key).Distinct().Count());
        foreach (var (row, alert) in rows.Zip(shown))
        {
            var children = await db.People.Where(p => events[AlertGroup.Key(alert)].Select(a => a.SubjectPersonId).Contains(p.Id)).Select(p => p.KnownAs).ToListAsync();
            Assert.All(children, name => Assert.Contains(name!, row.Children[1].TextContent));
        }
        var dues = shown.Select(a => events[AlertGroup.Key(a)].Min(x => x.DueAt)).ToList();
        Assert.Equal(dues.Order(), dues);
    }

    [Fact]
    public async Task The_team_managers_figures_count_a_family_event_once_as_the_workers_own_tray_does()
    {
        var manager = await emily.ClientAsync(Actor.ManagerOfTeamMember);
        await using var db = emily.App.OpenDb();
        var worker = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").Select(p => p.Id).SingleAsync();
        var owned = await db.Alerts.AsNoTracking()
            .Where(a => a.OwnerProfessionalId == worker && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync();
        var events = owned.GroupBy(AlertGroup.Key).ToList();
        Assert.True(events.Count < owned.Count, "the social worker owns a family event's alerts on several children: there is something to count once");

        var home = await BabyRApp.OpenAsync(manager, "/");

        var row = home.QuerySelectorAll("#tray-team tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Social worker (Emily's family)");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal(events.Count(g => g.Min(a => a.DueAt) < DateTimeOffset.UtcNow).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
    }

    [Fact]
    public async Task A_resolved_alert_reads_plainly_without_what_an_open_one_asks()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);

        var page = await BabyRApp.OpenAsync(client, $"/alerts/{emily.ResolvedAlert}");

        var status = BabyRApp.Row(page.GetElementById($"alert-{emily.ResolvedAlert}")!, "Status");
        Assert.EndsWith("Resolved", status);
        Assert.DoesNotContain("act by", status, StringComparison.Ordinal);
        Assert.DoesNotContain("consider and record", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_alerts_filter_by_child_safeguard_status_and_overdue_as_get_parameters_and_name_each_family_events_children_once()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);

        var all = await BabyRApp.OpenAsync(client, "/alerts/mine");
        var cards = Cards(all);
        Assert.NotEmpty(cards);
        Assert.InRange(cards.Count, 1, AlertList.PageSize);
        var title = Title(cards[0]);
        var safeguard = SafeguardCatalogue.All.Single(s => s.Title == title).Id;
        // The card says the safeguard's name, not its code.
        Assert.DoesNotMatch(@"SG-\d\d", string.Join(' ', cards.Select(Title)));
        Assert.DoesNotContain(all.QuerySelectorAll("#safeguard option").Select(o => o.TextContent), o => o.Contains("SG-", StringComparison.Ordinal));
        var bySafeguard = Cards(await BabyRApp.OpenAsync(client, $"/alerts/mine?safeguard={safeguard}"));
        var bySibling = Cards(await BabyRApp.OpenAsync(client, $"/alerts/mine?child={emily.Sibling}&status=open"));
        var overdue = Cards(await BabyRApp.OpenAsync(client, "/alerts/mine?overdue=true"));
        var resolved = Cards(await BabyRApp.OpenAsync(client, "/alerts/mine?status=resolved"));
        var wrong = await BabyRApp.OpenAsync(client, "/alerts/mine?safeguard=SG-99&child=not-a-child");

        Assert.NotEmpty(bySafeguard);
        Assert.All(bySafeguard, c => Assert.Equal(title, Title(c)));
        Assert.NotEmpty(bySibling);
        Assert.All(bySibling, c => Assert.Contains(Sibling, BabyRApp.Row(c, "About")));
        Assert.All(overdue, c => Assert.Contains(" overdue", BabyRApp.Row(c, "Due")));
        Assert.All(resolved, c => Assert.Contains("Resolved", BabyRApp.Row(c, "Status")));
        Assert.All(resolved, c => Assert.Empty(c.QuerySelectorAll("form")));
        // One card per family event: no child is named twice on a card, and no two cards are one event.
        Assert.All(cards, c =>
        {
            var named = c.QuerySelectorAll("a[href^='/children/']").Select(a => a.TextContent.Trim()).ToList();
            Assert.Equal(named.Distinct().Count(), named.Count);
        });
        var errors = wrong.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("#safeguard", "Select a safeguard from the list"), errors);
        Assert.Contains(("#child", "Select a child from the list"), errors);
        Assert.Equal("safeguard-error", wrong.GetElementById("safeguard")!.GetAttribute("aria-describedby")?.Split(' ').Last());
    }

    [Fact]
    public async Task The_partnerships_alerts_are_paginated_with_the_govuk_pagination_and_the_filter_is_kept_from_page_to_page()
    {
        var manager = await emily.ClientAsync(Actor.ManagerOfTeamMember);
        await using var db = emily.App.OpenDb();
        var count = (await db.Alerts.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged).ToListAsync()).Select(AlertGroup.Key).Distinct().Count();
        Assert.True(count > AlertList.PageSize, $"Emily's story leaves more than a page of open alerts ({count})");

        var first = await BabyRApp.OpenAsync(manager, "/alerts?sort=oldest");
        var next = first.QuerySelector("#alert-pages .govuk-pagination__next a")!.GetAttribute("href")!;
        var second = await BabyRApp.OpenAsync(manager, next);

        Assert.Equal(AlertList.PageSize, Cards(first).Count);
        Assert.Equal("/alerts?sort=oldest&page=2", next);
        Assert.Equal("2", second.QuerySelector("#alert-pages [aria-current=page]")!.TextContent.Trim());
        Assert.NotEmpty(Cards(second));
        Assert.Empty(Cards(first).Select(c => c.Id).Intersect(Cards(second).Select(c => c.Id)));
        Assert.Equal("/alerts?sort=oldest", second.QuerySelector("#alert-pages .govuk-pagination__prev a")!.GetAttribute("href"));
        Assert.Contains("page 2 of", second.GetElementById("list-count")!.TextContent);
    }

    private static Task<List<Alert>> OpenAlertsAsync(Core.Persistence.ChronicleDb db, Guid child) =>
        db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == child && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync();

    private static List<IElement> Cards(IDocument page) => [.. page.QuerySelectorAll(".app-alert-group")];

    private static string Title(IElement card) => card.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim();

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
