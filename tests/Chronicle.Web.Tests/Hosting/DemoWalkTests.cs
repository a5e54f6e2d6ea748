using System.Net;
using AngleSharp.Dom;
using Chronicle.Core.Meetings;
using Chronicle.Core.Record;
using Chronicle.Web.Children;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Hosting;

/// <summary>
/// A newcomer's walk of the demo as the Run command loads it: every link leads somewhere its reader may open, the
/// pickers offer what the case needs, and nothing is offered that the server would refuse.
/// </summary>
public sealed class DemoWalkTests(DemoAsRunTests.App demo) : IClassFixture<DemoAsRunTests.App>
{
    private ChronicleApp Chronicle => demo.Chronicle;

    private async Task<HttpClient> AsAsync(string professional) => await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(professional));

    private async Task<Person> ChildAsync(string givenName)
    {
        await using var db = Chronicle.OpenDb();
        return await db.People.AsNoTracking().Include(p => p.Identifiers).SingleAsync(p => p.GivenName == givenName && p.FamilyName == "Carter", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_conference_chairs_meeting_line_says_the_day_and_the_time()
    {
        var ct = TestContext.Current.CancellationToken;
        Meeting meeting;
        await using (var db = Chronicle.OpenDb())
        {
            var chair = await db.Professionals.AsNoTracking().SingleAsync(p => p.Name == "Conference chair (Eastmoor)", ct);
            meeting = await db.Meetings.AsNoTracking().Where(m => m.ChairProfessionalId == chair.Id && m.Status == MeetingStatus.Scheduled && m.ScheduledFor > demo.Start)
                .OrderBy(m => m.ScheduledFor).FirstAsync(ct);
        }
        var home = await BabyRApp.OpenAsync(await AsAsync("Conference chair (Eastmoor)"), "/");

        var line = home.QuerySelectorAll("#tray-meetings li.app-chairing").Single(li => li.QuerySelector("a")!.GetAttribute("href")!.Contains(meeting.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(Display.Time(meeting.ScheduledFor), line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_business_units_open_actions_are_those_open_now_not_the_actions_of_reviews_loaded_as_history()
    {
        var ct = TestContext.Current.CancellationToken;
        int history, current;
        await using (var db = Chronicle.OpenDb())
        {
            var seeds = Core.Learning.SeedLibrary.All.Select(d => d.File).ToList();
            var open = await db.ResponseActions.AsNoTracking().Where(a => a.Status == Core.Learning.ActionStatus.NotStarted || a.Status == Core.Learning.ActionStatus.InProgress)
                .Join(db.Reviews, a => a.ReviewId, r => r.Id, (a, r) => r.SourceDocument).ToListAsync(ct);
            history = open.Count(d => d is not null && seeds.Contains(d));
            current = open.Count - history;
        }
        // The seed reviews' actions stand as their documents left them: not started, as far as the import can say.
        Assert.True(history > 0 && current > 0, $"{history} actions of history, {current} current");

        var home = await BabyRApp.OpenAsync(await AsAsync(DemoAccounts.BusinessUnitOfficer), "/");

        // The owners to chase are those of current actions alone: each row links to an action of a review not held as history.
        var hrefs = home.QuerySelectorAll("#tray-to-chase-list tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(hrefs, href => Assert.True(System.Text.RegularExpressions.Regex.IsMatch(href, "^/learning/actions/[0-9a-f-]{36}$"), href));
        var chase = hrefs.Select(href => Guid.Parse(href["/learning/actions/".Length..])).ToList();
        Assert.NotEmpty(chase);
        await using (var db = Chronicle.OpenDb())
        {
            var reviews = await db.ResponseActions.AsNoTracking().Where(a => chase.Contains(a.Id)).Join(db.Reviews, a => a.ReviewId, r => r.Id, (a, r) => r.SourceDocument).ToListAsync(ct);
            Assert.Equal(chase.Count, reviews.Count);
            Assert.DoesNotContain(reviews, d => d is not null && Core.Learning.SeedLibrary.All.Select(s => s.File).Contains(d));
        }
    }

    [Fact]
    public async Task The_team_managers_caseload_links_each_child_of_each_member_to_the_childs_record()
    {
        var manager = await AsAsync("Team manager (Carter family)");
        var home = await BabyRApp.OpenAsync(manager, "/");

        var row = home.QuerySelectorAll("#tray-team tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Social worker (Carter family)");
        var links = row.QuerySelectorAll("td a").ToList();
        var names = links.Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains((await ChildAsync("Mia")).DisplayName, names);
        Assert.Contains((await ChildAsync("Alfie")).DisplayName, names);
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(link.GetAttribute("href"))).StatusCode);
    }

    [Fact]
    public async Task Information_governances_break_glass_notice_links_to_the_review_of_the_grant_not_to_the_child()
    {
        var governance = await AsAsync(DemoAccounts.InformationGovernance);
        var inbox = await BabyRApp.OpenAsync(governance, "/inbox?filter=all");

        var notices = inbox.QuerySelectorAll("[id^='item-']").Where(i => i.TextContent.Contains("used break-glass access", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notices);
        foreach (var notice in notices)
        {
            Assert.Empty(notice.QuerySelectorAll("a[href^='/children/']"));
            var review = Assert.Single(notice.QuerySelectorAll("a[href^='/break-glass/granted']"));
            Assert.Equal(HttpStatusCode.OK, (await governance.GetAsync(review.GetAttribute("href"))).StatusCode);
        }
        // Every link the inbox gives its reader opens.
        foreach (var href in inbox.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct())
            Assert.Equal(HttpStatusCode.OK, (await governance.GetAsync(href)).StatusCode);
    }

    [Fact]
    public async Task The_share_picker_offers_the_team_first_and_only_the_front_door_of_the_childs_area()
    {
        var ct = TestContext.Current.CancellationToken;
        var socialWorker = await AsAsync("Social worker (Carter family)");
        var mia = await ChildAsync("Mia");
        Dictionary<string, string?> areas;
        await using (var db = Chronicle.OpenDb())
            areas = (await db.Professionals.AsNoTracking().Join(db.Agencies, p => p.AgencyId, a => a.Id, (p, a) => new { p.Name, Agency = a.Name, a.Area }).ToListAsync(ct))
                .ToDictionary(x => $"{x.Name} ({x.Agency})", x => x.Area);

        var sharing = await BabyRApp.OpenAsync(socialWorker, $"/children/{mia.Id}/sharing");
        IDocument? form = null;
        foreach (var share in sharing.QuerySelectorAll("a.share-entry").Select(a => a.GetAttribute("href")!))
        {
            var page = await BabyRApp.OpenAsync(socialWorker, share);
            if (page.QuerySelectorAll("input[name='recipients']").Any(i => page.QuerySelector($"#{i.Id}-item-hint")?.TextContent.StartsWith("Front door", StringComparison.Ordinal) == true))
            {
                form = page;
                break;
            }
        }
        Assert.NotNull(form);

        var offered = form.QuerySelectorAll("input[name='recipients']").Select(i => (Label: form.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim(), Hint: form.QuerySelector($"#{i.Id}-item-hint")!.TextContent.Trim())).ToList();
        var frontDoor = offered.Where(o => o.Hint.StartsWith("Front door", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(frontDoor);
        Assert.All(frontDoor, o => Assert.Equal("Eastmoor", areas[o.Label]));
        // The team around the child first.
        var team = offered.FindLastIndex(o => o.Hint == "In the team around the child");
        Assert.True(team < offered.FindIndex(o => o.Hint != "In the team around the child") || offered.All(o => o.Hint == "In the team around the child"), string.Join("; ", offered));
    }

    [Fact]
    public async Task A_form_opened_from_an_alert_offers_the_entries_the_alert_is_about_and_each_agency_once()
    {
        var ct = TestContext.Current.CancellationToken;
        HashSet<string> entryIds;
        Dictionary<Guid, IReadOnlyList<Guid>> evidence;
        await using (var db = Chronicle.OpenDb())
        {
            entryIds = [.. (await db.Entries.AsNoTracking().Select(e => e.Id).ToListAsync(ct)).Select(id => id.ToString())];
            evidence = (await db.Alerts.AsNoTracking().ToListAsync(ct)).ToDictionary(a => a.Id, a => a.Evidence);
        }
        var forms = 0;
        foreach (var who in new[] { DemoAccounts.FrontDoor, "Social worker (Carter family)" })
        {
            var client = await AsAsync(who);
            var alerts = (await BabyRApp.OpenAsync(client, "/alerts/mine")).QuerySelectorAll("main a[href^='/alerts/']").Select(a => a.GetAttribute("href")!)
                .Where(h => Guid.TryParse(h.Split('/')[^1], out _)).Distinct().ToList();
            foreach (var alert in alerts)
            {
                var id = Guid.Parse(alert.Split('/')[^1]);
                if (evidence[id].Count == 0) continue;
                var steps = (await BabyRApp.OpenAsync(client, alert)).QuerySelectorAll("a[data-step='record']").Select(a => a.GetAttribute("href")!)
                    .Where(h => h.Contains("/entries/new?", StringComparison.Ordinal));
                foreach (var step in steps)
                {
                    var form = await BabyRApp.OpenAsync(client, step);
                    var offered = form.QuerySelectorAll("select option, input[type='checkbox']").Select(o => o.GetAttribute("value") ?? "").Where(entryIds.Contains).ToList();
                    if (offered.Count == 0) continue;
                    forms++;
                    Assert.All(offered, v => Assert.Contains(Guid.Parse(v), evidence[id]));
                    foreach (var select in form.QuerySelectorAll("select[name$='AgencyId']"))
                    {
                        var labels = select.QuerySelectorAll("option").Select(o => o.TextContent.Trim()).ToList();
                        Assert.Equal(labels.Count, labels.Distinct().Count());
                    }
                    // Every other entry is a link away.
                    var every = await BabyRApp.OpenAsync(client, form.QuerySelector(".app-every-entry a")!.GetAttribute("href")!);
                    Assert.True(every.QuerySelectorAll("select option, input[type='checkbox']").Count(o => entryIds.Contains(o.GetAttribute("value") ?? "")) > offered.Distinct().Count());
                }
            }
        }
        Assert.True(forms > 0, "No alert's step opened a form that offers entries");
    }

    [Fact]
    public async Task The_front_doors_step_for_another_child_of_the_family_names_that_child_and_the_form_offers_them()
    {
        var ct = TestContext.Current.CancellationToken;
        Dictionary<Guid, string> safeguards;
        await using (var db = Chronicle.OpenDb())
            safeguards = await db.Alerts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.SafeguardId, ct);
        var frontDoor = await AsAsync(DemoAccounts.FrontDoor);
        var alerts = (await BabyRApp.OpenAsync(frontDoor, "/alerts/mine")).QuerySelectorAll("main a[href^='/alerts/']").Select(a => a.GetAttribute("href")!)
            .Where(h => Guid.TryParse(h.Split('/')[^1], out var id) && safeguards.GetValueOrDefault(id) == "SG-14").Distinct().ToList();
        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            var step = (await BabyRApp.OpenAsync(frontDoor, alert)).QuerySelectorAll("a[data-step='record']").Select(a => a.GetAttribute("href")!)
                .Single(h => h.Contains("other-children", StringComparison.Ordinal));
            // The other child the alert asks about is named in the step, and the form offers them chosen.
            var named = System.Text.RegularExpressions.Regex.Match(step, "aboutPersonId=([0-9a-f-]{36})");
            Assert.True(named.Success, $"{alert}: the step names no child ({step})");
            var form = await BabyRApp.OpenAsync(frontDoor, System.Net.WebUtility.HtmlDecode(step));
            var chosen = form.QuerySelector("select[name='details.aboutPersonId'] option[selected]");
            Assert.Equal(named.Groups[1].Value, chosen?.GetAttribute("value"));
            Assert.Equal(HttpStatusCode.OK, (await frontDoor.GetAsync($"/children/{named.Groups[1].Value}", ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Two_alerts_of_one_safeguard_about_one_child_say_on_the_tray_and_in_my_alerts_what_tells_them_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        var frontDoor = await AsAsync(DemoAccounts.FrontDoor);
        List<Person> children;
        List<string> found;
        await using (var db = Chronicle.OpenDb())
        {
            children = await db.People.AsNoTracking().Where(p => p.Kind != PersonKind.Adult).ToListAsync(ct);
            found = await db.Alerts.AsNoTracking().Select(a => a.Summary).ToListAsync(ct);
        }
        static bool Names(string text, string name) => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<!\w){System.Text.RegularExpressions.Regex.Escape(name)}(?!\w)");
        // The children the alerts' findings name whom the front door may not see.
        var unseen = new List<string>();
        foreach (var child in children.Where(c => found.Exists(f => Names(f, c.DisplayName))))
            if ((await frontDoor.GetAsync($"/children/{child.Id}", ct)).StatusCode == HttpStatusCode.NotFound) unseen.Add(child.DisplayName);

        var home = await BabyRApp.OpenAsync(frontDoor, "/");

        // The live story asks the front door to consider each other child of the Carters apart: one safeguard, one child, twice or more.
        var rows = home.QuerySelectorAll("#tray-alerts tbody tr").ToList();
        var alike = rows.GroupBy(r => (Collapse(r.Children[0].QuerySelector("a")!.TextContent), Collapse(r.Children[1].TextContent))).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(alike);
        foreach (var same in alike)
            Assert.Equal(same.Count(), same.Select(r => Collapse(r.Children[0].TextContent)).Distinct().Count());
        // What tells them apart names only the children the front door may see.
        Assert.All(rows, r => Assert.All(unseen, name => Assert.False(Names(r.TextContent, name), $"{name} is named on the tray")));

        // My alerts' cards read alike by their titles, and their actions are told apart as the tray's lines are.
        var mine = await BabyRApp.OpenAsync(frontDoor, "/alerts/mine");
        var resolve = mine.QuerySelectorAll("#alerts-list button[id^='resolve-']").Select(b => Collapse(b.TextContent)).ToList();
        Assert.True(resolve.Count > mine.QuerySelectorAll("#alerts-list .govuk-summary-card__title").Select(t => Collapse(t.TextContent)).Distinct().Count(),
            "the front door's alerts include two cards of one safeguard");
        Assert.Equal(resolve.Count, resolve.Distinct().Count());
        Assert.All(unseen, name => Assert.False(Names(mine.GetElementById("alerts-list")!.TextContent, name), $"{name} is named in My alerts"));
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_front_doors_contacts_come_first_on_its_home_page()
    {
        var home = await BabyRApp.OpenAsync(await AsAsync(DemoAccounts.FrontDoor), "/");

        Assert.NotEmpty(home.QuerySelectorAll("#tray-waiting tbody tr"));
        Assert.True(home.GetElementById("waiting")!.CompareDocumentPosition(home.GetElementById("needs-you")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public async Task A_choice_left_unchosen_on_the_entry_form_says_select_not_enter()
    {
        var socialWorker = await AsAsync("Social worker (Carter family)");
        var mia = await ChildAsync("Mia");
        var path = $"/children/{mia.Id}/entries/new?kind=decision";

        var response = await ChronicleApp.PostFormAsync(socialWorker, path, new() { ["occurredAt"] = "1/12/2026", ["source"] = "seen-by-recorder", ["details.decision"] = "No further action", ["details.rationale"] = "Seen and safe" });

        var page = await BabyRApp.ParseAsync(response);
        var error = page.QuerySelector("[id='details.topic-error']")!.TextContent;
        Assert.Contains("Select the topic", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_break_glass_no_action_on_the_case_is_offered_that_the_server_refuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var alfie = await ChildAsync("Alfie");
        string outsider;
        await using (var db = Chronicle.OpenDb())
            outsider = await db.Professionals.AsNoTracking().Join(db.Agencies, p => p.AgencyId, a => a.Id, (p, a) => new { p.Name, p.Role, a.Area })
                .Where(x => x.Area != "Eastmoor" && (x.Role == ProfessionalRole.HealthVisitor || x.Role == ProfessionalRole.GeneralPractitioner || x.Role == ProfessionalRole.SocialWorker))
                .OrderBy(x => x.Name).Select(x => x.Name).FirstAsync(ct);
        var reader = await AsAsync(outsider);
        var granted = await ChronicleApp.PostFormAsync(reader, "/break-glass", new()
        {
            ["name"] = alfie.DisplayName, ["dateOfBirth"] = alfie.DateOfBirth!.Value.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = "The child is in the emergency department with an injury and I need to know who his social worker is before he goes home",
        }, "/");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        var alerts = await BabyRApp.OpenAsync(reader, $"/children/{alfie.Id}/alerts");
        Assert.NotEmpty(alerts.QuerySelectorAll(".app-alert"));
        var summary = await BabyRApp.OpenAsync(reader, $"/children/{alfie.Id}");
        var chronology = await BabyRApp.OpenAsync(reader, $"/children/{alfie.Id}/chronology");
        var meetings = await BabyRApp.OpenAsync(reader, $"/children/{alfie.Id}/meetings");
        var plans = await BabyRApp.OpenAsync(reader, $"/children/{alfie.Id}/plans");
        foreach (var page in new[] { alerts, summary, chronology, meetings, plans })
        {
            Assert.Empty(page.QuerySelectorAll("a[data-step], form[action*='handler=acknowledge'], form[action*='handler=resolve']"));
            // Every link into the case that the page offers opens for the reader.
            foreach (var href in page.QuerySelectorAll("main a[href^='/children/']").Select(a => a.GetAttribute("href")!).Distinct())
                Assert.True((await reader.GetAsync(href)).StatusCode == HttpStatusCode.OK, $"{href} is offered and refused");
            Assert.Empty(page.QuerySelectorAll("a.app-share-entry, a[href$='/plans/new'], a[href*='/meetings/new']"));
        }
    }
}
