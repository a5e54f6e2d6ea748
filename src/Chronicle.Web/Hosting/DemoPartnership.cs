using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Scenarios;
using Chronicle.Core.Time;
using Chronicle.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Hosting;

/// <summary>
/// On a database with no partnership, creates the demo partnership and replays every scenario file into it, so a
/// fresh clone shows real stories. A story told in dates (the seed reviews) is history: it is closed at the end of its
/// timeline with <see cref="HistoryReason"/> (its involvements ended, each plan still active ended, the case closed and
/// each alert still open closed), so nothing of it is current work or overdue today. A
/// live story (dates relative to today) runs up to now, as the running app works, and gives each role current work;
/// once every professional has an account, its break-glass uses are asked for as the app asks for them (the grant,
/// its audit and its flags), at the story's moment. A scenario that cannot be played is reported by file name and left
/// out whole.
/// </summary>
public sealed class DemoPartnership(DatabaseSettings settings, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<DemoPartnership> logger)
{
    public const string Name = "Chronicle demo partnership";
    public const string Code = "demo";

    /// <summary>
    /// Whether stories told in dates are closed as history (the default). Off, their alerts stay as replay left them,
    /// open and overdue: the tests that act on a seed story's alerts turn it off.
    /// </summary>
    public const string CloseHistorySetting = "Chronicle:Demo:CloseHistory";

    /// <summary>
    /// Why a story told in dates is closed at its end, in a practitioner's words: the reason its case closure and each
    /// alert still open give (each plan still active ends as the case closes).
    /// </summary>
    public const string HistoryReason = "No further involvement after this date";

    public async Task LoadIfEmptyAsync(CancellationToken ct = default)
    {
        var options = settings.Options();
        Guid partnershipId;
        await using (var db = new ChronicleDb(options))
        {
            if (await db.Partnerships.AnyAsync(ct)) return;
            partnershipId = (await new RecordService(db, clock).CreatePartnershipAsync(Name, Code, ct)).Unwrap().Id;
        }

        var folder = ScenariosFolder();
        if (folder is null)
        {
            logger.LogWarning("No scenarios folder was found above {ContentRoot}: the demo partnership has no children", environment.ContentRootPath);
            await LoadReviewsAsync(options, partnershipId, ct);
            return;
        }
        // A live story's relative dates count from today, and it runs up to now; a story told in dates is history.
        var now = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var loaded = 0;
        var live = new List<(Scenario Scenario, ReplayResult Result)>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var scenario = await ScenarioLoader.LoadAsync(file, WorkingDayCalendar.UkDate(now), ct);
            if (!scenario.Succeeded)
            {
                logger.LogWarning("Scenario {File} was skipped: it could not be read ({Problem})", name, string.Join("; ", scenario.Errors.Select(e => e.Message)));
                continue;
            }
            // Played first into a scratch database, without the safeguards and their daily sweeps (steps fail or succeed
            // on their own): replay commits step by step, and a scenario that fails half-way must not leave half a family
            // in the demo.
            if (await TryReplayAsync(scenario.Value!, file, now, ct) is { } problem)
            {
                logger.LogWarning("Scenario {File} was skipped: it could not be played ({Problem})", name, problem);
                continue;
            }
            var one = clock.GetTimestamp();
            var result = await new ReplayRunner(() => new ChronicleDb(options)).RunAsync(scenario.Value!, file, intoPartnership: partnershipId, playedAt: now,
                closeAtEnd: scenario.Value!.IsLive || !configuration.GetValue(CloseHistorySetting, true) ? null : HistoryReason, ct: ct);
            if (scenario.Value!.BreakGlass.Count > 0) live.Add((scenario.Value!, result));
            logger.LogInformation("Scenario {File} loaded {As} in {Seconds:F1} s", name, scenario.Value!.IsLive ? "as a live story, up to now" : "as history", clock.GetElapsedTime(one).TotalSeconds);
            loaded++;
        }
        logger.LogInformation("Demo partnership loaded {Loaded} of {Count} scenarios from {Folder} in {Seconds:F1} s", loaded, files.Count, folder, clock.GetElapsedTime(started).TotalSeconds);
        await LoadReviewsAsync(options, partnershipId, ct);
        if (live.Count == 0) return;
        await using (var db = new ChronicleDb(options)) await DemoAccounts.EnsureAsync(db, clock, ct);
        foreach (var (scenario, result) in live) await BreakGlassAsync(options, scenario, result, ct);
    }

    /// <summary>
    /// A story's break-glass uses, each asked for through <see cref="BreakGlassService"/> as its professional, signed in, would
    /// at that moment: by the child's name and date of birth, with the reason given; the grant is audited and flagged to
    /// the child's lead and to information governance.
    /// </summary>
    private async Task BreakGlassAsync(DbContextOptions<ChronicleDb> options, Scenario scenario, ReplayResult result, CancellationToken ct)
    {
        foreach (var use in scenario.BreakGlass)
        {
            await using var db = new ChronicleDb(options);
            var professional = result.Ids[use.By];
            var account = await db.UserAccounts.AsNoTracking().Where(a => a.ProfessionalId == professional).OrderBy(a => a.CreatedAt).FirstAsync(ct);
            var child = await db.People.AsNoTracking().FirstAsync(p => p.Id == result.Ids[use.Child], ct);
            var moment = new SimulatedClock(ReplayRunner.MomentOf(use.At, "breakGlass"));
            var user = new CurrentUser(new HttpContextAccessor(), db);
            await user.LoadAsync(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(CurrentUser.AccountIdClaim, account.Id.ToString())], authenticationType: "demo")), ct);
            var audit = new RecordAudit(db, moment, user, new HttpContextAccessor());
            var service = new BreakGlassService(db, moment, user, audit, new BreakGlassFlags(db, moment, new ChildAccess(db, user, moment), audit), configuration);
            var search = Children.ChildSearch.Parse($"{child.GivenName} {child.FamilyName}", child.DateOfBirth?.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture), null).Unwrap();
            var granted = (await service.RequestAsync(new BreakGlassRequest(child.Id, search, use.Reason), ct)).Unwrap();
            if (granted.Count != 1) throw new InvalidOperationException($"The story's break-glass use at {use.At} opened {granted.Count} records: it names one child by name and date of birth");
        }
    }

    private async Task LoadReviewsAsync(DbContextOptions<ChronicleDb> options, Guid partnershipId, CancellationToken ct)
    {
        var reviews = await Learning.DemoReviews.LoadAsync(() => new ChronicleDb(options), clock, partnershipId, ct);
        logger.LogInformation("Demo partnership loaded {Reviews} seed reviews", reviews);
    }

    /// <summary>The folder of scenario files: Chronicle:ScenariosFolder, or scenarios/ in the content root or a folder above it.</summary>
    public string? ScenariosFolder()
    {
        if (configuration["Chronicle:ScenariosFolder"] is { Length: > 0 } configured)
        {
            var path = Path.GetFullPath(configured, environment.ContentRootPath);
            return Directory.Exists(path) ? path : null;
        }
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (Directory.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "Chronicle.slnx"))) break;
        }
        return null;
    }

    private static async Task<string?> TryReplayAsync(Scenario scenario, string file, DateTimeOffset now, CancellationToken ct)
    {
        var scratch = Directory.CreateTempSubdirectory("chronicle-demo-");
        var options = DatabaseSettings.Sqlite(Path.Combine(scratch.FullName, "scratch.db")).Options();
        try
        {
            await using (var db = new ChronicleDb(options)) await SchemaMigrator.MigrateAsync(db, ct);
            await new ReplayRunner(() => new ChronicleDb(options)).RunAsync(scenario, file, sweep: false, playedAt: now, safeguards: false, ct: ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }
}
