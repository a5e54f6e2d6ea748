using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.TeamAroundChild;

/// <summary>
/// The partnership's policy for working as a team: how long a recipient has to acknowledge significant shared
/// information, the lawful basis recorded with each share, and when an overdue action escalates. Stored as
/// policy changes beside the safeguards' settings ("sharing.acknowledge-within"), so every value has a history.
/// </summary>
public static class TeamPolicy
{
    public const string Sharing = "sharing";
    public const string Actions = "actions";

    /// <summary>Domain reference §8.1: the safeguarding condition of DPA 2018 Schedule 1 paragraph 18.</summary>
    public const string DefaultLawfulBasis = "Safeguarding of children: UK GDPR Art 6(1)(e) and Art 9(2)(g); DPA 2018 Sch 1 para 18";

    public static readonly SettingDefinition AcknowledgeWithin =
        new("acknowledge-within", "Acknowledge significant shared information within", "2", "working days");

    public static readonly SettingDefinition LawfulBasis =
        new("lawful-basis", "Lawful basis recorded with each share", DefaultLawfulBasis, "text");

    public static readonly SettingDefinition EscalateOverdueActionsAfter =
        new("escalate-after", "Escalate an overdue action to its owner's manager after", "0", "working days past its due date");

    public static IReadOnlyList<(string Group, SettingDefinition Setting)> All { get; } =
    [
        (Sharing, AcknowledgeWithin), (Sharing, LawfulBasis), (Actions, EscalateOverdueActionsAfter),
    ];

    public static Task<PolicySettings> LoadAsync(ChronicleDb db, Guid partnershipId, CancellationToken ct = default) =>
        SafeguardEngine.PolicyAsync(db, partnershipId, ct);
}

/// <summary>Reads and changes the team policy, recording who changed what, when and why, as the safeguard policy is.</summary>
public sealed class TeamPolicyService(ChronicleDb db, TimeProvider clock)
{
    public sealed record SettingValue(string Key, SettingDefinition Setting, string Value, bool IsDefault);

    public async Task<IReadOnlyList<SettingValue>> CurrentAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var policy = await TeamPolicy.LoadAsync(db, partnershipId, ct);
        return [.. TeamPolicy.All.Select(s =>
        {
            var value = policy.Get(s.Group, s.Setting);
            return new SettingValue($"{s.Group}.{s.Setting.Key}", s.Setting, value, value == s.Setting.DefaultValue);
        })];
    }

    public async Task<Outcome<PolicyChange>> ChangeAsync(Guid partnershipId, string? key, string? value, Guid changedBy, string? reason, CancellationToken ct = default)
    {
        var p = new Problems();
        var found = TeamPolicy.All.FirstOrDefault(s => $"{s.Group}.{s.Setting.Key}" == key);
        if (found.Setting is null) p.Add("key", $"'{key}' is not a team setting: use one of {string.Join(", ", TeamPolicy.All.Select(s => $"{s.Group}.{s.Setting.Key}"))}");
        p.Required("value", value, "Enter the new value");
        p.Required("reason", reason, "Enter why the policy is changing");
        if (found.Setting is not null && !string.IsNullOrWhiteSpace(value) && found.Setting.Refusal(value) is { } refused) p.Add("value", refused);
        if (!await db.Professionals.AnyAsync(x => x.Id == changedBy && x.PartnershipId == partnershipId, ct))
            p.Add("changedByProfessionalId", "Select who is changing the policy");
        if (p.Any) return Outcome<PolicyChange>.Refused(p.Errors);

        var policy = await TeamPolicy.LoadAsync(db, partnershipId, ct);
        var now = clock.GetUtcNow();
        var change = new PolicyChange
        {
            Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, Key = key!, OldValue = policy.Get(found.Group, found.Setting!),
            NewValue = value!.Trim(), ChangedByProfessionalId = changedBy, ChangedAt = now, Reason = reason!.Trim(),
        };
        db.PolicyChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return Outcome<PolicyChange>.Ok(change);
    }
}
