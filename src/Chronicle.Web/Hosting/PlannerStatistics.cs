using Chronicle.Core.Persistence;

namespace Chronicle.Web.Hosting;

/// <summary>
/// Keeps SQLite's query planner statistics current (<see cref="DatabaseStatistics"/>): refreshed as the database is
/// prepared at start (<see cref="ChronicleHost.PrepareDatabaseAsync"/>, before any request), then every
/// Chronicle:Database:StatisticsMinutes (60 unless set), so a partnership whose record grows, or a list linked by
/// the command line, is planned for as it now is. PostgreSQL keeps its own.
/// </summary>
public sealed class PlannerStatistics(DatabaseSettings database, IConfiguration configuration, ILogger<PlannerStatistics> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.UsesPostgres) return;
        var every = TimeSpan.FromMinutes(int.TryParse(configuration["Chronicle:Database:StatisticsMinutes"], out var m) && m > 0 ? m : 60);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(every, stoppingToken); } catch (OperationCanceledException) { return; }
            try
            {
                await using var db = new ChronicleDb(database.Options());
                await DatabaseStatistics.RefreshAsync(db, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Refreshing the query planner's statistics failed ({Error}); trying again later", ex.GetType().Name);
            }
        }
    }
}
