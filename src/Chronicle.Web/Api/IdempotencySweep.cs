using Chronicle.Core.Persistence;

namespace Chronicle.Web.Api;

/// <summary>
/// Purges idempotency records older than their lifetime (<see cref="Idempotency.Lifetime"/>): a stored answer can hold
/// personal data, and is kept no longer than a retry needs it. At start and then every
/// <c>Chronicle:Idempotency:PurgeMinutes</c> (15 by default).
/// </summary>
public sealed class IdempotencySweep(IConfiguration configuration, DatabaseSettings database, TimeProvider clock, ILogger<IdempotencySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMinutes(configuration.GetValue("Chronicle:Idempotency:PurgeMinutes", 15.0) is var m && m > 0 ? m : 15);
        var lifetime = Idempotency.Lifetime(configuration);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = new ChronicleDb(database.Options());
                var purged = await Idempotency.PurgeAsync(db, clock.GetUtcNow() - lifetime, stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired idempotency records", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Purging expired idempotency records failed ({Error}); trying again at the next pass", ex.GetType().Name);
            }
            try { await Task.Delay(every, clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
