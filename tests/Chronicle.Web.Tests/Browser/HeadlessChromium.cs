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
        var page = await Browser.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(server, "/").ToString());
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(displayName);
        return page;
    }

    /// <summary>Signs out and closes the page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
