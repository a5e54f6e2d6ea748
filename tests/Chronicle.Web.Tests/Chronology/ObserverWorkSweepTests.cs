using System.Collections.Concurrent;
using System.Net;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Chronology;

/// <summary>
/// The observers' sweep in the running app, with one more observer of every write registered beside Chronicle's own:
/// its work for one entry always fails, and for two others fails once. The two are finished by the sweep; the one is
/// tried <see cref="ObserverWork.MaxAttempts"/> times, each wait longer than the last, and then left, named in the log
/// by ids alone and counted on the administrator's home page; every other observer's work for all three is done.
/// </summary>
public sealed class ObserverWorkSweepTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private const string AlwaysFails = "Seen at the school gate with her mother; the work after this entry always fails";
    private const string FailsOnce = "Seen at the school gate; the work after this entry fails once";

    /// <summary>An observer of every write that refuses, by throwing, the entries the test chose by what they say.</summary>
    private sealed class Refuses : IChronologyObserver
    {
        public ConcurrentDictionary<Guid, int> Runs { get; } = new();

        public Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct)
        {
            var runs = Runs.AddOrUpdate(entry.Id, 1, (_, n) => n + 1);
            if (entry.Narrative == AlwaysFails || (entry.Narrative?.StartsWith(FailsOnce, StringComparison.Ordinal) == true && runs == 1))
                throw new InvalidOperationException($"Refused: {entry.Narrative}");
            return Task.CompletedTask;
        }
    }

    [Theory(Timeout = 240_000), MemberData(nameof(Providers))]
    public async Task Work_that_always_fails_for_one_entry_is_tried_a_bounded_number_of_times_with_growing_waits_while_every_other_entrys_work_is_done(Provider provider)
    {
        var clock = new SimulatedClock(DateTimeOffset.UtcNow);
        var refuses = new Refuses();
        await using var app = await ChronicleApp.StartAsync(provider, ["team-family.json"], settings: new()
        {
            ["Chronicle:ObserverWork:PollSeconds"] = "1",
            ["Chronicle:ObserverWork:GraceSeconds"] = "0",
        }, clock: clock, services: s => s.AddSingleton<IChronologyObserver>(refuses));
        Guid child;
        await using (var db = app.OpenDb()) child = await db.People.Where(p => p.KnownAs == "Child T").Select(p => p.Id).SingleAsync();
        using var worker = await app.SignInAsync(await app.UserNameOfAsync("Social worker (Family T)"));

        var stuck = await WriteAsync(app, worker, child, AlwaysFails);
        var once = new[] { await WriteAsync(app, worker, child, FailsOnce + " (1)"), await WriteAsync(app, worker, child, FailsOnce + " (2)") };
        Guid[] all = [stuck, .. once];

        // Straight after each write: the refused work waits for its first retry; Chronicle's own work is done.
        foreach (var entry in all)
        {
            var item = await ItemAsync(app, entry);
            Assert.Null(item.DoneAt);
            Assert.Equal(1, item.Attempts);
            Assert.Equal(nameof(InvalidOperationException), item.LastError);
            AssertNear(clock.GetUtcNow() + ObserverWork.RetryAfter(1), item.LeaseUntil);
        }
        await AssertOthersDoneAsync(app, all);

        // After the first wait the sweep finishes the two that fail once, and tries the third again.
        clock.Advance(ObserverWork.RetryAfter(1) + TimeSpan.FromSeconds(1));
        await UntilAsync(async () => (await Task.WhenAll(once.Select(e => ItemAsync(app, e)))).All(i => i.DoneAt is not null), "the work that failed once is done");
        await UntilFailedAsync(app, clock, stuck, 2);
        Assert.All(once, e => Assert.Equal(2, refuses.Runs[e]));

        // Each wait is longer than the last: not tried again before it runs out, and tried once it has.
        for (var attempts = 2; attempts < ObserverWork.MaxAttempts; attempts++)
        {
            Assert.True(ObserverWork.RetryAfter(attempts) > ObserverWork.RetryAfter(attempts - 1));
            if (attempts == 2)
            {
                clock.Advance(ObserverWork.RetryAfter(attempts) - TimeSpan.FromSeconds(5));
                await Task.Delay(TimeSpan.FromSeconds(3)); // three of the sweep's passes
                Assert.Equal(attempts, (await ItemAsync(app, stuck)).Attempts);
                clock.Advance(TimeSpan.FromSeconds(6));
            }
            else clock.Advance(ObserverWork.RetryAfter(attempts) + TimeSpan.FromSeconds(1));
            await UntilFailedAsync(app, clock, stuck, attempts + 1);
        }

        // The last attempt failed: a day later it has not been tried again, and it is still not done.
        await UntilAsync(() => Task.FromResult(app.Logs.Lines.Any(l => l.Contains("Stopped trying observer work", StringComparison.Ordinal))), "the stopped item is logged");
        clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var stopped = await ItemAsync(app, stuck);
        Assert.Equal(ObserverWork.MaxAttempts, stopped.Attempts);
        Assert.Null(stopped.DoneAt);
        Assert.Equal(ObserverWork.MaxAttempts, refuses.Runs[stuck]);

        // Logged once, by its ids and the kind of failure: nothing the entry says, nor the child's name.
        var line = Assert.Single(app.Logs.Lines, l => l.Contains("Stopped trying observer work", StringComparison.Ordinal));
        Assert.StartsWith("Error:", line, StringComparison.Ordinal);
        Assert.Contains(stuck.ToString(), line, StringComparison.Ordinal);
        Assert.Contains(nameof(Refuses), line, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), line, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("school gate", StringComparison.Ordinal) || l.Contains("Child T", StringComparison.Ordinal));

        // Every other observer's work for all three entries was done, the stuck one's included.
        await AssertOthersDoneAsync(app, all);

        // The administrator's home page counts it.
        using var administrator = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));
        var home = WebUtility.HtmlDecode(await administrator.GetStringAsync("/"));
        Assert.Contains($"1 item stopped after {ObserverWork.MaxAttempts} failed attempts ({nameof(Refuses)}: 1)", home);
    }

    private static async Task<Guid> WriteAsync(ChronicleApp app, HttpClient client, Guid child, string narrative) =>
        await app.CreateAsync(client, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text = "Seen with her mother at the school gate" },
            narrative,
            occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact",
            subjects = new[] { child },
            source = "seen-by-recorder",
        });

    private static async Task<ObserverWorkItem> ItemAsync(ChronicleApp app, Guid entry)
    {
        await using var db = app.OpenDb();
        return await db.Set<ObserverWorkItem>().AsNoTracking().SingleAsync(w => w.EntryId == entry && w.Work == nameof(Refuses));
    }

    /// <summary>Every item of Chronicle's own observers for these entries (and the shares they led to) is done.</summary>
    private static async Task AssertOthersDoneAsync(ChronicleApp app, Guid[] entries)
    {
        await using var db = app.OpenDb();
        var items = await db.Set<ObserverWorkItem>().AsNoTracking().Where(w => entries.Contains(w.EntryId) && w.Work != nameof(Refuses)).ToListAsync();
        Assert.Equal(entries.Length * 3, items.Count);
        Assert.All(items, i => Assert.NotNull(i.DoneAt));
        Assert.Equal(entries.Length, await db.Set<ObserverWorkItem>().CountAsync(w => entries.Contains(w.EntryId) && w.Work == "SafeguardEngine" && w.DoneAt != null));
    }

    /// <summary>
    /// Until the item's attempt number <paramref name="attempts"/> (the second or a later one) has failed: it then
    /// waits <see cref="ObserverWork.RetryAfter"/> from the failure, where a run still going holds its claim for the lease.
    /// </summary>
    private static async Task UntilFailedAsync(ChronicleApp app, SimulatedClock clock, Guid entry, int attempts)
    {
        await UntilAsync(async () => await ItemAsync(app, entry) is { } item && item.Attempts == attempts && Near(clock.GetUtcNow() + ObserverWork.RetryAfter(attempts), item.LeaseUntil),
            $"attempt {attempts} fails");
        var failed = await ItemAsync(app, entry);
        Assert.Null(failed.DoneAt);
        Assert.Equal(nameof(InvalidOperationException), failed.LastError);
    }

    private static bool Near(DateTimeOffset expected, DateTimeOffset? actual) => actual is { } at && (at - expected).Duration() < TimeSpan.FromMilliseconds(1);

    private static void AssertNear(DateTimeOffset expected, DateTimeOffset? actual) =>
        Assert.True(Near(expected, actual), $"expected {expected:O}, found {actual:O}");

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited a minute and still not: {what}");
            await Task.Delay(200);
        }
    }
}
