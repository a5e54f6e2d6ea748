using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Delivery;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chronicle.Web.TeamAroundChild;

/// <summary>
/// The team around the child in the web app: the sharing and action observers, the team's services, and the
/// background work (sending the email outbox, escalating what is overdue).
/// </summary>
public static class TeamSetup
{
    public static void AddChronicleTeam(this IServiceCollection services)
    {
        // Observers run in the order registered, except the safeguards, whose work waits for theirs: sharing writes
        // through a chronology that runs every observer, so one evaluation of each child sees the entry and its shares.
        services.AddSingleton<IChronologyObserver>(sp => new SharingObserver(
            db => new ChronologyService(db, sp.GetRequiredService<TimeProvider>(), sp.GetServices<IChronologyObserver>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChronologyObserver>(sp => new ActionTracker(sp.GetRequiredService<TimeProvider>()));

        services.AddScoped<TeamService>();
        services.AddScoped<SharingService>();
        services.AddScoped<MeetingService>();
        services.AddScoped<PlanService>();
        services.AddScoped<ActionService>();
        services.AddScoped<SupervisionService>();
        services.TryAddScoped<AlertService>();
        services.AddScoped<ClosureService>();
        services.AddScoped<TeamPolicyService>();
        services.AddScoped<CaseEntries>();
        services.AddScoped<StaffAbsences>();
        services.AddScoped<CasePages>();
        services.AddScoped<Forms.ProfessionalChoices>();

        services.AddSingleton(sp => TeamBackground.Settings(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddHostedService<OutboxDelivery>();
        services.AddHostedService<EscalationTimer>();
    }
}

/// <summary>
/// How the background work runs: <c>Chronicle:Delivery:Enabled</c> and <c>Chronicle:Escalation:Enabled</c> (both on
/// unless set to false), <c>Chronicle:Delivery:Folder</c> (where the folder transport writes, <c>data/outbox</c> by
/// default), <c>Chronicle:Delivery:From</c>, <c>Chronicle:Delivery:PollSeconds</c> (how often the outbox is checked, 10 by default), and <c>Chronicle:Escalation:Minutes</c> (how often escalation runs).
/// </summary>
public sealed record TeamBackgroundSettings(bool DeliveryEnabled, string Folder, string From, TimeSpan DeliveryPoll, bool EscalationEnabled, TimeSpan EscalationInterval);

public static class TeamBackground
{
    public static TeamBackgroundSettings Settings(IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = configuration["Chronicle:Delivery:Folder"] is { Length: > 0 } configured ? configured : Path.Combine("data", "outbox");
        var minutes = int.TryParse(configuration["Chronicle:Escalation:Minutes"], out var m) && m > 0 ? m : 15;
        var poll = int.TryParse(configuration["Chronicle:Delivery:PollSeconds"], out var s) && s > 0 ? s : 10;
        return new TeamBackgroundSettings(
            !string.Equals(configuration["Chronicle:Delivery:Enabled"], "false", StringComparison.OrdinalIgnoreCase),
            Path.GetFullPath(folder, environment.ContentRootPath),
            configuration["Chronicle:Delivery:From"] is { Length: > 0 } from ? from : new DeliveryOptions().From,
            TimeSpan.FromSeconds(poll),
            !string.Equals(configuration["Chronicle:Escalation:Enabled"], "false", StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromMinutes(minutes));
    }
}

/// <summary>Sends the email outbox while the web app runs, through the folder transport (see docs/team-and-sharing.md, Delivery).</summary>
public sealed class OutboxDelivery(TeamBackgroundSettings settings, DatabaseSettings database, TimeProvider clock, ILogger<OutboxDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.DeliveryEnabled) return;
        var worker = new DeliveryWorker(() => new ChronicleDb(database.Options()), new FolderMailTransport(settings.Folder), clock, new DeliveryOptions { From = settings.From, PollInterval = settings.DeliveryPoll });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await worker.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The outbox keeps what was not sent; the next pass tries again.
                logger.LogError("Sending the outbox failed ({Error}); trying again in a minute", ex.GetType().Name);
                try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}

/// <summary>Escalates overdue acknowledgements and actions on the clock, every few minutes, for every partnership.</summary>
public sealed class EscalationTimer(TeamBackgroundSettings settings, IServiceScopeFactory scopes, TimeProvider clock, ILogger<EscalationTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.EscalationEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var done = await Escalation.RunOnceAsync(scope.ServiceProvider, stoppingToken);
                if (done.Acknowledgements + done.Actions > 0)
                    logger.LogInformation("Escalated {Acknowledgements} overdue acknowledgements and {Actions} overdue actions", done.Acknowledgements, done.Actions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Escalation failed ({Error}); it runs again at the next interval", ex.GetType().Name);
            }
            try { await Task.Delay(settings.EscalationInterval, clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>What one escalation pass did.</summary>
public sealed record EscalationPass(int Acknowledgements, int Actions);

/// <summary>One pass of escalation over every partnership: shared information not acknowledged in time, and overdue actions.</summary>
public static class Escalation
{
    public static Task<EscalationPass> RunOnceAsync(IServiceProvider services, CancellationToken ct = default) =>
        RunOnceAsync(services.GetRequiredService<ChronicleDb>(), services.GetRequiredService<SharingService>(), services.GetRequiredService<ActionService>(), ct);

    public static async Task<EscalationPass> RunOnceAsync(ChronicleDb db, SharingService sharing, ActionService actions, CancellationToken ct = default)
    {
        int acknowledgements = 0, overdue = 0;
        foreach (var partnershipId in db.Partnerships.Select(p => p.Id).ToList())
        {
            acknowledgements += await sharing.EscalateOverdueAsync(partnershipId, ct);
            overdue += await actions.EscalateOverdueAsync(partnershipId, ct);
            // What was dealt with another way (an action withdrawn by a correction, an absence's actions done) leaves the lists too.
            await sharing.SettleEscalationsAsync(partnershipId, ct);
        }
        return new EscalationPass(acknowledgements, overdue);
    }
}
