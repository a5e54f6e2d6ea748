using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>A safeguard with its guide, the partnership's current settings and how many of its alerts are open.</summary>
public sealed record SafeguardPolicy(ISafeguard Safeguard, SafeguardGuide? Guide, IReadOnlyList<SettingResponse> Settings, int OpenAlerts)
{
    public SafeguardResponse Response() => new(
        Safeguard.Id, Safeguard.Version, Safeguard.Title, Safeguard.Severity, Guide?.FiresWhen, Guide?.AsksFor, Guide?.Told,
        [.. Safeguard.Lessons.Select(LessonResponse.Of)], [.. Settings], OpenAlerts);

    /// <summary>The whole catalogue for a partnership, in ID order.</summary>
    public static async Task<IReadOnlyList<SafeguardPolicy>> LoadAsync(ChronicleDb db, PolicyService policy, Guid partnershipId, CancellationToken ct = default)
    {
        var current = await policy.CurrentAsync(partnershipId, ct);
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [], current.Select(v => v.LastChange?.ChangedByProfessionalId).OfType<Guid>(), ct);
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .GroupBy(a => a.SafeguardId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var settings = current.ToLookup(s => s.Safeguard.Id);
        return [.. SafeguardCatalogue.All.Select(s => new SafeguardPolicy(
            s, SafeguardGuides.For(s.Id), [.. settings[s.Id].Select(v => Setting(v, names))], open.GetValueOrDefault(s.Id)))];
    }

    /// <summary>Who may change the partnership's policy (Permissions.SetPolicy): the business unit, which acts for the partnership.</summary>
    public static bool MaySet(Chronicle.Web.Security.SignedInUser user) => user.Viewer.Has(Chronicle.Core.Security.Role.BusinessUnit);

    public static PolicyChangeResponse Change(PolicyChange c, Names names) =>
        new(c.Id, c.Key, c.OldValue, c.NewValue, c.ChangedByProfessionalId, names.Professional(c.ChangedByProfessionalId), c.ChangedAt, c.Reason);

    private static SettingResponse Setting(PolicyService.SettingValue v, Names names) => new(
        $"{v.Safeguard.Id}.{v.Setting.Key}", v.Safeguard.Id, v.Setting.Label, v.Setting.Unit, v.Value, v.Setting.DefaultValue, v.IsDefault,
        v.Setting.IsNumber, v.Setting.Choices is { } choices ? [.. choices] : null, v.LastChange is { } c ? Change(c, names) : null);
}
