using System.Collections;
using System.Reflection;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

public enum ReferenceTarget { Person, Professional, Agency, Entry, Household }

/// <summary>An id inside an entry's details that must name something in the partnership.</summary>
public sealed record Reference(string Path, ReferenceTarget Target, Guid Id);

/// <summary>Finds the ids in a details record by the naming convention its properties follow.</summary>
public static class References
{
    public static IReadOnlyList<Reference> In(EntryDetails details, string prefix = "details")
    {
        var found = new List<Reference>();
        Walk(details, prefix, found);
        return found;
    }

    private static void Walk(object value, string path, List<Reference> found)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var here = $"{path}.{name}";
            var v = property.GetValue(value);
            switch (v)
            {
                case null:
                    break;
                case Guid id:
                    if (TargetOf(property.Name) is { } target) found.Add(new Reference(here, target, id));
                    break;
                case IEnumerable<Guid> ids:
                    if (TargetOf(property.Name) is { } listTarget)
                    {
                        var i = 0;
                        foreach (var item in ids) found.Add(new Reference($"{here}[{i++}]", listTarget, item));
                    }
                    break;
                case string:
                    break;
                case IEnumerable items:
                    var n = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsRecord(item.GetType())) Walk(item, $"{here}[{n}]", found);
                        n++;
                    }
                    break;
                default:
                    if (IsRecord(v.GetType())) Walk(v, here, found);
                    break;
            }
        }
    }

    private static bool IsRecord(Type type) => type.Namespace == typeof(EntryDetails).Namespace && type.IsClass;

    /// <summary>What a details property names, by its name; null when it names nothing.</summary>
    public static ReferenceTarget? TargetOf(string property) => property switch
    {
        _ when property.EndsWith("PersonId", StringComparison.Ordinal) || property.EndsWith("PersonIds", StringComparison.Ordinal)
            || property is "PeopleSeen" or "PersonId" => ReferenceTarget.Person,
        _ when property.EndsWith("ProfessionalId", StringComparison.Ordinal) || property.EndsWith("ProfessionalIds", StringComparison.Ordinal)
            || property is "PaediatricianId" or "SuperviseeId" or "SupervisorId" or "ProfessionalsPresent" => ReferenceTarget.Professional,
        _ when property.EndsWith("AgencyId", StringComparison.Ordinal) || property.EndsWith("AgencyIds", StringComparison.Ordinal)
            || property == "AgenciesPresent" => ReferenceTarget.Agency,
        _ when property.EndsWith("EntryId", StringComparison.Ordinal) || property.EndsWith("EntryIds", StringComparison.Ordinal)
            || property == "RisksAddressed" => ReferenceTarget.Entry,
        "HouseholdId" => ReferenceTarget.Household,
        _ => null,
    };
}
