using System.Globalization;
using AngleSharp.Dom;
using Chronicle.Core.Meetings;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Alerts;
using Chronicle.Web.Hosting;
using Chronicle.Web.TeamAroundChild;
using Chronicle.Web.Tests.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Hosting;

/// <summary>
/// The demo as a newcomer finds it on first start: the live story, whose dates count from the day Chronicle starts,
/// gives every account in the start-up table work on its home page; the stories told in dates load as history, closed
/// at the end of their timelines, and nothing of them is raised or escalated by the first passes of the sweeps.
/// </summary>
public sealed class LiveDemoTests
{
    private const string Live = "scenarios/live-carter-family.json";

    /// <summary>What needs someone who works with children, on their home page: alerts, items to acknowledge, actions, meetings, a manager's team and escalations.</summary>
    private static readonly string[] NeedsYou = ["#tray-alerts tbody tr", "#tray-acknowledge li", "#tray-actions li", "#tray-meetings li", "#tray-team tbody tr", "#tray-escalations li"];

    private static Dictionary<string, string?> AsRun => new() { [DemoPartnership.CloseHistorySetting] = "true" };

    /// <summary>A start some weeks ahead of the real date (so the session cookie is not already expired), at a UK time of day.</summary>
    private static DateTimeOffset StartAt(int daysAhead, int hour, int minute)
    {
        var day = WorkingDayCalendar.UkDate(TimeProvider.System.GetUtcNow()).AddDays(daysAhead);
        return WorkingDayCalendar.StartOfUkDay(day).AddHours(hour).AddMinutes(minute);
    }

    [Fact]
    public async Task Every_account_in_the_start_up_table_finds_its_work_on_its_home_page()
    {
        var start = StartAt(30, 10, 0);
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, [Live, "scenarios/baby-r.json"], settings: AsRun, clock: new SimulatedClock(start));
        await using var db = app.OpenDb();
        var accounts = await db.UserAccounts.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var jobs = await db.Professionals.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Role, TestContext.Current.CancellationToken);

        var homes = new Dictionary<ProfessionalRole, IDocument>();
        foreach (var (who, professional) in DemoAccounts.Examples)
        {
            var account = accounts.Where(a => a.DisplayName == professional).OrderBy(a => a.CreatedAt).FirstOrDefault();
            Assert.True(account is not null, $"The start-up table names {professional} ({who}), who has no account");
            var home = await BabyRApp.OpenAsync(await app.SignInAsync(account.UserName), "/");
            homes[jobs[account.ProfessionalId!.Value]] = home;
            if (home.QuerySelector("#other-work") is { } other)
            {
                Assert.True(other.QuerySelectorAll("li").Length > 0, $"{who} lands on no work of their own");
                // The header offers only the work the role has: none of these has actions of its own.
                Assert.DoesNotContain("My actions", home.QuerySelectorAll("#navigation a").Select(l => l.TextContent.Trim()));
                continue;
            }
            var needs = NeedsYou.Sum(s => home.QuerySelectorAll(s).Length);
            Assert.True(needs > 0, $"{who} signs in to an empty work tray");
        }

        var socialWorker = homes[ProfessionalRole.SocialWorker];
        Assert.NotEmpty(socialWorker.QuerySelectorAll("#tray-acknowledge li"));
        Assert.NotEmpty(socialWorker.QuerySelectorAll("#tray-actions li"));
        // Alerts just overdue and alerts due soon: the count of the social worker's alerts, and how many are overdue.
        var counts = socialWorker.QuerySelector("#tray-counts li")!;
        var total = int.Parse(counts.QuerySelector(".app-tray-counts__number")!.TextContent, CultureInfo.InvariantCulture);
        var overdue = int.Parse(counts.QuerySelector("strong.govuk-tag--red")!.TextContent.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(overdue, 1, total - 1);
        Assert.NotEmpty(homes[ProfessionalRole.ConferenceChair].QuerySelectorAll("#tray-meetings li"));
        Assert.NotEmpty(homes[ProfessionalRole.SocialWorker].QuerySelectorAll("#tray-meetings li"));
        Assert.NotEmpty(homes[ProfessionalRole.FrontDoorWorker].QuerySelectorAll("#tray-alerts tbody tr"));
        Assert.NotEmpty(homes[ProfessionalRole.PoliceSafeguardingOfficer].QuerySelectorAll("#tray-children tbody tr"));
        Assert.NotEmpty(homes[ProfessionalRole.TeamManager].QuerySelectorAll("#tray-team tbody tr"));
        // The first screen is each one's work: break glass on a child the social worker leads is a row of what needs
        // them (not a banner above it); a manager whose own tray is empty sees the team first (what is escalated
        // to them: TeamPageTests); the front door's children are its contacts, with no empty list of its own; the
        // partnership is named once, in the header.
        Assert.Null(socialWorker.QuerySelector(".govuk-notification-banner"));
        Assert.NotEmpty(socialWorker.QuerySelectorAll("#break-glass-on-my-children li"));
        Assert.True(socialWorker.GetElementById("needs-you")!.CompareDocumentPosition(socialWorker.GetElementById("break-glass-on-my-children")!).HasFlag(DocumentPositions.Following));
        var manager = homes[ProfessionalRole.TeamManager];
        Assert.Empty(manager.QuerySelectorAll("#tray-acknowledge li, #tray-actions li"));
        // The team manager also manages the front door worker: the alerts about a child whose contact still waits at the
        // front door are theirs to see and act on (docs/security.md), and those are the only alerts in their own tray.
        var waiting = await db.OpenContacts.AsNoTracking().Select(o => o.PersonId).ToListAsync(TestContext.Current.CancellationToken);
        var managersAlerts = manager.QuerySelectorAll("#tray-alerts tbody tr").Select(r => Guid.Parse(r.Id!["tray-alert-".Length..])).ToList();
        Assert.NotEmpty(managersAlerts);
        Assert.All(await db.Alerts.AsNoTracking().Where(a => managersAlerts.Contains(a.Id)).Select(a => a.SubjectPersonId).ToListAsync(TestContext.Current.CancellationToken),
            child => Assert.Contains(child, waiting));
        Assert.NotNull(manager.GetElementById("team-caseload"));
        Assert.Null(homes[ProfessionalRole.FrontDoorWorker].GetElementById("no-children"));
        // The business unit sees each running incident and each action past or near its deadline as a link to where it
        // is done; the scrutineer the actions past their deadline and the reviews whose figures to read; neither an inbox.
        var unit = homes[ProfessionalRole.BusinessUnitOfficer];
        Assert.NotNull(unit.QuerySelector("#tray-incidents-list a[href^='/learning/incidents/']"));
        Assert.NotNull(unit.QuerySelector("#tray-to-chase-list a[href^='/learning/actions/']"));
        Assert.Null(unit.QuerySelector("#for-scrutiny"));
        var scrutineer = homes[ProfessionalRole.Scrutineer];
        Assert.NotNull(scrutineer.QuerySelector("#tray-past-deadline-list a[href^='/learning/actions/']"));
        Assert.NotNull(scrutineer.QuerySelector("#tray-impact-list a[href^='/learning/reviews/'][href$='#impact']"));
        Assert.Null(scrutineer.QuerySelector("#learning-cycle"));
        Assert.All([unit, scrutineer], h => Assert.DoesNotContain("Inbox", h.QuerySelectorAll("#navigation a").Select(l => l.TextContent.Trim())));
        Assert.All(homes.Values, home => Assert.Null(home.QuerySelector("main .govuk-caption-l")));
        Assert.Equal(StartDay(start).AddDays(7), await NextMeetingDayAsync(app));
        // Every open alert has an owner, and from the live family's own case: none from the history loaded beside it.
        var open = await db.Alerts.AsNoTracking().Where(a => a.Status == Core.Safeguards.AlertStatus.Open || a.Status == Core.Safeguards.AlertStatus.Acknowledged)
            .Select(a => new { a.SafeguardId, a.OwnerProfessionalId }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(open);
        var names = await db.Professionals.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, TestContext.Current.CancellationToken);
        Assert.All(open, a => Assert.True(a.OwnerProfessionalId is { } owner && !names[owner].Contains("Baby R", StringComparison.Ordinal),
            $"{a.SafeguardId} is owned by {(a.OwnerProfessionalId is { } o ? names[o] : "no one")}"));
    }

    [Fact]
    public async Task History_is_closed_at_the_end_of_its_timeline_and_the_first_sweeps_neither_raise_nor_escalate_any_of_it()
    {
        var start = StartAt(45, 8, 30);
        // One story that closed its case, one whose children were still on plans when its timeline ends.
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, [Live, "scenarios/baby-r.json", "scenarios/family-l.json"], settings: AsRun, clock: new SimulatedClock(start));
        var ct = TestContext.Current.CancellationToken;
        List<Guid> history;
        await using (var db = app.OpenDb())
        {
            // History: children whose record ends more than a year before the start.
            var lastEntry = (await db.EntrySubjects.AsNoTracking().Join(db.Entries, s => s.EntryId, e => e.Id, (s, e) => new { s.PersonId, e.RecordedAt }).ToListAsync(ct))
                .GroupBy(x => x.PersonId).ToDictionary(g => g.Key, g => g.Max(x => x.RecordedAt));
            var children = await db.People.AsNoTracking().Where(p => p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
            history = [.. children.Where(c => lastEntry.TryGetValue(c, out var last) && last < start.AddYears(-1))];
            Assert.NotEmpty(history);
            Assert.True(children.Count > history.Count, "the live story's children are missing");

            var alerts = await db.Alerts.AsNoTracking().Where(a => history.Contains(a.SubjectPersonId)).ToListAsync(ct);
            Assert.NotEmpty(alerts);
            Assert.DoesNotContain(alerts, a => a.IsOpen);
            var closings = await db.AlertEvents.AsNoTracking().Where(e => e.Type == AlertEventType.Closed && e.Reason == DemoPartnership.HistoryReason).ToListAsync(ct);
            Assert.NotEmpty(await db.Entries.AsNoTracking().Where(e => e.Kind == "plan-ended").ToListAsync(ct));
            Assert.Contains(await db.Entries.AsNoTracking().Where(e => e.Kind == "case-closure").Select(e => e.Details).ToListAsync(ct), d => d.Contains(DemoPartnership.HistoryReason, StringComparison.Ordinal));
            Assert.NotEmpty(closings);
            foreach (var closing in closings)
            {
                var alert = alerts.Single(a => a.Id == closing.AlertId);
                var end = alerts.Where(a => a.SubjectPersonId == alert.SubjectPersonId).Max(a => a.RaisedAt);
                // The end of the timeline (a month after its last step when it names no end), and the month after the case closed, in which what closing leaves comes due.
                Assert.InRange(closing.At, end, lastEntry[alert.SubjectPersonId].AddDays(61));
            }
        }

        var swept = await app.Services.GetRequiredService<AlertSweep>().RunOnceAsync(ct);
        using (var scope = app.Services.CreateScope()) await Escalation.RunOnceAsync(scope.ServiceProvider, ct);

        await using (var db = app.OpenDb())
        {
            var alerts = await db.Alerts.AsNoTracking().Where(a => history.Contains(a.SubjectPersonId)).ToListAsync(ct);
            Assert.DoesNotContain(alerts, a => a.IsOpen || a.EscalatedAt is not null || a.RaisedAt >= start);
            var ids = alerts.Select(a => a.Id).ToList();
            Assert.False(await db.AlertEvents.AnyAsync(e => ids.Contains(e.AlertId) && e.Type == AlertEventType.Escalated, ct));
            Assert.False(await db.Notifications.AnyAsync(n => n.ChildPersonId != null && history.Contains(n.ChildPersonId.Value) && n.EscalatedAt != null, ct));
            // The live story's alerts do escalate: the sweep ran, and what is overdue today went to a manager.
            Assert.True(swept.Escalated > 0);
        }
        Assert.Equal(StartDay(start).AddDays(7), await NextMeetingDayAsync(app));
    }

    private static DateOnly StartDay(DateTimeOffset start) => WorkingDayCalendar.UkDate(start);

    /// <summary>The day of the one meeting arranged and not yet held: the live story's, a week after its today.</summary>
    private static async Task<DateOnly> NextMeetingDayAsync(ChronicleApp app)
    {
        await using var db = app.OpenDb();
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Scheduled).SingleAsync();
        return WorkingDayCalendar.UkDate(meeting.ScheduledFor);
    }
}
