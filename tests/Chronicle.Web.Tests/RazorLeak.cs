using System.Text.RegularExpressions;

namespace Chronicle.Web.Tests;

/// <summary>
/// Razor code shown as text: a page's markup that Razor read as plain text (an "@if" straight after a word is taken for
/// an e-mail address) reaches the reader as code. Every page a test reads is checked for it.
/// </summary>
public static partial class RazorLeak
{
    [GeneratedRegex(@"@(if|foreach|for|switch|using|await|Model|Html)\b\s*[\(\.{]")]
    private static partial Regex Code();

    public static void AssertNone(string where, string text)
    {
        var found = Code().Match(text);
        Assert.False(found.Success, $"{where} shows Razor code as text: \"{(found.Success ? text.Substring(Math.Max(0, found.Index - 40), Math.Min(80, text.Length - Math.Max(0, found.Index - 40))) : "")}\"");
    }
}
