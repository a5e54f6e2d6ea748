using System.Text.RegularExpressions;

namespace Chronicle.Core.Learning.Import;

/// <summary>Suggests taxonomy themes from the words of a document, keeping the words as evidence.</summary>
public static class ThemeSuggester
{
    private static readonly IReadOnlyList<(Theme Theme, Regex Pattern)> Patterns =
        Themes.All.Select(t => (t, Compile(t.Phrases))).ToList();

    public static IReadOnlyList<ThemeSuggestion> Suggest(IEnumerable<string> texts)
    {
        var all = texts.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var suggestions = new List<(ThemeSuggestion Suggestion, int Order)>();
        for (var order = 0; order < Patterns.Count; order++)
        {
            var (theme, pattern) = Patterns[order];
            var matches = all.SelectMany(t => pattern.Matches(t)).Select(m => m.Value).ToList();
            if (matches.Count == 0) continue;
            suggestions.Add((new ThemeSuggestion(theme.Code, theme.Label, matches.Count, matches.Distinct(StringComparer.OrdinalIgnoreCase).ToList()), order));
        }
        return suggestions.OrderByDescending(s => s.Suggestion.Hits).ThenBy(s => s.Order).Select(s => s.Suggestion).ToList();
    }

    internal static Regex Compile(IEnumerable<string> phrases)
    {
        var alternatives = phrases.Select(Phrase).OrderByDescending(p => p.Length);
        return new Regex(@"(?<!\w)(?:" + string.Join("|", alternatives) + @")(?!\w)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    // See Theme: words are whole; a hyphen may be a space or nothing; "word*" takes any ending; "*" is any one word.
    private static string Phrase(string phrase) => string.Join(@"[\s-]+", phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Word));

    private static string Word(string word)
    {
        if (word == "*") return @"[\w’']+";
        var stem = word.EndsWith('*');
        var parts = (stem ? word[..^1] : word).Split('-').Select(p => Regex.Replace(Regex.Escape(p), "['’]", "['’]"));
        return string.Join(@"[\s-]?", parts) + (stem ? @"[\w’']*" : "");
    }
}
