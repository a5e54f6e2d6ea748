extern alias web;

using System.Data.Common;
using System.Text.Json;
using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using AlertFilter = web::Chronicle.Web.Alerts.AlertFilter;
using AlertGroup = web::Chronicle.Web.Alerts.AlertGroup;
using AlertList = web::Chronicle.Web.Alerts.AlertList;
using ChildAccess = web::Chronicle.Web.Security.ChildAccess;
using CurrentUser = web::Chronicle.Web.Security.CurrentUser;
using MyAlerts = web::Chronicle.Web.Alerts.MyAlerts;
using SignedInUser = web::Chronicle.Web.Security.SignedInUser;
using Tray = web::Chronicle.Web.WorkTray.Tray;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// A home page (the work tray of a social worker, a team manager and the front door) and a practitioner's My alerts
/// read each list with a bounded number of queries: on two generated partnerships, one three times the size of the
/// other, every child of each on the callers' caseloads and with the safeguards' alerts raised, each page makes the
/// same number of statements. The tray's alerts read their texts for the events it shows, exactly as the texts read
/// for all of the user's alerts give them; and the names withheld around many children read together are those the
/// per-person question (<c>MaySeePersonAsync</c>) withholds around each child alone.
/// </summary>
public sealed class HomePageStatementsTests(ITestOutputHelper output)
{
    private static readonly string[] Roles = ["socialWorker", "teamManager", "frontDoor"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_home_pages_statements_do_not_grow_with_the_children_of_the_partnership(Provider provider)
    {
        var small = await StatementsAsync(provider, 20);
        var large = await StatementsAsync(provider, 60);

        var counts = string.Join("; ", small.Keys.Select(page => $"{page}: {small[page]} statements with 20 children, {large[page]} with 60"));
        output.WriteLine(counts);
        Assert.True(small.Keys.All(page => small[page] == large[page]), counts);
    }

    /// <summary>The statements each role's home page and the social worker's My alerts make, on a generated partnership of this size with its alerts raised.</summary>
    private async Task<Dictionary<string, int>> StatementsAsync(Provider provider, int size)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var users = (await Synth.WriteAsync(database, size)).GetProperty("users");
        await RaiseAlertsAsync(database);
        await EveryChildOnTheCaseloadsAsync(database, users);

        var counter = new StatementCounter();
        await using var app = new SynthApp(database, counter);
        var counts = new Dictionary<string, int>();
        var alertsSeen = 0;
        foreach (var role in Roles)
        {
            await using (var scope = app.SignedIn(await AccountAsync(database, users, role)))
            {
                var (db, access, user, now) = await RequestAsync(scope, counter);
                var tray = await Tray.LoadAsync(db, user.Account.PartnershipId, user, access, scope.ServiceProvider.GetRequiredService<SharingService>(),
                    scope.ServiceProvider.GetRequiredService<ActionService>(), now);
                counts[$"home page, {role}"] = counter.Count;
                alertsSeen += tray.Alerts.Total;
            }
            if (role != "socialWorker") continue;
            await using (var scope = app.SignedIn(await AccountAsync(database, users, role)))
            {
                var (db, access, user, now) = await RequestAsync(scope, counter);
                await AlertList.LoadAsync(db, access, user.Account.PartnershipId, new AlertFilter(null, null, null, false, null, 1), user.Professional!.Id, now, MyAlerts.TakesUnowned(user));
                counts[$"my alerts, {role}"] = counter.Count;
            }
        }
        Assert.True(alertsSeen > 0, $"no home page showed an alert with {size} children");
        return counts;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_trays_alerts_are_those_of_all_the_users_alerts_with_their_texts(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var users = (await Synth.WriteAsync(database, 40)).GetProperty("users");
        await RaiseAlertsAsync(database);
        await EveryChildOnTheCaseloadsAsync(database, users);

        await using var app = new SynthApp(database);
        var compared = 0;
        foreach (var role in Roles)
        {
            var account = await AccountAsync(database, users, role);
            List<string> shown;
            await using (var scope = app.SignedIn(account))
            {
                var (db, access, user, now) = await RequestAsync(scope, null);
                var tray = await Tray.LoadAsync(db, user.Account.PartnershipId, user, access, scope.ServiceProvider.GetRequiredService<SharingService>(),
                    scope.ServiceProvider.GetRequiredService<ActionService>(), now);
                shown = [.. tray.Alerts.Shown.Select(Describe)];
                Assert.True(tray.Alerts.Total >= shown.Count);
            }
            // Every one of the user's alerts with its texts, in a request of its own, grouped into events as the tray groups them.
            await using (var scope = app.SignedIn(account))
            {
                var (db, access, user, now) = await RequestAsync(scope, null);
                var all = await MyAlerts.LoadAsync(db, user.Account.PartnershipId, user, access, now);
                var events = AlertGroup.Of(all.Visible, now).OrderBy(g => g.DueAt).ThenBy(g => g.RaisedAt).ToList();
                Assert.Equal([.. events.Take(Tray.Limit).Select(Describe)], shown);
            }
            compared += shown.Count;
        }
        Assert.True(compared > 0, "no tray showed an alert");

        // The names withheld around every child read together, against the per-person question asked around each child alone.
        List<Guid> children;
        await using (var db = database.Open())
            children = await db.People.Where(p => p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        int hidden = 0, shownPeople = 0;
        foreach (var role in Roles)
        {
            var account = await AccountAsync(database, users, role);
            IReadOnlyDictionary<Guid, WithheldNames> together;
            await using (var scope = app.SignedIn(account))
                together = await scope.ServiceProvider.GetRequiredService<ChildAccess>().NamesWithheldAroundAsync(children);
            foreach (var child in children)
            {
                await using var scope = app.SignedIn(account);
                var (db, access, user, _) = await RequestAsync(scope, null);
                var circle = await Family.AroundChildAsync(db, child);
                var people = await db.People.Where(p => p.PartnershipId == user.Account.PartnershipId && circle.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
                foreach (var person in people)
                {
                    var maySee = await access.MaySeePersonAsync(person);
                    Assert.True(maySee != together[child].Hides(person), $"{role}: {person} around {child} is {(maySee ? "seen" : "hidden")} alone");
                    if (maySee) shownPeople++; else hidden++;
                }
            }
        }
        Assert.True(hidden > 0 && shownPeople > 0, $"{hidden} people hidden and {shownPeople} seen: the comparison needs both");
    }

    /// <summary>
    /// Every child of the partnership on the callers' caseloads: the social worker involved with each (managed by the
    /// team manager, who sees them through them), half of the open alerts the social worker's and the other half no
    /// one's (the team manager's and the front door's to take), and a contact about each waiting for the front door.
    /// </summary>
    private static async Task EveryChildOnTheCaseloadsAsync(TestDatabase database, JsonElement users)
    {
        await using var db = database.Open();
        var now = DateTimeOffset.UtcNow;
        var socialWorker = users.GetProperty("socialWorker").GetString()!;
        var teamManager = users.GetProperty("teamManager").GetString()!;
        var worker = await db.Professionals.SingleAsync(p => p.Id == db.UserAccounts.Single(a => a.UserName == socialWorker).ProfessionalId);
        worker.ManagerId = (await db.UserAccounts.SingleAsync(a => a.UserName == teamManager)).ProfessionalId;
        var children = await db.People.Where(p => p.PartnershipId == worker.PartnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).ToListAsync();
        foreach (var (child, i) in children.Select((c, i) => (c, i)))
        {
            db.Involvements.Add(new Involvement
            {
                Id = Guid.NewGuid(), PartnershipId = worker.PartnershipId, PersonId = child.Id, AgencyId = worker.AgencyId, ProfessionalId = worker.Id,
                Role = "Social worker", From = WorkingDayCalendar.UkDate(now).AddDays(-30), RecordedAt = now,
            });
            var entry = await db.Entries.Where(e => e.Subjects.Any(s => s.PersonId == child.Id)).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            db.OpenContacts.Add(new OpenContact { ContactEntryId = entry, PersonId = child.Id, PartnershipId = worker.PartnershipId, ReceivedAt = now.AddDays(-i - 1) });
        }
        var open = await db.Alerts.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged).OrderBy(a => a.Id).ToListAsync();
        foreach (var (alert, i) in open.Select((a, i) => (a, i))) alert.OwnerProfessionalId = i % 2 == 0 ? worker.Id : null;
        await db.SaveChangesAsync();
    }

    /// <summary>An event as the tray shows it: its safeguard, children, owners, due time and each alert's texts for the reader.</summary>
    private static string Describe(AlertGroup group) =>
        $"{group.SafeguardId} {group.ChildNames} ({string.Join(", ", group.Owners)}) due {group.DueAt:O} overdue {group.Overdue}: "
        + string.Join(" | ", group.Alerts.Select(a => $"{a.Id} {a.Summary} / {a.AskFor}"));

    /// <summary>The safeguards run over every child, as the hosted sweep's first pass does.</summary>
    private static async Task RaiseAlertsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var children = await db.People.Where(p => p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        await new SafeguardEngine(new SimulatedClock(DateTimeOffset.UtcNow)).EvaluateChildrenAsync(db, children);
    }

    private static async Task<UserAccount> AccountAsync(TestDatabase database, JsonElement users, string role)
    {
        await using var db = database.Open();
        var name = users.GetProperty(role).GetString()!;
        return await db.UserAccounts.AsNoTracking().SingleAsync(a => a.UserName == name);
    }

    /// <summary>What a request reads with, its statements counted from here (the signed-in user's first read among them).</summary>
    private static async Task<(ChronicleDb Db, ChildAccess Access, SignedInUser User, DateTimeOffset Now)> RequestAsync(AsyncServiceScope scope, StatementCounter? counter)
    {
        var db = scope.ServiceProvider.GetRequiredService<ChronicleDb>();
        counter?.Watch(db);
        var user = await scope.ServiceProvider.GetRequiredService<CurrentUser>().RequireAsync();
        return (db, scope.ServiceProvider.GetRequiredService<ChildAccess>(), user, DateTimeOffset.UtcNow);
    }

}

/// <summary>Counts the statements (reads and writes) one context executes.</summary>
internal sealed class StatementCounter : DbCommandInterceptor
{
    private DbContext? _watched;
    public int Count { get; private set; }

    /// <summary>Counts this context's statements from now, from zero.</summary>
    public void Watch(DbContext context) => (_watched, Count) = (context, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(eventData);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(eventData);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(eventData);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Counted(CommandEventData eventData)
    {
        if (ReferenceEquals(eventData.Context, _watched)) Count++;
    }
}
