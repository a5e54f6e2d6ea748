namespace Chronicle.Core.Learning.Import;

/// <summary>Makes headings typed in capitals readable without losing initials such as CPIR or S47.</summary>
internal static class Casing
{
    private static readonly HashSet<string> Initials = new(StringComparer.OrdinalIgnoreCase)
    {
        "A&E", "BSCB", "CAMHS", "CIN", "CP", "CPIR", "CSCP", "CSC", "CSPR", "DHR", "DSCB", "GP", "GPS", "ICB", "ICPC",
        "LADO", "LCSPR", "LSCB", "MARAC", "MASH", "NHS", "NSPCC", "PLO", "RCPC", "SAR", "SCP", "SCR", "UK",
    };

    private static readonly HashSet<string> SmallWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
    };

    public static string TitleCase(string text) => DocumentLines.IsShouting(text) ? Recase(text, title: true) : text;

    public static string SentenceCase(string text) => DocumentLines.IsShouting(text) ? Recase(text, title: false) : text;

    private static string Recase(string text, bool title)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var first = i == 0;
            var last = i == words.Length - 1;
            words[i] = string.Join('-', words[i].Split('-').Select(part => Word(part, title, first, last)));
        }
        return string.Join(' ', words);
    }

    private static string Word(string word, bool title, bool first, bool last)
    {
        var letters = word.Trim('"', '\'', '“', '”', '‘', '’', '(', ')', ',', ':', ';', '.');
        if (letters.Length == 0 || letters.Any(char.IsDigit) || Initials.Contains(letters)) return word;
        // A lone capital at the end is a pseudonym ("Baby R", "Child A"), not the article.
        if (letters.Length == 1 && last) return word;
        var lower = word.ToLowerInvariant();
        var capitalise = first || (title && !SmallWords.Contains(letters));
        if (!capitalise) return lower;
        var at = lower.IndexOf(letters[0].ToString(), StringComparison.OrdinalIgnoreCase);
        return lower[..at] + char.ToUpperInvariant(lower[at]) + lower[(at + 1)..];
    }
}
