using Chronicle.Core.Learning.Import;
using FuzzySharp;

namespace Chronicle.Core.Learning;

/// <summary>An earlier finding or lesson that a new one mirrors, and why Chronicle thinks so.</summary>
public sealed record EarlierFinding(string Review, string? Number, string Text, IReadOnlyList<string> SharedThemes, int WordingSimilarity, string Source);

/// <summary>
/// "This mirrors an earlier review": compares a finding as it is drafted or imported with the earlier findings and
/// lessons of the partnership's own reviews and of the bundled library, by shared themes and by wording.
/// </summary>
public static class Recurrence
{
    /// <summary>Similarity (0-100) at or above which wording alone counts as a match.</summary>
    public const int WordingThreshold = 70;

    public sealed record Candidate(string Review, string? Number, string Text, IReadOnlyList<string> Themes, string Source);

    public static IReadOnlyList<EarlierFinding> Find(string text, IEnumerable<Candidate> earlier, int max = 10)
    {
        var themes = ThemeSuggester.Suggest([text]).Select(t => t.Code).ToHashSet();
        return [.. earlier
            .Select(c =>
            {
                var shared = c.Themes.Where(themes.Contains).Order(StringComparer.Ordinal).ToList();
                var wording = Fuzz.TokenSetRatio(Normalise(text), Normalise(c.Text));
                return new EarlierFinding(c.Review, c.Number, c.Text, shared, wording, c.Source);
            })
            .Where(m => m.WordingSimilarity >= WordingThreshold || m.SharedThemes.Count > 0 && m.WordingSimilarity >= 45)
            .OrderByDescending(m => m.SharedThemes.Count * 15 + m.WordingSimilarity)
            .Take(max)];
    }

    /// <summary>The findings and lessons of the bundled seed documents, as candidates.</summary>
    public static IEnumerable<Candidate> Library() =>
        SeedLibrary.All.SelectMany(d =>
            d.Brief.Findings.Select(f => (f.Number, f.Text))
                .Concat(d.Brief.Lessons.Select(l => (l.Number, l.Text)))
                .Select(x => new Candidate(d.Brief.Title, x.Number, x.Text, [.. ThemeSuggester.Suggest([x.Text]).Select(t => t.Code)], "Chronicle's library of published reviews")));

    private static string Normalise(string s) => s.ToLowerInvariant();
}
