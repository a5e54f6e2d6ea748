using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chronicle.Core;

/// <summary>The one JSON convention for the API, stored details and scenarios: camelCase names, kebab-case enum values.</summary>
public static class ChronicleJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        // Mandatory parts are `required` properties (the entry details) or checked by the services, which name what
        // is missing in their own words; a positional input's absent part simply arrives as null.
        options.RespectRequiredConstructorParameters = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.WriteIndented = false;
        return options;
    }
}
