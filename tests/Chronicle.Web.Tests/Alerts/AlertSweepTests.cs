using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// The background sweep's one pass, on Baby R's story in a real database with a simulated clock: an alert that
/// becomes overdue is escalated to its owner's manager, once. The hosted service itself is off in tests.
/// </summary>
public sealed class AlertSweepTests : IAsyncLifetime
{
    private ChronicleApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/baby-r.json"]);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_alert_that_becomes_overdue_is_escalated_to_the_owners_manager_by_the_next_pass_and_only_once()
    {
        Alert timescale;
        Guid manager;
        await using (var db = _app.OpenDb())
        {
            var babyR = await db.People.Where(p => p.KnownAs == "Baby R").Select(p => p.Id).SingleAsync();
            // An open alert whose owner's manager may open Baby R when it falls due (escalation goes only to a
            // manager who may open the child; the team of the story's early days is not its later one).
            var candidates = (await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == babyR && a.Status == AlertStatus.Open).ToListAsync())
                .OrderBy(a => a.SafeguardId, StringComparer.Ordinal).ThenBy(a => a.CauseKey, StringComparer.Ordinal).ToList();
            (Alert Alert, Guid Manager)? chosen = null;
            foreach (var a in candidates)
            {
                var owner = await db.Professionals.AsNoTracking().SingleAsync(p => p.Id == a.OwnerProfessionalId);
                if (owner.ManagerId is not { } m) continue;
                var facts = (await ChildAccessReader.FactsAsync(db, babyR, a.DueAt.AddHours(1), TestContext.Current.CancellationToken))!;
                var viewers = await ChildAccessReader.ViewersAsync(db, [m], TestContext.Current.CancellationToken);
                if (viewers.TryGetValue(m, out var theirs) && ChildAccessReader.Widest(theirs, facts).Basis != AccessBasis.None) { chosen = (a, m); break; }
            }
            Assert.NotNull(chosen);
            (timescale, manager) = chosen.Value;
        }
        var clock = new SimulatedClock(timescale.DueAt.AddHours(-6));
        var sweep = Sweep(clock);

        var before = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        var notYet = await AlertAsync(timescale.Id);
        clock.Set(timescale.DueAt.AddHours(1));
        var due = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        var again = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, before.Partnerships);
        Assert.Null(notYet.EscalatedAt);
        var escalated = await AlertAsync(timescale.Id);
        Assert.Equal(timescale.DueAt.AddHours(1), escalated.EscalatedAt);
        Assert.Equal(manager, escalated.EscalatedToProfessionalId);
        Assert.True(escalated.IsOpen);
        Assert.True(due.Escalated >= 1);
        Assert.Equal(0, again.Escalated);
        await using var check = _app.OpenDb();
        var events = await check.AlertEvents.AsNoTracking().Where(e => e.AlertId == timescale.Id && e.Type == AlertEventType.Escalated).ToListAsync();
        Assert.Equal(manager, Assert.Single(events).ToProfessionalId);
    }

    [Fact]
    public async Task The_escalated_alert_appears_in_the_managers_alerts()
    {
        var clock = new SimulatedClock(TimeProvider.System.GetUtcNow());
        await Sweep(clock).RunOnceAsync(TestContext.Current.CancellationToken);

        var manager = await _app.SignInAsync(await _app.UserNameOfAsync("Team manager (Baby R)"));
        var page = await BabyRApp.OpenAsync(manager, "/alerts/mine");

        var cards = page.QuerySelectorAll("#alerts-list .app-alert-group").ToList();
        Assert.NotEmpty(cards);
        Assert.Contains(cards, c => BabyRApp.Row(c, "Why it is yours") == "Escalated to you: owned by Social worker (Baby R)");
    }

    [Fact]
    public void The_hosted_sweep_is_off_in_tests_and_runs_every_five_minutes_by_default()
    {
        var sweep = _app.Services.GetRequiredService<AlertSweep>();
        var defaults = new AlertSweep(_app.Services.GetRequiredService<IServiceScopeFactory>(), new SafeguardEngine(TimeProvider.System), TimeProvider.System,
            new ConfigurationBuilder().Build(), _app.Services.GetRequiredService<ILogger<AlertSweep>>());

        Assert.False(sweep.Enabled);
        Assert.True(defaults.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.Interval);
    }

    [Fact]
    public async Task A_pass_logs_counts_and_nothing_about_a_child()
    {
        var clock = new SimulatedClock(TimeProvider.System.GetUtcNow());
        var sweep = new AlertSweep(_app.Services.GetRequiredService<IServiceScopeFactory>(), new SafeguardEngine(clock), clock,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AlertSweep.IntervalSetting] = "1" }).Build(),
            _app.Services.GetRequiredService<ILogger<AlertSweep>>());

        var result = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromMinutes(1), sweep.Interval);
        Assert.Contains(_app.Logs.Lines, l => l.Contains($"Safeguard sweep: 1 partnerships, {result.Evaluated} children due evaluated, {result.Raised} alerts raised, {result.Escalated} escalated", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("Baby R", StringComparison.Ordinal) || l.Contains("Social worker", StringComparison.Ordinal));
    }

    private AlertSweep Sweep(SimulatedClock clock) => new(
        _app.Services.GetRequiredService<IServiceScopeFactory>(), new SafeguardEngine(clock), clock,
        _app.Services.GetRequiredService<IConfiguration>(), _app.Services.GetRequiredService<ILogger<AlertSweep>>());

    private async Task<Alert> AlertAsync(Guid id)
    {
        await using var db = _app.OpenDb();
        return await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
