using System.Text.RegularExpressions;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Learning.Import;

/// <summary>
/// Reads a learning document (a review briefing, synopsis, scrutineer's response or partnership response, as plain
/// text) into a draft review. It follows the document's own headings, labels ("Finding BF1", "Recommendation 5"),
/// bullets and numbering; whatever it cannot place is left out rather than guessed.
/// </summary>
public static partial class BriefImporter
{
    public static ImportedBrief Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = DocumentLines.Read(text);
        var reader = new BriefReader(lines);
        var brief = reader.Read(Title(lines));
        return brief with { Themes = ThemeSuggester.Suggest(ThemeSources(brief, reader.NarrativeAsWritten, lines)) };
    }

    /// <summary>As <see cref="Parse"/>, refusing a document with no text in it.</summary>
    public static Outcome<ImportedBrief> Import(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? Outcome<ImportedBrief>.Refused("text", "The document is empty: there is nothing to import")
            : Outcome<ImportedBrief>.Ok(Parse(text));

    // The title is the line that names the review ("Serious Case Review in relation to Child BF"); failing that, the
    // first heading or short line.
    private static string Title(IReadOnlyList<DocumentLine> lines)
    {
        var candidates = lines.Where(l => l.Kind is LineKind.Heading or LineKind.Text && l.Style != HeadingStyle.Theme &&
            l.Text.Length is > 0 and <= 150 && !l.Text.EndsWith('.')).ToList();
        var title = candidates.FirstOrDefault(l => ReviewName().IsMatch(l.Text))
            ?? candidates.FirstOrDefault(l => l.Kind == LineKind.Heading)
            ?? candidates.FirstOrDefault();
        return title is null ? "" : Casing.TitleCase(title.Text);
    }

    // Themes are suggested from what the review says, not from the boilerplate around it; a document nothing could
    // be read from is searched whole.
    private static IEnumerable<string> ThemeSources(ImportedBrief brief, IEnumerable<string> narrative, IReadOnlyList<DocumentLine> lines)
    {
        var texts = new List<string?>(narrative);
        texts.AddRange(brief.Findings.Select(f => f.Text));
        texts.AddRange(brief.Lessons.Select(l => l.Text));
        texts.AddRange(brief.Recommendations.Select(r => r.Text));
        texts.AddRange(brief.Actions.SelectMany(a => new[] { a.Text, a.HowWeWillKnow }));
        texts.AddRange(brief.GoodPractice.Select(g => g.Text));
        var headings = brief.Findings.Select(f => f.Heading)
            .Concat(brief.Lessons.Select(l => l.Heading))
            .Concat(brief.Recommendations.Select(r => r.Heading));
        texts.AddRange(headings.Distinct());
        var found = texts.OfType<string>().ToList();
        return found.Count > 0 ? found : lines.Select(l => l.Text);
    }

    [GeneratedRegex(@"\b(serious case review|(local )?child safeguarding practice review|safeguarding practice review|learning review|incident review|rapid review|case review|domestic homicide review|safeguarding adults? review|learning brief(ing)?|LCSPR|CSPR|SCR|CPIR|DHR)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewName();
}
