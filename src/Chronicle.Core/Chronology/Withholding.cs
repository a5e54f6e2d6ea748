using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chronicle.Core.Chronology;

/// <summary>
/// What a reader is shown of an entry that names people they may not see: the ids in its details and subjects are
/// left out, and their names are given as <see cref="Names.WithheldPerson"/>, so that neither who they are nor
/// whether they are on record is told. Which people are hidden is the web app's question (its access rule); this
/// class only finds the ids an entry holds and takes them out.
/// </summary>
public static class Withholding
{
    public static readonly IReadOnlySet<Guid> Nobody = new HashSet<Guid>();

    /// <summary>Every id the entry names: its subjects and every id its details hold, whatever field holds it.</summary>
    public static IReadOnlyList<Guid> IdsIn(ChronologyEntry entry)
    {
        var ids = entry.Subjects.Select(s => s.PersonId).ToList();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(entry.Details));
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 36 && Guid.TryParse(reader.GetString(), out var id))
                ids.Add(id);
        return ids;
    }

    /// <summary>The details JSON with every value that is one of these ids replaced by null (in a list, the place is kept).</summary>
    public static string Redact(string details, IReadOnlySet<Guid> withheld)
    {
        if (withheld.Count == 0) return details;
        var root = JsonNode.Parse(details);
        return root is null || !Walk(root, withheld) ? details : root.ToJsonString();
    }

    private static bool Walk(JsonNode node, IReadOnlySet<Guid> withheld)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                    if (IsWithheld(value, withheld)) { o[name] = null; changed = true; }
                    else if (value is not null) changed |= Walk(value, withheld);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (IsWithheld(a[i], withheld)) { a[i] = null; changed = true; }
                    else if (a[i] is { } item) changed |= Walk(item, withheld);
                break;
        }
        return changed;
    }

    private static bool IsWithheld(JsonNode? node, IReadOnlySet<Guid> withheld) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id) && withheld.Contains(id);
}
