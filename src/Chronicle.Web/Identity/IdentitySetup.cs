using System.Threading.RateLimiting;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;

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
/// front door's review queue. A check beyond it is answered 429 and does nothing.
/// </summary>
public sealed class CheckLimit : IDisposable
{
    public const string Words = "You have checked whether people are already on record too many times in the last hour: wait a while and try again, or ask the front door";

    private readonly PartitionedRateLimiter<Guid> _limiter;

    public CheckLimit(IConfiguration configuration)
    {
        var perHour = configuration.GetValue("Chronicle:Identity:ChecksPerHour", 100);
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));
    }

    /// <summary>Takes one check from the account's allowance; false when none is left.</summary>
    public bool TryTake(Guid accountId)
    {
        using var lease = _limiter.AttemptAcquire(accountId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
