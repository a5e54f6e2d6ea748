using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;

namespace Chronicle.Web.Hosting;

/// <summary>
/// The audit chain's start-up: the key (created on first start if there is none), and on a database whose chain was
/// never keyed, the entries recorded before it sealed into the chain (docs/security.md, Tamper evidence).
/// </summary>
public static class AuditStartup
{
    public static async Task PrepareAsync(DatabaseSettings settings, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        var audit = settings.Audit;
        var created = audit.KeyFile is { } keyFile && !File.Exists(keyFile) && Environment.GetEnvironmentVariable(AuditKey.EnvironmentVariable) is not { Length: > 0 };
        _ = audit.Key; // reads the key, or creates the key file; never logged
        if (created) logger.LogWarning("Audit key created at {KeyFile}: keep it (and a copy) away from the database and its backups", audit.KeyFile);
        else if (audit.KeyFile is { } file && File.Exists(file) && !OperatingSystem.IsWindows()
                 && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            logger.LogWarning("The audit key file {KeyFile} can be read or written by others than its owner", file);
        await using var db = new ChronicleDb(settings.Options());
        var sealedNow = await new AuditLog(db, clock).SealEarlierEntriesAsync(ct);
        if (sealedNow > 0) logger.LogInformation("Audit chain keyed: {Count} chronology entries recorded before it sealed into it", sealedNow);
    }
}

/// <summary>
/// Writes signed checkpoints of the audit chain's head outside the database: at start, whenever the chain has grown
/// by Chronicle:Audit:CheckpointEvery rows (looked at every Chronicle:Audit:CheckpointSeconds) or has grown at all in
/// Chronicle:Audit:CheckpointMinutes, and on shutdown. Each costs one read of the head and one line in the file.
/// </summary>
public sealed class AuditCheckpointing(DatabaseSettings database, TimeProvider clock, IConfiguration configuration, ILogger<AuditCheckpointing> logger) : BackgroundService
{
    private long _last = -1;
    private DateTimeOffset _lastAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Audit.CheckpointFile is null) return;
        var poll = TimeSpan.FromSeconds(int.TryParse(configuration["Chronicle:Audit:CheckpointSeconds"], out var s) && s > 0 ? s : 10);
        var quiet = TimeSpan.FromMinutes(int.TryParse(configuration["Chronicle:Audit:CheckpointMinutes"], out var m) && m > 0 ? m : 10);
        await CheckpointAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(poll, stoppingToken); } catch (OperationCanceledException) { return; }
            try
            {
                await using var db = new ChronicleDb(database.Options());
                var head = await AuditChain.ReadHeadAsync(db, stoppingToken);
                if (head.Sequence - _last >= database.Audit.CheckpointEvery || head.Sequence > _last && clock.GetUtcNow() - _lastAt >= quiet)
                    await CheckpointAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Reading the audit head failed ({Error}); trying again", ex.GetType().Name);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (database.Audit.CheckpointFile is not null) await CheckpointAsync(cancellationToken);
    }

    private async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await using var db = new ChronicleDb(database.Options());
            var result = await new AuditLog(db, clock).CheckpointAsync(ct);
            if (result.Refusal is not null)
            {
                logger.LogError("Audit checkpoint refused: {Reason}", result.Refusal);
                return;
            }
            _last = result.Checkpoint!.Sequence;
            _lastAt = clock.GetUtcNow();
            if (result.Written) logger.LogInformation("Audit checkpoint written at row {Sequence}", _last);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Writing the audit checkpoint failed ({Error}); it is tried again", ex.GetType().Name);
        }
    }
}
