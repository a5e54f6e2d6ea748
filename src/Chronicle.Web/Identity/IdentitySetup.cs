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
        services.AddScoped(sp => new LinkService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
