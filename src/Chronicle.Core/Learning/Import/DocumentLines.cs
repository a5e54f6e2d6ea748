using System.Net;
using System.Text.RegularExpressions;

namespace Chronicle.Core.Learning.Import;

internal enum LineKind
{
    Blank,
    Heading,
    Label,
    Group,
    Bullet,
    Text,
    TableRow,
}

internal enum HeadingStyle
{
    None,
    Section,
    Sub,
    Theme,
}

/// <summary>
/// One line of a learning document after clean-up. Text has bullet glyphs, numbers and markup removed; Number is the
/// item's own number ("BF1.1", "5") when the line carries one; Label is "finding", "lesson" and so on for labelled
/// items; Raw keeps a table row's cells and markup.
/// </summary>
internal sealed record DocumentLine(
    LineKind Kind,
    string Text,
    string? Number = null,
    string? Label = null,
    HeadingStyle Style = HeadingStyle.None,
    bool AfterBlank = false,
    bool Indented = false,
    string Raw = "");

/// <summary>Turns plain text converted from Word or PDF into classified lines, tolerating the conversions' debris.</summary>
internal static partial class DocumentLines
{
    public static IReadOnlyList<DocumentLine> Read(string text)
    {
        var raw = Normalise(text).Split('\n');
        var lines = new List<DocumentLine>(raw.Length);
        var afterBlank = true;
        foreach (var line in raw)
        {
            var read = Classify(line, afterBlank, lines.Count > 0 ? lines[^1] : null);
            lines.Add(read);
            afterBlank = read.Kind == LineKind.Blank;
        }
        for (var i = 0; i < lines.Count; i++) lines[i] = Refine(lines, i);
        return lines;
    }

    public static int NextContent(IReadOnlyList<DocumentLine> lines, int index)
    {
        for (var i = index + 1; i < lines.Count; i++)
            if (lines[i].Kind != LineKind.Blank) return i;
        return -1;
    }

    public static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    public static string StripMarkup(string text) => Collapse(WebUtility.HtmlDecode(HtmlTag().Replace(text, "")));

    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        if (t.Length == 0) return true;
        if (".!?:;".Contains(t[^1])) return true;
        return t.Length > 1 && "\"”’')]".Contains(t[^1]) && ".!?".Contains(t[^2]);
    }

    public static bool IsShouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= 4 && letters.Count(char.IsUpper) >= letters.Count * 0.8;
    }

    private static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u00A0', ' ')
            .Replace("\uFEFF", "").Replace("\u200B", "");
        // A bold run that ends a line is a heading, even when a converter glued it to the line before
        // ("BRIEFING – BABY R**What is a CPIR?**") or wrapped it over two lines. Bold inside a sentence is just emphasis.
        return Bold().Replace(text, m =>
        {
            var inner = Collapse(m.Groups["inner"].Value);
            var end = m.Index + m.Length;
            var endsLine = end == text.Length || text[end] == '\n';
            var startsLine = m.Index == 0 || text[m.Index - 1] == '\n';
            return endsLine ? (startsLine ? "" : "\n") + "**" + inner + "**" : inner;
        });
    }

    private static DocumentLine Classify(string line, bool afterBlank, DocumentLine? previous)
    {
        if (string.IsNullOrWhiteSpace(line)) return new(LineKind.Blank, "");
        if (line.Count(c => c == '\t') >= 2 || (line.TrimStart().StartsWith('|') && line.Count(c => c == '|') >= 3))
            return new(LineKind.TableRow, "", AfterBlank: afterBlank, Raw: line);

        var text = StripMarkup(line);
        if (text.Length == 0) return new(LineKind.Blank, "");
        if (MarkdownHeading().Match(line) is { Success: true } md)
            return Heading(StripMarkup(md.Groups["text"].Value), afterBlank);
        if (BoldLine().Match(line.Trim()) is { Success: true } bold)
            return Heading(StripMarkup(bold.Groups["text"].Value), afterBlank);
        if (ThemeHeading().Match(text) is { Success: true } theme)
            return new(LineKind.Heading, theme.Groups["text"].Value.Trim(), theme.Groups["number"].Value,
                Style: HeadingStyle.Theme, AfterBlank: afterBlank);
        if (LabelledItem().Match(text) is { Success: true } label)
            return new(LineKind.Label, label.Groups["rest"].Value.Trim(), label.Groups["number"].Value,
                Label: label.Groups["label"].Value.ToLowerInvariant(), AfterBlank: afterBlank);

        var indented = line.Length > 0 && char.IsWhiteSpace(line[0]);
        if (BulletGlyph().Match(line) is { Success: true } bullet)
            return Item(StripMarkup(bullet.Groups["text"].Value), afterBlank, indented);
        // Word's symbol-font bullets often vanish in conversion and leave only their indent behind.
        if (indented && (afterBlank || previous?.Kind is not (LineKind.Bullet or LineKind.Text)))
            return Item(text, afterBlank, indented);
        if (indented) return new(LineKind.Text, text, AfterBlank: afterBlank, Indented: true);
        if (NumberedItem().IsMatch(text)) return Item(text, afterBlank, indented);
        if (text.Length <= 160 && !text.EndsWith('.') && IsShouting(text)) return Heading(text, afterBlank);
        if (text.Length <= 80 && !EndsSentence(text) && SectionHeadings.Classify(text) is not SectionKind.Unknown)
            return Heading(text, afterBlank);
        return new(LineKind.Text, text, AfterBlank: afterBlank);
    }

    private static DocumentLine Heading(string text, bool afterBlank) =>
        new(LineKind.Heading, text.TrimEnd(':').TrimEnd(), Style: HeadingStyle.Section, AfterBlank: afterBlank);

    private static DocumentLine Item(string text, bool afterBlank, bool indented)
    {
        var numbered = NumberedItem().Match(text);
        return numbered.Success
            ? new(LineKind.Bullet, numbered.Groups["text"].Value.Trim(), numbered.Groups["number"].Value, AfterBlank: afterBlank, Indented: indented)
            : new(LineKind.Bullet, text, AfterBlank: afterBlank, Indented: indented);
    }

    // Needs the lines that follow: a numbered line over a bullet list heads a group ("1. Processes, planning and
    // engagement"); a short line over a list or table is a sub-heading.
    private static DocumentLine Refine(List<DocumentLine> lines, int index)
    {
        var line = lines[index];
        if (line.Kind is not (LineKind.Bullet or LineKind.Text)) return line;
        var next = NextContent(lines, index);
        if (next < 0) return line;
        var following = lines[next];
        var isShortTitle = line.Text.Length <= 100 && !EndsSentence(line.Text) && line.Text.Length > 0 &&
            (char.IsUpper(line.Text[0]) || char.IsDigit(line.Text[0]));
        if (!isShortTitle) return line;
        if (line.Kind == LineKind.Bullet && line.Number is not null && following.Kind == LineKind.Bullet && following.Number is null)
            return line with { Kind = LineKind.Group };
        if (line.Kind == LineKind.Text && following.Kind is LineKind.Bullet or LineKind.TableRow)
            return line with { Kind = LineKind.Heading, Style = HeadingStyle.Sub };
        return line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\*\*(?<inner>(?:(?!\n\s*\n)[^*])+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"^\*\*(?<text>.+)\*\*$")]
    private static partial Regex BoldLine();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex MarkdownHeading();

    // Only real HTML elements: autolinks such as <https://…> stay as text.
    [GeneratedRegex(@"</?(?:p|sup|sub|br|span|strong|em|b|i|u|div|li|ul|ol|td|tr|th|table|tbody|thead|font|a)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^Theme\s+(?<number>\d+)\s*[:.\-–]\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ThemeHeading();

    [GeneratedRegex(@"^(?<label>Finding|Lesson|Learning point|Recommendation|Action)\s+(?<number>[A-Z]{0,5}\d+(?:\.\d+)*[a-z]?)(?!\w)\s*[:.\-–]?\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelledItem();

    // Hyphen, asterisk, the usual bullets, dashes, and the private-use glyphs of Word's Symbol and Wingdings fonts.
    [GeneratedRegex(@"^\s*[-*+•◦▪▫●○‣⁃∙·–—\uF000-\uF0FF]\s+(?<text>\S.*)$")]
    private static partial Regex BulletGlyph();

    [GeneratedRegex(@"^(?<number>\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]\s+(?<text>\S.*)$")]
    private static partial Regex NumberedItem();
}
