using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Family T's team app on a loopback port with real headless Chromium (Debian's, at /usr/bin/chromium): what the
/// browser tests of the team around the child share. Problems the pages report (console errors, failed requests)
/// are collected for each test to assert there were none.
/// </summary>
public abstract class TeamInChromium : IAsyncLifetime
{
    protected TeamApp Team { get; private set; } = null!;
    protected HeadlessChromium Chromium { get; private set; } = null!;
    protected List<string> Problems { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Team = await TeamApp.StartAsync(Provider.Sqlite, kestrel: true);
        Chromium = await HeadlessChromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Team.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<IPage> SignInAsync(string professional) =>
        await Chromium.SignInAsync(Team.App.ServerAddress, await Team.App.UserNameOfAsync(professional), professional, Problems);

    protected static Task SignOutAsync(IPage page) => HeadlessChromium.SignOutAsync(page);
}
