using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Information governance reading a child's viewing history: a break-glass look found among many work-tray lists,
/// the filters by kind of look, by who and by dates, and 50 lines a page, newest first.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed class ViewingHistoryTests(EmilyApp emily)
{
    private ChronicleApp App => emily.App;

    [Fact]
    public async Task A_break_glass_look_is_not_buried_under_work_tray_lists_and_the_history_filters_and_pages_without_dropping_a_line()
    {
        var child = emily.Sibling;
        // The app is shared with other tests, whose home pages may have listed the child already: counted as they stand.
        int listsBefore;
        await using (var db = App.OpenDb())
        {
            var id = child.ToString();
            var upper = id.ToUpperInvariant();
            listsBefore = await db.AuditEntries.CountAsync(a => a.SubjectPersonId == child && a.Action == AuditAction.Read && !a.Target.Contains(id) && !a.Target.Contains(upper));
            var accounts = await db.UserAccounts.Where(a => a.UserName == emily.UserNames[Actor.TeamPractitioner] || a.UserName == emily.UserNames[Actor.OutsideGp]).ToListAsync();
            var worker = accounts.Single(a => a.UserName == emily.UserNames[Actor.TeamPractitioner]);
            var gp = accounts.Single(a => a.UserName == emily.UserNames[Actor.OutsideGp]);
            var log = new AuditLog(db, TimeProvider.System);
            AuditEvent By(Core.Security.UserAccount a, AuditAction action, string target, string? detail = null) =>
                new(action, target, a.PartnershipId, a.Id, a.ProfessionalId, child, detail, "192.0.2.10");
            await log.AppendAsync(By(gp, AuditAction.BreakGlass, "POST /break-glass", "reason: Emergency: brought in by ambulance; until 2026-12-06T16:43:41Z"));
            await log.AppendAsync(By(gp, AuditAction.Read, $"GET /children/{child}/chronology", "chronology as BreakGlass"));
            for (var i = 0; i < 55; i++) await log.AppendAsync(By(worker, AuditAction.Read, $"GET /children/{child}"));
            for (var i = 0; i < 63; i++) await log.AppendAsync(By(worker, AuditAction.Read, "GET /", "work tray of 3 children"));
        }
        var governance = await emily.ClientAsync(Actor.InformationGovernance);
        var path = $"/children/{child}/viewers";

        var breakGlass = await OpenAsync(governance, path + "?look=break-glass");
        var lines = Rows(breakGlass);
        Assert.Equal(2, lines.Count);
        Assert.Contains("Used break-glass access to open the record", lines[^1]);
        Assert.Contains("with break-glass access", lines[0]);

        var first = await OpenAsync(governance, path);
        Assert.Equal(50, Rows(first).Count);
        Assert.DoesNotContain(Rows(first), r => r.Contains("work tray", StringComparison.Ordinal));
        Assert.Contains($"{listsBefore + 63} lists naming the child left out", first.QuerySelector("#lists-left-out")!.TextContent);
        var next = first.QuerySelector("#viewing-pages .govuk-pagination__next a")!.GetAttribute("href")!;
        var second = await OpenAsync(governance, next);
        var total = int.Parse(first.QuerySelector("#viewing-count")!.TextContent.Split(" of ")[1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        // Reading the first page is itself a line of the history, newest of all.
        Assert.Equal(Math.Min(total + 1 - 50, 50), Rows(second).Count);

        var lists = await OpenAsync(governance, first.QuerySelector("#lists-left-out")!.GetAttribute("href")!);
        Assert.Equal(50, Rows(lists).Count);
        Assert.All(Rows(lists), r => Assert.Contains("work tray of 3 children", r));

        await using (var db = App.OpenDb())
        {
            var gpAccount = await db.UserAccounts.Where(a => a.UserName == emily.UserNames[Actor.OutsideGp]).Select(a => a.Id).SingleAsync();
            var theirs = await OpenAsync(governance, $"{path}?look=all&who={gpAccount}");
            Assert.Equal(2, Rows(theirs).Count);
            Assert.True(theirs.QuerySelector($"#who option[value='{gpAccount}']")!.HasAttribute("selected"));
        }

        var none = await OpenAsync(governance, $"{path}?from=1/1/2001&to=31/12/2001");
        Assert.Empty(Rows(none));
        var wrong = await OpenAsync(governance, $"{path}?from=31/2/2026&to=1/1/2020");
        Assert.Equal(["#from"], wrong.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        var backwards = await OpenAsync(governance, $"{path}?from=2/1/2020&to=1/1/2020");
        Assert.Equal(["#to"], backwards.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));

        await using var check = App.OpenDb();
        Assert.True(await check.AuditEntries.CountAsync(a => a.SubjectPersonId == child && a.Target == "GET /") >= 63);
    }

    private static List<string> Rows(IDocument page) => [.. page.QuerySelectorAll("#viewing-history tbody tr").Select(r => r.TextContent)];

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
    }
}
