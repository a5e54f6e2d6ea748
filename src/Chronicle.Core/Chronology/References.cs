using System.Collections;
using System.Reflection;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Chronology;

public enum ReferenceTarget { Person, Professional, Agency, Entry, Household }

/// <summary>An id inside an entry's details that must name something in the partnership.</summary>
public sealed record Reference(string Path, ReferenceTarget Target, Guid Id);

/// <summary>
/// Declares what an id-bearing property of a details record names. Every property of a details record (and of the
/// records inside it) that holds a <see cref="Guid"/> or a list of them must carry one: <see cref="References"/>
/// refuses to read a record with an undeclared id, and a test walks every details type, so a new kind cannot name
/// a person, an entry or a household without the writer's access to it being checked.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class NamesAttribute(ReferenceTarget target) : Attribute
{
    public ReferenceTarget Target { get; } = target;
}

/// <summary>Finds the ids in a details record by what each of its properties declares it names (<see cref="NamesAttribute"/>).</summary>
public static class References
{
    public static IReadOnlyList<Reference> In(EntryDetails details, string prefix = "details")
    {
        var found = new List<Reference>();
        Walk(details, prefix, found);
        return found;
    }

    /// <summary>The properties of a details type (and the records inside it) that hold ids without declaring what they name.</summary>
    public static IReadOnlyList<string> Undeclared(Type type)
    {
        var undeclared = new List<string>();
        var seen = new HashSet<Type>();
        void Visit(Type t, string path)
        {
            if (!seen.Add(t)) return;
            foreach (var property in Properties(t))
            {
                var here = $"{path}.{property.Name}";
                if (HoldsIds(property.PropertyType) && property.GetCustomAttribute<NamesAttribute>() is null) undeclared.Add(here);
                if (ElementOf(property.PropertyType) is { } element && IsRecord(element)) Visit(element, here);
                else if (IsRecord(property.PropertyType)) Visit(property.PropertyType, here);
            }
        }
        Visit(type, type.Name);
        return undeclared;
    }

    /// <summary>What a details property names; null when it holds no id.</summary>
    public static ReferenceTarget? TargetOf(PropertyInfo property) => property.GetCustomAttribute<NamesAttribute>()?.Target;

    /// <summary>Whether a property of this type holds ids: a Guid, a nullable one, or a list of them.</summary>
    public static bool HoldsIds(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(Guid) || ElementOf(type) is { } e && (Nullable.GetUnderlyingType(e) ?? e) == typeof(Guid);

    private static Type? ElementOf(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    private static void Walk(object value, string path, List<Reference> found)
    {
        foreach (var property in Properties(value.GetType()))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var here = $"{path}.{name}";
            var declared = TargetOf(property);
            if (declared is null && HoldsIds(property.PropertyType))
                throw new InvalidOperationException($"{value.GetType().Name}.{property.Name} holds an id without declaring what it names: add [Names(...)]");
            var v = property.GetValue(value);
            switch (v)
            {
                case null:
                    break;
                case Guid id:
                    found.Add(new Reference(here, declared!.Value, id));
                    break;
                case IEnumerable<Guid> ids:
                    var i = 0;
                    foreach (var item in ids) found.Add(new Reference($"{here}[{i++}]", declared!.Value, item));
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
}
