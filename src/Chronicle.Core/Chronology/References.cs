using System.Collections;
using System.Collections.Concurrent;
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
        Walk(details, prefix, (path, target, id) => found.Add(new Reference(path!, target, id)));
        return found;
    }

    /// <summary>Adds the ids a details record names of one target (without their paths: cheap enough for every entry of a case file).</summary>
    public static void AddIds(EntryDetails details, ReferenceTarget target, ISet<Guid> into) =>
        Walk(details, null, (_, t, id) => { if (t == target) into.Add(id); });

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

    /// <summary>A property of a details type as the walk reads it: worked out once per type.</summary>
    private sealed record Member(PropertyInfo Property, string Name, ReferenceTarget? Declared, bool HoldsIds);

    private static readonly ConcurrentDictionary<Type, Member[]> MembersByType = new();

    private static Member[] MembersOf(Type type) => MembersByType.GetOrAdd(type, static t =>
        [.. Properties(t).Select(p => new Member(p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..], TargetOf(p), HoldsIds(p.PropertyType)))]);

    /// <summary>Every id in a record, with its path when <paramref name="path"/> is given (null: no paths are built).</summary>
    private static void Walk(object value, string? path, Action<string?, ReferenceTarget, Guid> found)
    {
        foreach (var member in MembersOf(value.GetType()))
        {
            var here = path is null ? null : $"{path}.{member.Name}";
            var declared = member.Declared;
            if (declared is null && member.HoldsIds)
                throw new InvalidOperationException($"{value.GetType().Name}.{member.Property.Name} holds an id without declaring what it names: add [Names(...)]");
            var v = member.Property.GetValue(value);
            switch (v)
            {
                case null:
                    break;
                case Guid id:
                    found(here, declared!.Value, id);
                    break;
                case IEnumerable<Guid> ids:
                    var i = 0;
                    foreach (var item in ids) found(here is null ? null : $"{here}[{i++}]", declared!.Value, item);
                    break;
                case string:
                    break;
                case IEnumerable items:
                    var n = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsRecord(item.GetType())) Walk(item, here is null ? null : $"{here}[{n}]", found);
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
