using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chronicle.Core.Chronology;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Builds the details of any kind of entry from its record type, every required field filled with a plausible
/// value and every declared reference (<see cref="NamesAttribute"/>) with the id the test picks for its path.
/// </summary>
public static class DetailsGenerator
{
    public static JsonObject Build(Type type, Func<string, ReferenceTarget, Guid> id, string path = "details")
    {
        var json = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "EqualityContract"))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var here = $"{path}.{name}";
            var target = References.TargetOf(property);
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
            var required = property.IsDefined(typeof(RequiredMemberAttribute));
            JsonNode? value = (t, element) switch
            {
                _ when target is { } r && element is null => JsonValue.Create(id(here, r)),
                _ when target is { } r => new JsonArray(JsonValue.Create(id($"{here}[0]", r))),
                _ when t == typeof(string) => required ? JsonValue.Create("Something that happened") : null,
                _ when t.IsEnum => JsonSerializer.SerializeToNode(Enum.GetValues(t).GetValue(0), t, ChronicleApp.Json),
                _ when t == typeof(DateOnly) => required ? JsonValue.Create("2024-04-01") : null,
                _ when t == typeof(DateTimeOffset) => required ? JsonValue.Create("2024-04-01T10:00:00Z") : null,
                _ when t == typeof(bool) => required ? JsonValue.Create(false) : null,
                _ when t == typeof(int) => required ? JsonValue.Create(0) : null,
                _ when element is not null && element.Namespace == typeof(Core.Chronology.Details.EntryDetails).Namespace && element.IsClass
                    => References.Undeclared(element).Count == 0 && HasReference(element) ? new JsonArray(Build(element, id, $"{here}[0]")) : null,
                _ => null,
            };
            if (value is not null) json[name] = value;
        }
        return json;
    }

    /// <summary>The paths of every reference <see cref="Build"/> fills for this type.</summary>
    public static IReadOnlyList<string> ReferencePaths(Type type)
    {
        var paths = new List<(string, ReferenceTarget)>();
        Build(type, (path, target) => { paths.Add((path, target)); return Guid.NewGuid(); });
        return [.. paths.Where(p => p.Item2 is ReferenceTarget.Person or ReferenceTarget.Entry or ReferenceTarget.Household).Select(p => p.Item1)];
    }

    private static bool HasReference(Type type) =>
        type.GetProperties().Any(p => References.TargetOf(p) is not null);
}
