using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.2 A and AA rules, as every browser test runs them on the pages it visits (its best-practice
/// rules left out: "region" flags GOV.UK's own template, whose back link sits before the main landmark).
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>Fails naming each violation and where it is, if the page as it stands has any.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        Assert.True(result.Violations.Length == 0,
            $"{page.Url}: {string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"))}");
    }
}
