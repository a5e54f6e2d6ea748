using System.Text.Json;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Scenarios;

/// <summary>Reads scenario files, saying exactly where a file is wrong.</summary>
public static class ScenarioLoader
{
    public static async Task<Outcome<Scenario>> LoadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) return Outcome<Scenario>.Refused("file", $"{path}: no such file");
        await using var stream = File.OpenRead(path);
        try
        {
            var scenario = await JsonSerializer.DeserializeAsync<Scenario>(stream, ChronicleJson.Options, ct);
            return scenario is null ? Outcome<Scenario>.Refused("file", $"{path}: the file is empty") : Outcome<Scenario>.Ok(scenario);
        }
        catch (JsonException ex)
        {
            return Outcome<Scenario>.Refused(ex.Path ?? "file", $"{path}: {ex.Message}");
        }
    }
}
