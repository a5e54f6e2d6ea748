using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>The accessibility check every browser test runs: it fails on what axe-core finds, as axe-core's own runner finds it.</summary>
public sealed class AxeTests : IAsyncLifetime
{
    private const string Head = "<!DOCTYPE html><html lang=\"en\"><head><title>A form</title></head><body><main><h1>A form</h1>";

    private HeadlessChromium _chromium = null!;

    public async ValueTask InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async ValueTask DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task A_page_with_violations_fails_naming_each_as_the_packages_own_runner_finds_them()
    {
        var page = await _chromium.Browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await page.SetContentAsync(Head + "<img src=\"x.png\"><input type=\"text\"><p style=\"color:#bbb;background:#fff\">Faint text</p></main></body></html>");

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => AssertAccessibleAsync(page));
        var packages = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] } });

        Assert.Equal(["color-contrast", "image-alt", "label"], packages.Violations.Select(v => v.Id).Order());
        foreach (var violation in packages.Violations) Assert.Contains($"{violation.Id} ({violation.Help})", failure.Message);
        await page.GotoAsync("about:blank");
    }

    [Fact]
    public async Task The_same_page_made_accessible_passes_and_a_page_with_a_frame_fails()
    {
        var page = await _chromium.Browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await page.SetContentAsync(Head + "<img src=\"x.png\" alt=\"A map\"><label for=\"n\">Name</label><input id=\"n\" type=\"text\"><p>Plain text</p></main></body></html>");
        await AssertAccessibleAsync(page);

        await page.SetContentAsync(Head + "<iframe title=\"Another page\" srcdoc=\"<img src='x.png'>\"></iframe></main></body></html>");
        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => AssertAccessibleAsync(page));
        Assert.Contains("has a frame inside it", failure.Message);
        await page.GotoAsync("about:blank");
    }
}
