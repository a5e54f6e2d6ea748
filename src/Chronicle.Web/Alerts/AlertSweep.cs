using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>How many children one pass of the sweep evaluated, and how many alerts it raised and escalated, over how many partnerships.</summary>
public sealed record SweepResult(int Partnerships, int Evaluated, int Raised, int Escalated);

/// <summary>
/// The safeguards' clock: every few minutes (Chronicle:Alerts:SweepMinutes, 5 by default) evaluates the children of
/// every partnership whose next check has come (<see cref="NextCheck"/>), so that a timescale that passes with nothing
/// written still raises its alert, and escalates
/// every open alert past its due time to the owner's manager. Chronicle:Alerts:Sweep = false turns it off (the tests
/// do, and call <see cref="RunOnceAsync"/> themselves). It logs counts only, never a child or a professional.
/// </summary>
public sealed class AlertSweep(IServiceScopeFactory scopes, SafeguardEngine engine, TimeProvider clock, IConfiguration configuration, ILogger<AlertSweep> logger) : BackgroundService
{
    public const string EnabledSetting = "Chronicle:Alerts:Sweep";
    public const string IntervalSetting = "Chronicle:Alerts:SweepMinutes";
    public const int DefaultMinutes = 5;

    public bool Enabled => configuration.GetValue(EnabledSetting, true);

    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue(IntervalSetting, DefaultMinutes)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("The safeguard sweep is turned off ({Setting})", EnabledSetting);
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again; the exception's type only, since a message could quote data.
                    logger.LogError("The safeguard sweep failed ({Error}); it will run again in {Minutes} minutes", ex.GetType().Name, Interval.TotalMinutes);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: every partnership's children due evaluated at the clock's time, then overdue alerts escalated.</summary>
    public async Task<SweepResult> RunOnceAsync(CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChronicleDb>();
        var alerts = new AlertService(db, engine, clock);
        var partnerships = await db.Partnerships.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        int evaluated = 0, raised = 0, escalated = 0;
        foreach (var partnership in partnerships)
        {
            var swept = await engine.SweepAsync(db, partnership, ct);
            evaluated += swept.Evaluated;
            raised += swept.Raised;
            escalated += await alerts.EscalateOverdueAsync(partnership, ct);
        }
        logger.LogInformation("Safeguard sweep: {Partnerships} partnerships, {Evaluated} children due evaluated, {Raised} alerts raised, {Escalated} escalated in {Seconds:F1} s",
            partnerships.Count, evaluated, raised, escalated, clock.GetElapsedTime(started).TotalSeconds);
        return new SweepResult(partnerships.Count, evaluated, raised, escalated);
    }
}
