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

/// <summary>
/// A text written from a whole family's record (a safeguard's summary and what it asks for) as a reader may see it:
/// every name of a person the reader may not see is replaced by <see cref="Names.WithheldPerson"/>, the words an entry
/// uses for them. Names are matched whole-word, in any case and spacing, longest first; a name of someone the reader
/// may see is matched too and left as it is, so that a hidden person's shorter name inside it ("Smith" in "Emily
/// Smith") does not change it. A name that is both (two people called alike) is withheld.
/// </summary>
public sealed class WithheldNames
{
    /// <summary>Nobody withheld: the text as written.</summary>
    public static readonly WithheldNames Nobody = new([], []);

    private readonly HashSet<string> _hidden;
    private readonly HashSet<Guid> _hiddenPeople;
    private readonly System.Text.RegularExpressions.Regex? _pattern;

    /// <param name="hidden">The names of the people withheld.</param>
    /// <param name="shown">The names of the people the reader may see (a name both share is not taken out).</param>
    /// <param name="hiddenPeople">The ids of the people withheld, never to be identified either.</param>
    public WithheldNames(IEnumerable<string> hidden, IEnumerable<string> shown, IEnumerable<Guid>? hiddenPeople = null)
    {
        _hiddenPeople = [.. hiddenPeople ?? []];
        _hidden = new HashSet<string>(hidden.Select(Clean).Where(n => n.Length > 0), StringComparer.OrdinalIgnoreCase);
        if (_hidden.Count == 0) return;
        var names = _hidden.Concat(shown.Select(Clean).Where(n => n.Length > 0)).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
            .Select(n => System.Text.RegularExpressions.Regex.Escape(n).Replace("\\ ", "\\s+", StringComparison.Ordinal));
        _pattern = new System.Text.RegularExpressions.Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', names)})(?![\p{{L}}\p{{N}}])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Whether anyone is withheld.</summary>
    public bool Any => _hidden.Count > 0 || _hiddenPeople.Count > 0;

    /// <summary>Whether this person is withheld from the reader: neither named nor identified.</summary>
    public bool Hides(Guid person) => _hiddenPeople.Contains(person);

    /// <summary>The text with every name of a withheld person replaced by <see cref="Names.WithheldPerson"/>.</summary>
    public string In(string text) =>
        _pattern is null || string.IsNullOrEmpty(text) ? text : _pattern.Replace(text, m => _hidden.Contains(Clean(m.Value)) ? Names.WithheldPerson : m.Value);

    /// <summary>Every name a person is recorded by: as shown, known as, their full name, and each other name recorded for them (an agency's list, a merge).</summary>
    public static IEnumerable<string> Of(Chronicle.Core.Record.Person person, IEnumerable<(string? Given, string? Family)> otherNames)
    {
        if (person.DisplayName != Record.Person.NameNotKnown) yield return person.DisplayName;
        if (!string.IsNullOrWhiteSpace(person.KnownAs)) yield return person.KnownAs;
        foreach (var (given, family) in otherNames.Prepend((person.GivenName, person.FamilyName)))
        {
            var full = string.Join(' ', new[] { given, family }.Where(p => !string.IsNullOrWhiteSpace(p)));
            if (full.Length > 0) yield return full;
        }
    }

    private static string Clean(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
