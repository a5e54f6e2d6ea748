using System.Text.Json;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology;

/// <summary>Reads and checks an entry's details for its kind, turning JSON mistakes into errors that name the field.</summary>
public static class DetailsReader
{
    public static Outcome<EntryDetails> Read(EntryKind kind, JsonElement json, string field = "details")
    {
        if (json.ValueKind != JsonValueKind.Object)
            return Outcome<EntryDetails>.Refused(field, $"Enter the details of the {kind.Label.ToLowerInvariant()} as an object");
        EntryDetails? details;
        try
        {
            details = (EntryDetails?)json.Deserialize(kind.DetailsType, ChronicleJson.Options);
        }
        catch (JsonException ex)
        {
            return Outcome<EntryDetails>.Refused(Explain(ex, field, kind));
        }
        if (details is null) return Outcome<EntryDetails>.Refused(field, "Enter the details");
        var problems = new Problems(field);
        details.Validate(problems);
        return problems.Then(() => details);
    }

    /// <summary>Reads details already stored (and so already valid).</summary>
    public static EntryDetails ReadStored(string kindCode, string json)
    {
        var kind = EntryKinds.Find(kindCode) ?? throw new InvalidOperationException($"Unknown entry kind '{kindCode}' in the database.");
        return (EntryDetails)JsonSerializer.Deserialize(json, kind.DetailsType, ChronicleJson.Options)!;
    }

    public static string Write(EntryDetails details) =>
        JsonSerializer.Serialize(details, details.GetType(), ChronicleJson.Options);

    private static IReadOnlyList<FieldError> Explain(JsonException ex, string field, EntryKind kind)
    {
        var message = ex.Message;
        // System.Text.Json names missing required properties in its message: "...missing required properties including: 'site', 'type'."
        var missing = message.IndexOf("missing required properties", StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(message[missing..], "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
            if (names.Count > 0) return [.. names.Select(n => new FieldError($"{field}.{n}", $"Enter the {Words(n)}"))];
        }
        var path = ex.Path is { Length: > 1 } p ? field + "." + p.TrimStart('$', '.') : field;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = System.Text.RegularExpressions.Regex.Match(message, "'([^']+)'").Groups[1].Value;
            return [new FieldError($"{field}.{name}", $"'{name}' is not a detail of a {kind.Label.ToLowerInvariant()}")];
        }
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
            return [new FieldError(path, $"Enter the {Words(path[(path.LastIndexOf('.') + 1)..])}")];
        return [new FieldError(path, $"The {Words(path[(path.LastIndexOf('.') + 1)..])} is not in a form Chronicle understands")];
    }

    private static string Words(string camel) =>
        string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString())).Trim('[', ']');
}
