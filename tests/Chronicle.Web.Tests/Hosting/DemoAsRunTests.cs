using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Learning;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Children;
using Chronicle.Web.Hosting;
using Chronicle.Web.TeamAroundChild;
using Chronicle.Web.Tests.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Hosting;

/// <summary>
/// The demo as the Run command loads it, on one app: the live story's work is current and reaches the people it names;
/// a story told in dates is held as history, its case closed, nobody working with its children now.
/// </summary>
public sealed class DemoAsRunTests(DemoAsRunTests.App demo) : IClassFixture<DemoAsRunTests.App>
{
    /// <summary>The live story and one story told in dates whose children were on plans when its timeline ends, started some weeks ahead at 10:00.</summary>
    public sealed class App : IAsyncLifetime
    {
        public ChronicleApp Chronicle { get; private set; } = null!;
        public DateTimeOffset Start { get; } = WorkingDayCalendar.StartOfUkDay(WorkingDayCalendar.UkDate(TimeProvider.System.GetUtcNow()).AddDays(30)).AddHours(10);

        public async ValueTask InitializeAsync() =>
            Chronicle = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/live-carter-family.json", "scenarios/family-l.json"],
                settings: new() { [DemoPartnership.CloseHistorySetting] = "true" }, clock: new SimulatedClock(Start));

        public async ValueTask DisposeAsync() => await Chronicle.DisposeAsync();
    }

    private ChronicleApp Chronicle => demo.Chronicle;
    private DateOnly Today => WorkingDayCalendar.UkDate(demo.Start);

    /// <summary>The children whose record ends more than a year before the start: the story told in dates.</summary>
    private static async Task<List<Person>> HistoricChildrenAsync(Core.Persistence.ChronicleDb db, DateTimeOffset start, CancellationToken ct)
    {
        var last = (await db.EntrySubjects.AsNoTracking().Join(db.Entries, s => s.EntryId, e => e.Id, (s, e) => new { s.PersonId, e.RecordedAt }).ToListAsync(ct))
            .GroupBy(x => x.PersonId).ToDictionary(g => g.Key, g => g.Max(x => x.RecordedAt));
        var children = await db.People.AsNoTracking().Where(p => p.Kind != PersonKind.Adult).ToListAsync(ct);
        return [.. children.Where(c => last.TryGetValue(c.Id, out var at) && at < start.AddYears(-1))];
    }

    [Fact]
    public async Task Everyone_an_information_shared_entry_names_has_it_in_their_inbox_to_acknowledge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Chronicle.OpenDb();
        // The live story's (history is replayed without sharing).
        var shares = (await db.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.InformationShared.Code).ToListAsync(ct))
            .Where(e => e.RecordedAt > demo.Start.AddYears(-1)).ToList();
        var named = shares.SelectMany(e => ((InformationShared)DetailsReader.ReadStored(e.Kind, e.Details)!).RecipientProfessionalIds
            .Where(p => p != e.RecordedByProfessionalId).Select(p => (Share: e.Id, Recipient: p))).ToList();
        Assert.NotEmpty(named);
        var items = (await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.EntryShared && n.ShareEntryId != null)
            .Select(n => new { n.ShareEntryId, n.RecipientProfessionalId, n.NeedsAcknowledgement }).ToListAsync(ct))
            .Select(n => (Share: n.ShareEntryId!.Value, Recipient: n.RecipientProfessionalId)).ToHashSet();
        var missing = named.Where(n => !items.Contains(n)).ToList();
        var said = new List<string>();
        foreach (var (share, recipient) in missing)
        {
            var e = shares.Single(x => x.Id == share);
            var p = await db.Professionals.AsNoTracking().SingleAsync(x => x.Id == recipient, ct);
            var subjects = await db.EntrySubjects.AsNoTracking().Where(x => x.EntryId == share).Select(x => x.PersonId).ToListAsync(ct);
            var names = await db.People.AsNoTracking().Where(x => subjects.Contains(x.Id)).Select(x => x.DisplayName + ":" + x.Kind).ToListAsync(ct);
            said.Add($"{p.Name} ({p.Role}) at {e.RecordedAt:O} level {e.SharingLevel} about {string.Join(",", names)}: {e.Details}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", said));

        // The front door's alert asks it to acknowledge what the police told it: the item is in its inbox.
        var frontDoor = await db.Professionals.AsNoTracking().Where(p => p.Role == ProfessionalRole.FrontDoorWorker && p.Name == DemoAccounts.FrontDoor).Select(p => p.Id).SingleAsync(ct);
        var waiting = await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientProfessionalId == frontDoor && n.Kind == NotificationKind.EntryShared && n.NeedsAcknowledgement && n.AcknowledgedAt == null).ToListAsync(ct);
        Assert.NotEmpty(waiting);
        var inbox = await BabyRApp.OpenAsync(await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(DemoAccounts.FrontDoor)), "/inbox");
        Assert.Contains(waiting[0].Title, inbox.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_told_in_dates_is_closed_with_nobody_working_with_its_children_and_its_banner_says_when_and_how_it_stood()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Chronicle.OpenDb();
        var history = await HistoricChildrenAsync(db, demo.Start, ct);
        Assert.NotEmpty(history);
        var ids = history.Select(c => c.Id).ToList();

        // Nobody works with them now.
        Assert.False(await db.Involvements.AnyAsync(i => ids.Contains(i.PersonId) && (i.To == null || i.To >= Today), ct));
        var workedWith = await db.Professionals.AsNoTracking().Where(p => db.Involvements.Any(i => i.ProfessionalId == p.Id && ids.Contains(i.PersonId)) && p.Role == ProfessionalRole.SocialWorker)
            .Select(p => p.Name).ToListAsync(ct);
        Assert.NotEmpty(workedWith);
        foreach (var name in workedWith)
        {
            var home = await BabyRApp.OpenAsync(await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(name)), "/");
            var mine = home.QuerySelector("#tray-children")?.TextContent ?? "";
            Assert.All(history, c => Assert.DoesNotContain(c.DisplayName, mine, StringComparison.Ordinal));
        }

        // Closed at the end once, in a practitioner's words (a case the story closed itself is not closed again);
        // each plan still active ended once, saying whose it was.
        var closures = (await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => e.Kind == EntryKinds.CaseClosure.Code).ToListAsync(ct))
            .Where(e => ((CaseClosure)DetailsReader.ReadStored(e.Kind, e.Details)!).Reason == DemoPartnership.HistoryReason).ToList();
        var closure = Assert.Single(closures);
        Assert.Contains(closure.Subjects, s => ids.Contains(s.PersonId));
        var plansEnded = (await db.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.PlanEnded.Code).ToListAsync(ct))
            .Where(e => e.RecordedAt == closure.RecordedAt).Select(e => (PlanEnded)DetailsReader.ReadStored(e.Kind, e.Details)!).ToList();
        Assert.NotEmpty(plansEnded);
        Assert.All(plansEnded.GroupBy(p => p.PlanEntryId), g => Assert.Single(g));
        Assert.All(plansEnded, p => Assert.StartsWith("Case closed, so the plan for ", p.Reason, StringComparison.Ordinal));

        // The banner: closed, when, and how it stood then; no live status.
        var partnership = await db.Partnerships.AsNoTracking().Select(p => p.Id).SingleAsync(ct);
        var closedOn = WorkingDayCalendar.UkDate(closure.When);
        var statuses = new List<string>();
        foreach (var child in ids)
        {
            var banner = await ChildBanner.LoadAsync(db, partnership, child, demo.Start, false, ChildView.Summary, false, ct);
            statuses.Add(Assert.Single(banner!.LegalStatus));
            Assert.Null(banner.Lead);
        }
        Assert.True(statuses.TrueForAll(s => s.StartsWith("Case closed on ", StringComparison.Ordinal)), string.Join("; ", statuses));
        Assert.Contains(statuses, s => s.StartsWith($"Case closed on {Display.Date(closedOn)}", StringComparison.Ordinal));
        Assert.True(statuses.Exists(s => s.Contains(", when it was: ", StringComparison.Ordinal)), string.Join("; ", statuses));
    }

    [Fact]
    public async Task The_live_storys_work_is_current_its_meetings_recorded_once_and_the_conference_chair_and_organiser_invited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Chronicle.OpenDb())
        {
            // What was shared more than a week ago has been acknowledged, as a partnership that mostly works does.
            var stale = await db.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKind.EntryShared && n.NeedsAcknowledgement && n.AcknowledgedAt == null).ToListAsync(ct);
            Assert.DoesNotContain(stale, n => n.CreatedAt < demo.Start.AddDays(-7));
            Assert.All(stale.GroupBy(n => n.RecipientProfessionalId), g => Assert.InRange(g.Count(), 1, 3));

            // A meeting is recorded once: no two records of the same kind of meeting about a child within a week.
            var held = (await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => e.Kind == EntryKinds.MeetingHeld.Code).ToListAsync(ct))
                .SelectMany(e => e.Subjects.Select(s => (s.PersonId, ((MeetingHeld)DetailsReader.ReadStored(e.Kind, e.Details)!).Type, e.When))).ToList();
            foreach (var group in held.GroupBy(h => (h.PersonId, h.Type)))
            {
                var times = group.Select(h => h.When).Order().ToList();
                for (var i = 1; i < times.Count; i++) Assert.True(times[i] - times[i - 1] >= TimeSpan.FromDays(7), $"{group.Key.Type} recorded twice in a week, on {times[i - 1]:d} and {times[i]:d}");
            }

            // The conference's chair and the social worker who arranged it are invited to it.
            var meeting = await db.Meetings.AsNoTracking().Include(m => m.Invitees).SingleAsync(m => m.Status == Core.Meetings.MeetingStatus.Scheduled, ct);
            Assert.Contains(meeting.Invitees, i => i.ProfessionalId == meeting.ChairProfessionalId && i.Invited);
            Assert.Contains(meeting.Invitees, i => i.ProfessionalId == meeting.OrganiserProfessionalId && i.Invited);
        }

        // The first start's escalation finds a few items just overdue, not a backlog.
        using var scope = Chronicle.Services.CreateScope();
        var pass = await Escalation.RunOnceAsync(scope.ServiceProvider, ct);
        Assert.InRange(pass.Acknowledgements, 0, 8);
    }

    /// <summary>The roles that do not open children's records, and so land on the partnership's own work.</summary>
    private static readonly ProfessionalRole[] OtherRoles =
        [ProfessionalRole.BusinessUnitOfficer, ProfessionalRole.Reviewer, ProfessionalRole.Scrutineer, ProfessionalRole.InformationGovernanceOfficer, ProfessionalRole.Administrator];

    /// <summary>The home page's piece of work of this title: its detail line.</summary>
    private static string WorkDetail(AngleSharp.Dom.IDocument home, string title) =>
        home.QuerySelectorAll("#other-work li").FirstOrDefault(li => li.QuerySelector("h2")?.TextContent.Trim() == title)?.QuerySelector("p")?.TextContent.Trim()
        ?? throw new Xunit.Sdk.XunitException($"The home page has no work titled {title}: {home.QuerySelector("#other-work")?.TextContent}");

    /// <summary>How many items a learning role's home page counts in one of its lists.</summary>
    private static int TrayCount(AngleSharp.Dom.IDocument home, string list) =>
        int.Parse(home.QuerySelector($".govuk-summary-list__row[data-list='{list}'] dd")?.TextContent.Trim()
            ?? throw new Xunit.Sdk.XunitException($"The home page counts no {list}: {home.QuerySelector("#other-work")?.TextContent}"), CultureInfo.InvariantCulture);

    private static int Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern, RegexOptions.CultureInvariant);
        Assert.True(match.Success, $"'{text}' does not say {pattern}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Each_role_that_does_not_work_with_children_lands_on_current_work_of_its_own_and_the_seed_reviews_are_published_history()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Chronicle.OpenDb();
        var people = await db.Professionals.AsNoTracking().Where(p => OtherRoles.Contains(p.Role)).ToListAsync(ct);
        Assert.Equal(OtherRoles.Order(), people.Select(p => p.Role).Distinct().Order());

        // The response actions the learning roles see: open ones past their deadline and due within 14 days.
        // Never those of a review held as history, whose state today its document cannot say.
        var open = await db.ResponseActions.AsNoTracking().Where(a => a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress)
            .Where(a => db.Reviews.Any(r => r.Id == a.ReviewId && r.Status != ReviewStatus.Draft && !(r.Status == ReviewStatus.Published && r.PublishedOn == null && r.DatesAsGiven != null)))
            .Select(a => a.Deadline).ToListAsync(ct);
        var pastDeadline = open.Count(d => d < Today);
        var dueSoon = open.Count(d => d >= Today && d <= Today.AddDays(14));
        Assert.True(pastDeadline > 0 && dueSoon > 0, $"{pastDeadline} actions past their deadline, {dueSoon} due soon");
        var incidentClocks = (await db.SeriousIncidents.AsNoTracking().ToListAsync(ct))
            .SelectMany(i => LearningClocks.ForIncident(i, Today, WorkingDayCalendar.EnglandAndWales)).Where(c => c.State == ClockState.Running).ToList();
        Assert.NotEmpty(incidentClocks);

        foreach (var professional in people)
        {
            var home = await BabyRApp.OpenAsync(await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(professional.Name)), "/");
            Assert.True(home.QuerySelector("#other-work") is not null, $"{professional.Role} does not land on the partnership's work");
            switch (professional.Role)
            {
                case ProfessionalRole.BusinessUnitOfficer:
                    Assert.Null(home.QuerySelector("#for-scrutiny"));
                    Assert.Equal(pastDeadline + dueSoon, TrayCount(home, "to-chase"));
                    Assert.Equal(pastDeadline, home.QuerySelectorAll("#tray-to-chase-list tbody tr").Count(r => r.TextContent.Contains("past its deadline", StringComparison.Ordinal)));
                    var incidents = home.QuerySelectorAll("#tray-incidents-list tbody tr").Select(r => r.TextContent).ToList();
                    Assert.Equal(incidentClocks.Count, incidents.Count(r => r.Contains(" due by ", StringComparison.Ordinal)));
                    Assert.Contains(Display.Date(incidentClocks.Min(c => c.Due)), incidents[0], StringComparison.Ordinal);
                    Assert.True(TrayCount(home, "in-progress") > 0);
                    break;
                case ProfessionalRole.Reviewer or ProfessionalRole.Scrutineer:
                    Assert.Null(home.QuerySelector("#learning-cycle"));
                    Assert.Equal(pastDeadline, TrayCount(home, "past-deadline"));
                    Assert.True(TrayCount(home, "impact") > 0);
                    break;
                case ProfessionalRole.InformationGovernanceOfficer:
                    Assert.Equal(await db.BreakGlassGrants.CountAsync(g => !db.BreakGlassReviews.Any(r => r.GrantId == g.Id), ct),
                        Number(WorkDetail(home, "Break-glass access to review"), @"(\d+) grants? to review"));
                    break;
                case ProfessionalRole.Administrator:
                    Assert.True(Number(WorkDetail(home, "Accounts"), @"(\d+) accounts?") > 0);
                    break;
            }
        }

        // The seeds are finished reviews, held as published history, with no day their documents do not give.
        var seeds = await db.Reviews.AsNoTracking().Where(r => r.SourceDocument != null && SeedLibrary.All.Select(d => d.File).Contains(r.SourceDocument)).ToListAsync(ct);
        Assert.Equal(SeedLibrary.All.Count, seeds.Count);
        Assert.All(seeds, r =>
        {
            Assert.Equal(ReviewStatus.Published, r.Status);
            Assert.Null(r.DecidedOn);
            Assert.Null(r.PublishedOn);
            Assert.Null(r.ReportCompletedOn);
            Assert.False(string.IsNullOrWhiteSpace(r.DatesAsGiven));
        });
        var list = await BabyRApp.OpenAsync(await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(people.First(p => p.Role == ProfessionalRole.Reviewer).Name)), "/learning");
        Assert.DoesNotContain("No decision date recorded", list.QuerySelector("#reviews")!.TextContent, StringComparison.Ordinal);

        // The scrutineer reads each review's figures as practice since it, said in words: never the history replayed as
        // the demo began (the seed cases years before, the live story up to the start), which raised these safeguards often.
        var scrutineer = await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(people.First(p => p.Role == ProfessionalRole.Scrutineer).Name));
        var replayed = 0;
        foreach (var review in await db.Reviews.AsNoTracking().Where(r => r.Status != ReviewStatus.Draft).ToListAsync(ct))
        {
            var page = await BabyRApp.OpenAsync(scrutineer, $"/learning/reviews/{review.Id}");
            var since = (await ImpactPeriod.OfAsync(db, review, ct)).Since;
            foreach (var row in page.QuerySelectorAll("#impact-figures tbody tr"))
            {
                var safeguard = row.GetAttribute("data-safeguard");
                Assert.Equal(await db.Alerts.CountAsync(a => a.SafeguardId == safeguard && a.RaisedAt >= since, ct), int.Parse(row.QuerySelectorAll("td")[1].TextContent, CultureInfo.InvariantCulture));
                replayed += await db.Alerts.CountAsync(a => a.SafeguardId == safeguard && a.RaisedAt < since, ct);
            }
            if (page.QuerySelector("#impact-figures") is not null) Assert.StartsWith("Alerts raised since", page.QuerySelector("#impact-period")!.TextContent.Trim(), StringComparison.Ordinal);
        }
        Assert.True(replayed > 0, "The demo's replay raised none of the reviews' safeguards: this test would not tell history from practice");
    }

    [Fact]
    public async Task Information_governance_finds_the_live_storys_break_glass_grant_to_review_and_reviews_it_once()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid grant;
        await using (var db = Chronicle.OpenDb())
        {
            // Someone outside the child's team, who works with children, asked for access with a reason, in the live story's time.
            var grants = await db.BreakGlassGrants.AsNoTracking().Where(g => !db.BreakGlassReviews.Any(r => r.GrantId == g.Id)).ToListAsync(ct);
            Assert.NotEmpty(grants);
            grant = grants[0].Id;
            Assert.All(grants, g => Assert.True(g.GrantedAt < demo.Start && g.GrantedAt > demo.Start.AddDays(-14), $"granted at {g.GrantedAt:u}"));
        }
        string governance, socialWorker;
        await using (var db = Chronicle.OpenDb())
        {
            governance = await db.Professionals.AsNoTracking().Where(p => p.Role == ProfessionalRole.InformationGovernanceOfficer).Select(p => p.Name).FirstAsync(ct);
            socialWorker = await db.Professionals.AsNoTracking().Where(p => p.Role == ProfessionalRole.SocialWorker).Select(p => p.Name).FirstAsync(ct);
        }
        var client = await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(governance));
        var home = await BabyRApp.OpenAsync(client, "/");
        var before = Number(WorkDetail(home, "Break-glass access to review"), @"(\d+) grants? to review");
        Assert.True(before > 0);
        var list = await BabyRApp.OpenAsync(client, "/break-glass/granted");
        Assert.NotNull(list.QuerySelector($"#grant-{grant} form"));

        // Nothing chosen, or a follow-up with no note: refused, naming the field, and nothing recorded.
        var none = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(client, "/break-glass/granted", new() { ["grantId"] = grant.ToString() }));
        Assert.Contains($"#outcome-{grant}", none.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        var followUp = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(client, "/break-glass/granted", new() { ["grantId"] = grant.ToString(), ["outcome"] = "FollowUp" }));
        Assert.Contains($"#note-{grant}", followUp.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));

        // Someone else may not review it.
        var lead = await Chronicle.SignInAsync(await Chronicle.UserNameOfAsync(socialWorker));
        Assert.Equal(HttpStatusCode.Forbidden, (await ChronicleApp.PostFormAsync(lead, "/break-glass/granted",
            new() { ["grantId"] = grant.ToString(), ["outcome"] = "Justified" }, formPage: "/")).StatusCode);
        await using (var db = Chronicle.OpenDb()) Assert.False(await db.BreakGlassReviews.AnyAsync(r => r.GrantId == grant, ct));

        // Reviewed: recorded once with who and when, audited, off the list to review, and the home page counts one fewer.
        var done = await ChronicleApp.PostFormAsync(client, "/break-glass/granted", new() { ["grantId"] = grant.ToString(), ["outcome"] = "Justified", ["note"] = "Checked the viewing history: read the plan and the team only." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await BabyRApp.OpenAsync(client, done.Headers.Location!.ToString());
        Assert.NotNull(after.QuerySelector(".govuk-notification-banner--success"));
        Assert.Null(after.QuerySelector($"#grant-{grant}"));
        Assert.Contains("Checked the viewing history", after.QuerySelector("#break-glass-grants")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before - 1, Number(WorkDetail(await BabyRApp.OpenAsync(client, "/"), "Break-glass access to review"), @"(\d+) grants? to review"));
        var again = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(client, "/break-glass/granted", new() { ["grantId"] = grant.ToString(), ["outcome"] = "FollowUp", ["note"] = "A second review" }));
        Assert.Contains("already been reviewed", again.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        await using (var db = Chronicle.OpenDb())
        {
            var review = Assert.Single(await db.BreakGlassReviews.AsNoTracking().Where(r => r.GrantId == grant).ToListAsync(ct));
            Assert.Equal(BreakGlassReviewOutcome.Justified, review.Outcome);
            var account = await db.UserAccounts.AsNoTracking().SingleAsync(a => a.Id == review.ReviewedByUserId, ct);
            Assert.Equal(governance, account.DisplayName);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == account.Id && a.Action == Core.Audit.AuditAction.Write && a.Detail!.StartsWith("break-glass grant reviewed"), ct));
        }
    }

    [Fact]
    public void The_demo_loads_each_family_and_each_professional_once()
    {
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        var professionals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var name = Path.GetFileName(file);
            var partnership = json.RootElement.GetProperty("partnership");
            var agencies = partnership.GetProperty("agencies").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("name").GetString()!);
            foreach (var p in partnership.GetProperty("professionals").EnumerateArray())
            {
                var who = $"{p.GetProperty("name").GetString()} of {agencies[p.GetProperty("agency").GetString()!]}";
                Assert.True(professionals.TryAdd(who, name), $"{who} is declared by {name} and by {professionals.GetValueOrDefault(who)}: the demo would make two accounts for one professional");
            }
            foreach (var p in json.RootElement.GetProperty("people").EnumerateArray())
            {
                string Field(string field) => p.TryGetProperty(field, out var v) ? v.ToString() : "";
                var who = $"{Field("knownAs")}|{Field("givenName")}|{Field("familyName")}|{Field("dateOfBirth")}|{Field("expectedDateOfDelivery")}";
                Assert.True(people.TryAdd(who, name), $"{who} is declared by {name} and by {people.GetValueOrDefault(who)}: the demo would hold one family twice");
            }
        }
    }
}
