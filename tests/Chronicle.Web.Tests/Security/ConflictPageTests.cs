using System.Net;
using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Tests.Alerts;

namespace Chronicle.Web.Tests.Security;

/// <summary>A form sent over a record someone else has just changed: the page as it now is, saying what changed.</summary>
public sealed partial class ConflictPageTests
{
    [Fact]
    public async Task Closing_an_alert_someone_closed_a_moment_ago_shows_what_changed_and_saves_nothing()
    {
        var babyR = new BabyRApp();
        await babyR.InitializeAsync();
        try
        {
            var first = await babyR.SignInAsync(BabyRApp.TeamManager);
            var second = await babyR.SignInAsync(BabyRApp.TeamManager);
            var alert = (await babyR.OpenAlertsAsync("SG-21"))[0];
            var close = $"/alerts/{alert.Id}/close";
            // Both have the form open; the first closes the alert, then the second sends theirs.
            var staleForm = await second.GetStringAsync(close);
            Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(first, close, new() { ["reason"] = "Discussed in supervision" })).StatusCode);
            var response = await second.PostAsync(close, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["reason"] = "A different reason",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(staleForm).Groups[1].Value),
            }));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await BabyRApp.OpenAsync(second, response.Headers.Location!.OriginalString);
            Assert.Contains("This alert is already closed", page.GetElementById("write-conflict")!.TextContent);
            var closed = Assert.Single(await babyR.EventsAsync(alert.Id), e => e.Type == AlertEventType.Closed);
            Assert.Equal("Discussed in supervision", closed.Reason);
        }
        finally
        {
            await babyR.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
