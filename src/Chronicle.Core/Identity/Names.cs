using System.Globalization;
using System.Text;

namespace Chronicle.Core.Identity;

/// <summary>
/// How names are compared: folded to plain capital letters (accents, punctuation and spacing do not make two names
/// differ), a phonetic key in the style of Metaphone (so Mohammed, Muhammad and Mohamed, or Catherine and Kathryn,
/// sound alike), Jaro-Winkler similarity for typing slips, and the nickname table for given names.
/// </summary>
public static class Names
{
    /// <summary>Capital letters only, accents removed ("Zoë O'Neil" to "ZOEONEIL"); parts of a name are split first by <see cref="Parts"/>.</summary>
    public static string Fold(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        // Most names are plain ASCII, which decomposing leaves as it is: their letters are kept without asking ICU.
        if (Ascii.IsValid(name)) return FoldAscii(name);
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var u = char.ToUpperInvariant(c);
            if (u is >= 'A' and <= 'Z') sb.Append(u);
            else if (u == 'ß') sb.Append("SS");
            else if (u is 'Æ') sb.Append("AE");
            else if (u is 'Ø') sb.Append('O');
        }
        return sb.ToString();
    }

    private static string FoldAscii(string name)
    {
        Span<char> letters = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        var same = true;
        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z') letters[n++] = c;
            else if (c is >= 'a' and <= 'z') { letters[n++] = (char)(c - ('a' - 'A')); same = false; }
            else same = false;
        }
        return same ? name : new string(letters[..n]);
    }

    private static readonly char[] Separators = [' ', '-', '\u2010', '\u2013', '/', ','];

    /// <summary>The parts of a name: hyphenated and double-barrelled names give each part ("Smith-Jones" to SMITH, JONES).</summary>
    public static string[] Parts(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var split = name.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<string>(split.Length);
        foreach (var part in split)
            if (Fold(part) is { Length: > 0 } folded) parts.Add(folded);
        return [.. parts];
    }

    /// <summary>
    /// A phonetic key after Lawrence Philips' Metaphone, with the transliteration folds that matter for names
    /// recorded by different agencies (PH/F, KH/K, OU/U, doubled letters, silent endings). Vowels after the first
    /// letter are dropped, so vowel spellings (Mohammed, Muhammad) share a key.
    /// </summary>
    public static string Phonetic(string folded)
    {
        if (folded.Length == 0) return "";
        var w = folded;
        // Initial exceptions.
        if (w.StartsWith("KN", StringComparison.Ordinal) || w.StartsWith("GN", StringComparison.Ordinal) || w.StartsWith("PN", StringComparison.Ordinal)
            || w.StartsWith("AE", StringComparison.Ordinal) || w.StartsWith("WR", StringComparison.Ordinal)) w = w[1..];
        if (w.StartsWith('X')) w = "S" + w[1..];
        if (w.StartsWith("WH", StringComparison.Ordinal)) w = "W" + w[2..];
        var key = new StringBuilder(8);
        char Last() => key.Length == 0 ? '\0' : key[^1];
        void Add(char c) { if (Last() != c) key.Append(c); }
        for (var i = 0; i < w.Length && key.Length < 8; i++)
        {
            var c = w[i];
            var prev = i > 0 ? w[i - 1] : '\0';
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            var next2 = i + 2 < w.Length ? w[i + 2] : '\0';
            if (c == prev && c != 'C') continue;
            switch (c)
            {
                case 'A' or 'E' or 'I' or 'O' or 'U':
                    if (i == 0) Add('A');
                    break;
                case 'B':
                    if (!(prev == 'M' && i == w.Length - 1)) Add('P');
                    break;
                case 'C':
                    if (next == 'I' && next2 == 'A') Add('X');
                    else if (next == 'H') { Add(prev == 'S' ? 'K' : 'X'); i++; }
                    else if (next is 'I' or 'E' or 'Y') { if (prev != 'S') Add('S'); }
                    else Add('K');
                    break;
                case 'D':
                    if (next == 'G' && next2 is 'E' or 'Y' or 'I') { Add('J'); i++; }
                    else Add('T');
                    break;
                case 'G':
                    if (next == 'H' && !(i + 2 < w.Length && !IsVowel(next2))) { if (i == 0) Add('K'); i++; }
                    else if (next == 'N' && (i + 2 == w.Length || w.AsSpan(i + 2).SequenceEqual("ED"))) { }
                    else if (next is 'I' or 'E' or 'Y' && prev != 'G') Add('J');
                    else Add('K');
                    break;
                case 'H':
                    if (IsVowel(next) && !(prev is 'C' or 'S' or 'P' or 'T' or 'G' or 'K')) Add('H');
                    break;
                case 'K':
                    if (prev != 'C') Add('K');
                    if (next == 'H') i++;
                    break;
                case 'P':
                    if (next == 'H') { Add('F'); i++; } else Add('P');
                    break;
                case 'Q': Add('K'); break;
                case 'S':
                    if (next == 'H') { Add('X'); i++; }
                    else if (next == 'I' && next2 is 'O' or 'A') Add('X');
                    else if (next == 'C' && next2 == 'H') { Add('S'); Add('K'); i += 2; }
                    else Add('S');
                    break;
                case 'T':
                    if (next == 'I' && next2 is 'O' or 'A') Add('X');
                    else if (next == 'H') { Add('0'); i++; }
                    else if (!(next == 'C' && next2 == 'H')) Add('T');
                    break;
                case 'V': Add('F'); break;
                case 'W' or 'Y':
                    // A Y or W between vowels is a vowel sound in transliterations (Ayesha, Aisha).
                    if (IsVowel(next) && !(i > 0 && IsVowel(prev))) Add(c);
                    break;
                case 'X': Add('K'); Add('S'); break;
                case 'Z': Add('S'); break;
                default: Add(c); break; // F J L M N R
            }
        }
        return key.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';

    /// <summary>Jaro-Winkler similarity from 0 (nothing in common) to 1 (the same), with the usual prefix scale of 0.1 over four letters.</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;
        var range = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - range);
            var hi = Math.Min(b.Length - 1, i + range);
            for (var j = lo; j <= hi; j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3.0;
        var prefix = 0;
        for (var i = 0; i < Math.Min(4, Math.Min(a.Length, b.Length)) && a[i] == b[i]; i++) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>The nickname group of a folded given name (Bill and William share one), or the name itself when it has none.</summary>
    public static string NicknameGroup(string folded) => Nicknames.GroupOf(folded);
}
