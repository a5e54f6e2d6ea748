using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Chronology;

/// <summary>One thing an entry's details hold, in words: "Observations", "Mia seen alone in her room".</summary>
public sealed record EntryField(string Label, string Value);

/// <summary>
/// Everything an entry's details hold, as labelled values in plain words, so that nothing a practitioner wrote (the
/// observations, reasons, notes a one-line summary leaves out) is lost from what a reader sees. A value not recorded
/// is left out, never shown as "no"; the ids of entries and households are not shown; a person withheld from the
/// reader stays withheld (<see cref="Names"/>). A list of records (plan items, findings) gives one line per item.
/// </summary>
public static partial class EntryFields
{
    public static IReadOnlyList<EntryField> Of(EntryDetails details, Names names) => Fields(details, names);

    private static List<EntryField> Fields(object record, Names names)
    {
        var fields = new List<EntryField>();
        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // What was recorded only: not what a record works out from it (get-only properties such as IsSpecific).
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null || property.Name == "EqualityContract") continue;
            var target = References.TargetOf(property);
            if (Value(property.GetValue(record), target, names) is { Length: > 0 } value)
                fields.Add(new EntryField(Labels.Words(target is null ? property.Name : IdSuffix().Replace(property.Name, "")), value));
        }
        return fields;
    }

    private static string? Value(object? value, ReferenceTarget? target, Names names) => value switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        bool yes => yes ? "Yes" : "No",
        Enum e => Labels.Of(e),
        Guid id => Named(id, target, names),
        DateOnly day => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DateTimeOffset at => TimeZoneInfo.ConvertTime(at, WorkingDayCalendar.UkTime).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        IEnumerable items when value is not string => List(items, target, names),
        _ when value.GetType().Namespace == typeof(EntryDetails).Namespace => string.Join("; ", Fields(value, names).Select(f => $"{f.Label}: {f.Value}")),
        _ => null,
    };

    /// <summary>"OwnerProfessionalId" is the owner; "RecipientAgencyIds" the recipients.</summary>
    [GeneratedRegex("(Professional|Person|Agency|Entry|Household)?Ids?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdSuffix();

    /// <summary>A list of values on one line; a list of records, one line each; entries it refers to, counted.</summary>
    private static string? List(IEnumerable items, ReferenceTarget? target, Names names)
    {
        if (target == ReferenceTarget.Entry)
            return items.Cast<object?>().Count() is var count and > 0 ? (count == 1 ? "1 entry on record" : $"{count} entries on record") : null;
        var values = items.Cast<object?>().Select(item => (Item: item, Text: Value(item, target, names))).Where(v => !string.IsNullOrEmpty(v.Text)).ToList();
        if (values.Count == 0) return null;
        var records = values.Any(v => v.Item is not null && v.Item.GetType().Namespace == typeof(EntryDetails).Namespace && !v.Item.GetType().IsEnum);
        return string.Join(records ? "\n" : ", ", values.Select(v => v.Text));
    }

    private static string? Named(Guid id, ReferenceTarget? target, Names names) => target switch
    {
        ReferenceTarget.Person => names.Person(id),
        ReferenceTarget.Professional => names.Professional(id),
        ReferenceTarget.Agency => names.Agency(id),
        ReferenceTarget.Entry => "an entry on record",
        _ => null,
    };
}
