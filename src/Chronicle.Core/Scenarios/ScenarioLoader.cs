using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Scenarios;

/// <summary>
/// Reads scenario files, saying exactly where a file is wrong. A date may be written relative to the day the scenario is
/// played (<c>today</c>, <c>today-14</c>, <c>today+7</c>, <c>today-2T10:30</c>): such a file is a live story, whose
/// dates are worked out from <c>today</c> when it is read.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Reads a file whose dates are all written out; a relative date is refused, since there is no day to count from.</summary>
    public static Task<Outcome<Scenario>> LoadAsync(string path, CancellationToken ct = default) => LoadAsync(path, today: null, ct);

    /// <summary>Reads a file, counting any relative date from <paramref name="today"/> (a UK day).</summary>
    public static async Task<Outcome<Scenario>> LoadAsync(string path, DateOnly? today, CancellationToken ct = default)
    {
        if (!File.Exists(path)) return Outcome<Scenario>.Refused("file", $"{path}: no such file");
        try
        {
            JsonNode? node;
            await using (var stream = File.OpenRead(path))
                node = await JsonNode.ParseAsync(stream, cancellationToken: ct);
            if (node is null) return Outcome<Scenario>.Refused("file", $"{path}: the file is empty");
            var relative = new List<string>();
            Resolve(node, "$", today, relative);
            if (relative.Count > 0 && today is null)
                return Outcome<Scenario>.Refused(relative[0], $"{path}: {relative[0]} is a date relative to today, but no day was given to count it from");
            var scenario = node.Deserialize<Scenario>(ChronicleJson.Options);
            if (scenario is null) return Outcome<Scenario>.Refused("file", $"{path}: the file is empty");
            return Outcome<Scenario>.Ok(relative.Count > 0 ? scenario with { RelativeTo = today } : scenario);
        }
        catch (JsonException ex)
        {
            return Outcome<Scenario>.Refused(ex.Path ?? "file", $"{path}: {ex.Message}");
        }
    }

    /// <summary>Replaces every relative date in the file (a whole string value) with the day it stands for, listing where each was.</summary>
    private static void Resolve(JsonNode node, string path, DateOnly? today, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is not { } child) continue;
                    if (Relative(child, $"{path}.{name}", today, found) is { } value) obj[name] = value;
                    else Resolve(child, $"{path}.{name}", today, found);
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is not { } child) continue;
                    if (Relative(child, $"{path}[{i}]", today, found) is { } value) arr[i] = value;
                    else Resolve(child, $"{path}[{i}]", today, found);
                }
                break;
        }
    }

    private static JsonValue? Relative(JsonNode node, string path, DateOnly? today, List<string> found)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || RelativeDate().Match(text) is not { Success: true } m) return null;
        found.Add(path);
        if (today is not { } day) return null;
        var offset = m.Groups["days"].Success ? int.Parse(m.Groups["days"].Value, CultureInfo.InvariantCulture) * (m.Groups["sign"].Value == "-" ? -1 : 1) : 0;
        var date = day.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return JsonValue.Create(m.Groups["time"].Success ? $"{date}T{m.Groups["time"].Value}" : date);
    }

    /// <summary>today, today-14, today+7, optionally with a UK time: today-2T10:30.</summary>
    [GeneratedRegex(@"^today(?:(?<sign>[+-])(?<days>\d{1,5}))?(?:T(?<time>\d{2}:\d{2}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeDate();
}
