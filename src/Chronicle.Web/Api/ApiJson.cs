using System.Text.Json;
using Chronicle.Core;

namespace Chronicle.Web.Api;

/// <summary>The API's JSON: Chronicle's one convention (camelCase, kebab-case enums, unknown properties refused).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ChronicleJson.Configure(options);
        // The record inputs are positional records whose optional parts have no C# default: a caller leaving out
        // "area" means no area, and the services name whatever is really missing in their own words.
        options.RespectRequiredConstructorParameters = false;
        return options;
    }
}
