using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;

namespace Chronicle.Web.Alerts;

/// <summary>The safeguard alerts' services: the alert lifecycle, the partnership's policy and the background sweep.</summary>
public static class AlertsSetup
{
    public static void AddChronicleAlerts(this IServiceCollection services)
    {
        services.AddScoped(sp => new AlertService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<SafeguardEngine>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new PolicyService(sp.GetRequiredService<ChronicleDb>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AlertSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertSweep>());
    }

    /// <summary>Who sees the partnership's open alerts (Permissions.AlertsOverview): team managers, conference chairs and the business unit.</summary>
    public static bool MaySeeOverview(Security.SignedInUser user) =>
        user.Viewer.Has(Role.TeamManager) || user.Viewer.Has(Role.ConferenceChair) || user.Viewer.Has(Role.BusinessUnit);
}
