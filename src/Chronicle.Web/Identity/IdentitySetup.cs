using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Identity;

public static class IdentitySetup
{
    /// <summary>The duplicate check, merging and linking agencies' lists (docs/identity.md).</summary>
    public static IServiceCollection AddChronicleIdentity(this IServiceCollection services)
    {
        services.AddScoped(sp => new IdentityService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new MergeService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SafeguardEngine>()));
        services.AddScoped<DuplicateCheck>();
        services.AddSingleton<CheckLimit>();
        services.AddScoped(sp => new LinkService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

/// <summary>
/// How many duplicate checks one account may make in an hour (Chronicle:Identity:ChecksPerHour, 100 unless set):
/// every check counts alike, whatever it found, so the limit says nothing of who is on record, and nobody can fill the
/// front door's review queue. A check beyond it is answered 429 and does nothing. The counts are kept in the database
/// (duplicate_check_counts, one row an account: when its hour began and the checks made in it), taken by one atomic
/// upsert, so a restart or a second server gives no fresh allowance and two requests at once cannot both take the last.
/// </summary>
public sealed class CheckLimit(IConfiguration configuration, TimeProvider clock)
{
    public const string Words = "You have checked whether people are already on record too many times in the last hour: wait a while and try again, or ask the front door";

    private readonly int _perHour = configuration.GetValue("Chronicle:Identity:ChecksPerHour", 100);

    /// <summary>Takes one check from the account's allowance, in the request's transaction if it has one; false when none is left.</summary>
    public async Task<bool> TryTakeAsync(ChronicleDb db, Guid accountId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        // The hour starts again with this check once the last one began an hour or more ago; a refused check is counted
        // too, so hammering past the limit never wins an allowance back.
        var checks = db.IsSqlite
            ? await db.Database.SqlQueryRaw<int>("""
                INSERT INTO duplicate_check_counts (account_id, window_started_at, checks) VALUES ({0}, {1}, 1)
                ON CONFLICT (account_id) DO UPDATE SET
                    checks = CASE WHEN duplicate_check_counts.window_started_at <= {2} THEN 1 ELSE duplicate_check_counts.checks + 1 END,
                    window_started_at = CASE WHEN duplicate_check_counts.window_started_at <= {2} THEN excluded.window_started_at ELSE duplicate_check_counts.window_started_at END
                RETURNING checks AS "Value"
                """, accountId.ToString().ToUpperInvariant(), now.ToUnixTimeMilliseconds(), hourAgo.ToUnixTimeMilliseconds()).ToListAsync(ct)
            : await db.Database.SqlQueryRaw<int>("""
                INSERT INTO duplicate_check_counts (account_id, window_started_at, checks) VALUES ({0}, {1}, 1)
                ON CONFLICT (account_id) DO UPDATE SET
                    checks = CASE WHEN duplicate_check_counts.window_started_at <= {2} THEN 1 ELSE duplicate_check_counts.checks + 1 END,
                    window_started_at = CASE WHEN duplicate_check_counts.window_started_at <= {2} THEN excluded.window_started_at ELSE duplicate_check_counts.window_started_at END
                RETURNING checks AS "Value"
                """, accountId, now.ToUniversalTime(), hourAgo.ToUniversalTime()).ToListAsync(ct);
        return checks.Single() <= _perHour;
    }
}
