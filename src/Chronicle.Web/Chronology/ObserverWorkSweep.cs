using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;

namespace Chronicle.Web.Chronology;

/// <summary>
/// Finishes the observers' work that writes left behind (observer_work): at start, what a crash interrupted, and then
/// every few seconds anything a failure left. A request runs its own work straight after its commit, so the sweep only
/// takes work older than a grace period. <c>Chronicle:ObserverWork:Enabled</c> (on unless false),
/// <c>Chronicle:ObserverWork:PollSeconds</c> (5 by default) and <c>Chronicle:ObserverWork:GraceSeconds</c> (30 by default).
/// Work that fails is tried again later and later, <see cref="ObserverWork.MaxAttempts"/> times in all; an item that
/// fails its last attempt is logged once (ids and the kind of failure, no personal data) and counted on the
/// administrator's home page.
/// </summary>
public sealed class ObserverWorkSweep(IConfiguration configuration, DatabaseSettings database, IEnumerable<IChronologyObserver> observers, TimeProvider clock, ILogger<ObserverWorkSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(configuration["Chronicle:ObserverWork:Enabled"], "false", StringComparison.OrdinalIgnoreCase)) return;
        var poll = TimeSpan.FromSeconds(int.TryParse(configuration["Chronicle:ObserverWork:PollSeconds"], out var p) && p > 0 ? p : 5);
        var grace = TimeSpan.FromSeconds(int.TryParse(configuration["Chronicle:ObserverWork:GraceSeconds"], out var g) && g >= 0 ? g : 30);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int done;
                do
                {
                    await using var db = new ChronicleDb(database.Options());
                    var pass = await ObserverWork.SweepAsync(db, observers, clock, grace, 100, stoppingToken);
                    done = pass.Done;
                    if (done > 0) logger.LogInformation("Finished the observers' work of {Count} earlier writes", done);
                    foreach (var stopped in pass.Stopped)
                        logger.LogError("Stopped trying observer work {Work} (item {ItemId}, entry {EntryId}) after {Attempts} failed attempts, the last {Error}; it stays on record, not done",
                            stopped.Work, stopped.Id, stopped.EntryId, stopped.Attempts, stopped.LastError ?? "not recorded");
                } while (done > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Finishing the observers' work failed ({Error}); trying again at the next pass", ex.GetType().Name);
            }
            try { await Task.Delay(poll, clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
