using Chronicle.Core.Persistence;

namespace Chronicle.Web.Security;

/// <summary>
/// Purges ended and expired sessions and old sign-in counts (<see cref="SessionStore.PurgeAsync"/>): a session's row
/// is kept <c>Chronicle:Session:KeepEndedHours</c> (24 by default) after it ended, then goes; a sign-in count goes once
/// its window (<c>Chronicle:SignIn:Window</c>) has passed. At start and then every <c>Chronicle:Session:PurgeMinutes</c>
/// (15 by default).
/// </summary>
public sealed class SessionSweep(IConfiguration configuration, DatabaseSettings database, SessionSettings sessions, SignInSettings signIn, TimeProvider clock, ILogger<SessionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMinutes(configuration.GetValue("Chronicle:Session:PurgeMinutes", 15.0) is var m && m > 0 ? m : 15);
        var keep = TimeSpan.FromHours(configuration.GetValue("Chronicle:Session:KeepEndedHours", 24.0) is var h && h >= 0 ? h : 24);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = new ChronicleDb(database.Options());
                var (ended, counts) = await SessionStore.PurgeAsync(db, clock.GetUtcNow(), sessions, signIn.Window, keep, stoppingToken);
                if (ended + counts > 0) logger.LogInformation("Purged {Sessions} ended sessions and {Counts} old sign-in counts", ended, counts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Purging ended sessions failed ({Error}); trying again at the next pass", ex.GetType().Name);
            }
            try { await Task.Delay(every, clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
