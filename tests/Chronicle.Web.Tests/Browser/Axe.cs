using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.2 A and AA rules, as every browser test runs them on the pages it visits (its best-practice
/// rules left out: "region" flags GOV.UK's own template, whose back link sits before the main landmark).
/// </summary>
/// <remarks>
/// The axe-core that Deque.AxeCore.Playwright bundles, run in the page in one step, <c>axe.run(document)</c>: the same
/// rules and results as the package's own runner, which also sends the script again and opens a second page to merge
/// each run, several times the cost. Every frame is the page's own (Chronicle's pages have none other), so the document
/// is all there is to check; a page with another frame fails rather than be checked in part.
/// </remarks>
public static class Axe
{
    private static readonly string Script = new BundledAxeScriptProvider().GetScript();

    private static readonly object Wcag = new
    {
        runOnly = new { type = "tag", values = new[] { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa" } },
    };

    /// <summary>Fails naming each violation and where it is, if the page as it stands has any.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        Assert.True(page.Frames.Count == 1, $"{page.Url} has a frame inside it, which axe-core is not run in");
        // Once a document: a page checked again as it changes (a narrower screen) keeps the script it has.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync($"() => {{ {Script} }}");
        var result = await page.EvaluateAsync<JsonElement>("options => axe.run(document, options)", Wcag);
        var violations = result.GetProperty("violations").EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}) at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("target").ToString()))}").ToList();
        Assert.True(violations.Count == 0, $"{page.Url}: {string.Join("; ", violations)}");
        RazorLeak.AssertNone(page.Url, await page.InnerTextAsync("body"));
    }
}
