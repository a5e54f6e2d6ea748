using Chronicle.Web.Hosting;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium (at /usr/bin/chromium), headless, with a throwaway profile: the browser every browser test
/// drives against the app on a loopback port.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, string profile, IBrowserContext browser)
    {
        _playwright = playwright;
        _profile = profile;
        Browser = browser;
    }

    public IBrowserContext Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium package (scripts/test.sh does)");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("chronicle-chromium-").FullName;
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return new HeadlessChromium(playwright, profile, browser);
    }

    /// <summary>
    /// A new page signed in to the app at <paramref name="server"/> as a demo account (by user name), checked by the
    /// name the page shows; every console error and page error is added to <paramref name="problems"/>.
    /// </summary>
    public async Task<IPage> SignInAsync(Uri server, string userName, string displayName, List<string> problems)
    {
        // Playwright sets no time limit on opening a page; a browser that never opens one fails the test, never hangs it.
        var page = await Browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(server, "/").ToString());
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(displayName);
        return page;
    }

    /// <summary>
    /// Signs out and leaves the page blank. It is not closed: headless Chromium left with no page open can be left unable
    /// to open the next one.
    /// </summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("about:blank");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // A browser that does not close is stopped: found by the profile folder only this browser uses.
            foreach (var process in System.Diagnostics.Process.GetProcessesByName("chromium"))
            {
                try
                {
                    if (File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(_profile, StringComparison.Ordinal)) process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
            }
        }
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
