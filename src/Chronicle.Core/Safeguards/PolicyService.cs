using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// A partnership's safeguard policy: every threshold and timescale of the catalogue, defaulting as the catalogue
/// says. A change is a new row saying who changed which setting, when, from what, to what and why; nothing is
/// overwritten, so the policy in force at any moment can be told.
/// </summary>
public sealed class PolicyService(ChronicleDb db, TimeProvider clock, IReadOnlyList<ISafeguard> safeguards)
{
    public PolicyService(ChronicleDb db, TimeProvider clock) : this(db, clock, SafeguardCatalogue.All) { }

    public sealed record SettingValue(ISafeguard Safeguard, SettingDefinition Setting, string Value, bool IsDefault, PolicyChange? LastChange);

    public async Task<IReadOnlyList<SettingValue>> CurrentAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var changes = await db.PolicyChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct);
        var latest = changes.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.OrderBy(c => c.ChangedAt).Last());
        return [.. safeguards.SelectMany(s => s.Settings.Select(setting =>
        {
            latest.TryGetValue($"{s.Id}.{setting.Key}", out var change);
            return new SettingValue(s, setting, change?.NewValue ?? setting.DefaultValue, change is null || change.NewValue == setting.DefaultValue, change);
        }))];
    }

    public async Task<IReadOnlyList<PolicyChange>> HistoryAsync(Guid partnershipId, CancellationToken ct = default) =>
        (await db.PolicyChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct)).OrderByDescending(c => c.ChangedAt).ToList();

    public async Task<Outcome<PolicyChange>> ChangeAsync(Guid partnershipId, string? key, string? value, Guid changedBy, string? reason, CancellationToken ct = default)
    {
        var p = new Problems();
        var (safeguard, setting) = Find(key);
        if (setting is null) p.Add("key", $"'{key}' is not a safeguard setting: use the form SG-05.{(safeguards.FirstOrDefault(s => s.Settings.Count > 0)?.Settings[0].Key ?? "setting")}");
        p.Required("value", value, "Enter the new value");
        p.Required("reason", reason, "Enter why the policy is changing");
        if (setting is not null && !string.IsNullOrWhiteSpace(value) && setting.Refusal(value) is { } refused) p.Add("value", refused);
        if (!await db.Professionals.AnyAsync(x => x.Id == changedBy && x.PartnershipId == partnershipId, ct))
            p.Add("changedByProfessionalId", "Select who is changing the policy");
        if (p.Any) return Outcome<PolicyChange>.Refused(p.Errors);

        var fullKey = $"{safeguard!.Id}.{setting!.Key}";
        var previous = (await db.PolicyChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId && c.Key == fullKey).ToListAsync(ct))
            .OrderBy(c => c.ChangedAt).LastOrDefault();
        var now = clock.GetUtcNow();
        var change = new PolicyChange
        {
            Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, Key = fullKey, OldValue = previous?.NewValue ?? setting.DefaultValue,
            NewValue = value!.Trim(), ChangedByProfessionalId = changedBy, ChangedAt = now, Reason = reason!.Trim(),
        };
        db.PolicyChanges.Add(change);
        await db.SaveChangesAsync(ct);
        // A threshold or timescale changes what every child's safeguards find, and when: all are evaluated again.
        await NextCheck.MakePartnershipDueAsync(db, partnershipId, ct);
        return Outcome<PolicyChange>.Ok(change);
    }

    private (ISafeguard? Safeguard, SettingDefinition? Setting) Find(string? key)
    {
        var dot = key?.IndexOf('.') ?? -1;
        if (dot < 0) return (null, null);
        var safeguard = safeguards.FirstOrDefault(s => s.Id == key![..dot]);
        return (safeguard, safeguard?.Settings.FirstOrDefault(s => s.Key == key![(dot + 1)..]));
    }
}
