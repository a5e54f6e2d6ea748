using System.Globalization;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// A partnership's policy: each safeguard setting's value, falling back to the catalogue default. Keys are
/// "SG-05.decide-within" style: the safeguard's ID and the setting's key.
/// </summary>
public sealed class PolicySettings
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public PolicySettings(IReadOnlyDictionary<string, string>? values = null) =>
        _values = values ?? new Dictionary<string, string>();

    public static PolicySettings Defaults { get; } = new();

    public string Get(string safeguardId, SettingDefinition setting) =>
        _values.TryGetValue($"{safeguardId}.{setting.Key}", out var v) ? v : setting.DefaultValue;

    public int GetInt(string safeguardId, SettingDefinition setting) =>
        int.Parse(Get(safeguardId, setting), CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, string> Overrides => _values;
}

/// <summary>A change to a partnership's policy: who changed which setting, when, from what to what.</summary>
public sealed class PolicyChange
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public required string Key { get; set; }
    public string? OldValue { get; set; }
    public required string NewValue { get; set; }
    public Guid ChangedByProfessionalId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? Reason { get; set; }
}
