using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// A partnership's policy: each safeguard setting's value, falling back to the catalogue default. Keys are
/// "SG-05.decide-within" style: the safeguard's ID and the setting's key.
/// </summary>
public sealed class PolicySettings
{
    private readonly IReadOnlyDictionary<string, string> _values;
    // Every safeguard asks for its settings on every evaluation: each is read (and a number parsed) once.
    private readonly ConcurrentDictionary<(string SafeguardId, SettingDefinition Setting), int> _numbers = new(SettingComparer.Instance);

    public PolicySettings(IReadOnlyDictionary<string, string>? values = null) =>
        _values = values ?? new Dictionary<string, string>();

    public static PolicySettings Defaults { get; } = new();

    private readonly ConcurrentDictionary<(string SafeguardId, SettingDefinition Setting), string> _texts = new(SettingComparer.Instance);

    public string Get(string safeguardId, SettingDefinition setting)
    {
        if (_texts.TryGetValue((safeguardId, setting), out var known)) return known;
        var value = _values.TryGetValue($"{safeguardId}.{setting.Key}", out var v) ? v : setting.DefaultValue;
        _texts.TryAdd((safeguardId, setting), value);
        return value;
    }

    public int GetInt(string safeguardId, SettingDefinition setting)
    {
        if (_numbers.TryGetValue((safeguardId, setting), out var known)) return known;
        var value = int.Parse(Get(safeguardId, setting), CultureInfo.InvariantCulture);
        _numbers.TryAdd((safeguardId, setting), value);
        return value;
    }

    public IReadOnlyDictionary<string, string> Overrides => _values;

    /// <summary>A setting is the catalogue's own object: compared by reference, not by its fields.</summary>
    private sealed class SettingComparer : IEqualityComparer<(string SafeguardId, SettingDefinition Setting)>
    {
        public static readonly SettingComparer Instance = new();

        public bool Equals((string SafeguardId, SettingDefinition Setting) x, (string SafeguardId, SettingDefinition Setting) y) =>
            ReferenceEquals(x.Setting, y.Setting) && string.Equals(x.SafeguardId, y.SafeguardId, StringComparison.Ordinal);

        public int GetHashCode((string SafeguardId, SettingDefinition Setting) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Setting), StringComparer.Ordinal.GetHashCode(key.SafeguardId));
    }
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
