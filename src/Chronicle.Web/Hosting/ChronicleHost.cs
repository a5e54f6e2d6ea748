using Chronicle.Core;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Api;
using Chronicle.Web.Chronology;
using Chronicle.Web.Identity;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Record;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Hosting;

/// <summary>How the web app is put together: services, start-up work, middleware and endpoints.</summary>
public static class ChronicleHost
{
    public static void AddChronicle(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // Settings are read when first needed, so that configuration added by a host (tests, a later sign-in) counts.
        services.AddSingleton(sp => DatabaseSetup.Settings(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddDbContext<ChronicleDb>((sp, options) => sp.GetRequiredService<DatabaseSettings>().Configure(options));
        services.AddScoped<RecordService>();
        services.AddSingleton(sp => new SafeguardEngine(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChronologyObserver>(sp => sp.GetRequiredService<SafeguardEngine>());
        services.AddScoped<ChronologyService>();
        services.AddHostedService<ObserverWorkSweep>();
        services.AddHostedService<IdempotencySweep>();
        services.AddScoped<CurrentPartnership>();
        services.AddSingleton<DemoPartnership>();
        services.AddHostedService<AuditCheckpointing>();
        services.AddHostedService<PlannerStatistics>();

        services.Configure<JsonOptions>(o => ChronicleJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Chronicle API";
            document.Info.Description = "One multi-agency record of each child: the people around the child and a chronology every agency writes to.";
            return Task.CompletedTask;
        }));
        services.AddScoped<Children.OpenChildFilter>();
        services.AddRazorPages(o => Children.OpenChildFilter.AddChildPageConventions(o.Conventions)).AddMvcOptions(o => o.Filters.Add<Pages.WriteConflictPageFilter>());
        services.AddChronicleSecurity();
        services.AddChronicleAlerts();
        services.AddChronicleTeam();
        services.AddChronicleLearning();
        services.AddChronicleIdentity();
    }

    /// <summary>Brings the database up to date and, on first start, loads the demo partnership.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Chronicle");
        await using (var db = new ChronicleDb(settings.Options()))
        {
            var applied = await SchemaMigrator.MigrateAsync(db);
            logger.LogInformation("Database: {Database}; schema scripts applied now: {Applied}", settings.Describe(), applied.Count);
        }
        await AuditStartup.PrepareAsync(settings, app.Services.GetRequiredService<TimeProvider>(), logger, app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<DemoPartnership>().LoadIfEmptyAsync(app.Lifetime.ApplicationStopping);
        await using (var db = new ChronicleDb(settings.Options()))
        {
            await DemoAccounts.EnsureAsync(db, app.Services.GetRequiredService<TimeProvider>(), app.Lifetime.ApplicationStopping);
            // SQLite plans its queries from statistics it keeps only when asked: asked now, for the record as it stands.
            // Another process holding the write lock (a link of a long list) does not stop the start: the hourly
            // refresh tries again.
            if (db.IsSqlite)
            {
                db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
                try { await DatabaseStatistics.RefreshAsync(db, app.Lifetime.ApplicationStopping); }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    logger.LogWarning("The query planner's statistics were not refreshed at start ({Error}); they are tried again within the hour", ex.SqliteErrorCode);
                }
            }
        }
        app.Lifetime.ApplicationStarted.Register(() => PrintAddresses(app, settings));
    }

    public static void UseChronicle(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error");
        app.UseWhen(c => SecuritySetup.IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseWhen(c => !SecuritySetup.IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseGovUkFrontendAssets();
        app.UseStaticFiles();
        app.UseSameOriginWrites();
        app.UseRequestLimits();
        app.UseIdempotencyBuffering();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOneTimePasswords();
        app.UseAntiforgery();

        app.MapOpenApi().Require(Permissions.SignedIn);
        var api = app.MapGroup("/api")
            .AddEndpointFilter<PartnershipFilter>()
            .AddEndpointFilter<WriteTransactionFilter>()
            .AddEndpointFilter<AuditWritesFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapRecordApi();
        api.MapChronologyApi();
        api.MapAlertsApi();
        api.MapTeamApi();
        api.MapLearningApi();
        api.MapIdentityApi();
        app.MapRazorPages();
    }

    private static void PrintAddresses(WebApplication app, DatabaseSettings settings)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Count == 0) return;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChronicleDb>();
        var code = scope.ServiceProvider.GetRequiredService<CurrentPartnership>().ConfiguredCode;
        var children = db.People.Count(p => p.Kind != PersonKind.Adult && db.Partnerships.Any(x => x.Id == p.PartnershipId && x.Code == code));
        Console.WriteLine($"Chronicle is running at {string.Join(" and ", addresses)} ({(code == DemoPartnership.Code ? "demo partnership" : $"partnership '{code}'")} loaded: {children} {(children == 1 ? "child" : "children")}; {settings.Describe()})");
        if (DemoAccounts.DescribeAsync(db).GetAwaiter().GetResult() is { } accounts) Console.WriteLine(accounts);
    }
}
