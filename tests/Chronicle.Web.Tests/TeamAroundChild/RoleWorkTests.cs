using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Casework;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>
/// Each role is offered its own work on a child and nothing else, and the server refuses the rest: plans and closing
/// the case are children's social care's; a manager supervises the workers of their own agency, never a GP's or the police's.
/// </summary>
public sealed class RoleWorkTests : IAsyncLifetime
{
    private TeamApp _t = null!;

    public async ValueTask InitializeAsync() => _t = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task Another_agency_is_offered_neither_starting_a_plan_nor_closing_the_case_and_the_server_refuses_both()
    {
        foreach (var other in new[] { Gp, HealthVisitor })
        {
            var client = await _t.AsAsync(other);
            var child = await OpenAsync(client, $"/children/{_t.Child}");
            Assert.Equal(["Record an entry", "Share", "Schedule a meeting"], child.QuerySelectorAll("#child-actions a").Select(a => a.TextContent.Trim()).ToList());
            Assert.DoesNotContain("Close the case", child.GetElementById("case-links")!.TextContent, StringComparison.Ordinal);
            var plans = await OpenAsync(client, $"/children/{_t.Child}/plans");
            Assert.DoesNotContain(plans.QuerySelectorAll("main a"), a => a.TextContent.Trim() == "Start a plan");
            Assert.NotNull(plans.GetElementById("plans-by-social-care"));

            var before = await EntriesAsync();
            var plan = await ApiTestData.ErrorsAsync(await PostAsync(client, $"/api/children/{_t.Child}/plans", new { type = "child-in-need", draft = true }));
            Assert.Equal([StatutoryWork.PlansRefused], plan["recordedByProfessionalId"]);
            var asEntry = await ApiTestData.ErrorsAsync(await PostAsync(client, "/api/entries", new
            {
                kind = "plan-started", details = new { type = "child-in-need", draft = true }, subjects = new[] { _t.Child }, source = "seen-by-recorder",
            }));
            Assert.Equal([StatutoryWork.PlansRefused], asEntry["recordedByProfessionalId"]);
            var closure = await ApiTestData.ErrorsAsync(await PostAsync(client, $"/api/children/{_t.Child}/closure", new { reason = "No further concerns" }));
            Assert.Equal([StatutoryWork.ClosureRefused], closure["recordedByProfessionalId"]);
            Assert.Equal(before, await EntriesAsync());
        }

        // The child's social worker is offered both, and may.
        var sw = await _t.AsAsync(SocialWorker);
        var own = await OpenAsync(sw, $"/children/{_t.Child}");
        Assert.Contains("Start a plan", own.GetElementById("child-actions")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Close the case", own.GetElementById("case-links")!.TextContent, StringComparison.Ordinal);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/plans", new
        {
            type = "child-in-need",
            items = new[] { new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = _t.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" } },
        }));

        // Nor may another agency replace the plan with an entry of another kind by correcting it.
        Guid planEntry;
        await using (var db = _t.App.OpenDb()) planEntry = await db.Entries.Where(e => e.Kind == "plan-started").Select(e => e.Id).SingleAsync();
        var entriesBefore = await EntriesAsync();
        var replaced = await ApiTestData.ErrorsAsync(await PostAsync(await _t.AsAsync(Gp), $"/api/entries/{planEntry}/corrections", new
        {
            reason = "Not a plan",
            entry = new { kind = "observation", details = new { topic = "other", text = "Seen at the surgery" }, subjects = new[] { _t.Child }, source = "seen-by-recorder" },
        }));
        Assert.Contains(replaced.Values, messages => messages.Contains(StatutoryWork.PlansRefused));
        Assert.Equal(entriesBefore, await EntriesAsync());
    }

    [Fact]
    public async Task A_manager_is_offered_and_may_supervise_only_the_workers_of_their_own_agency()
    {
        var tm = await _t.AsAsync(TeamManager);
        var supervision = $"/children/{_t.Child}/supervision";
        var page = await OpenAsync(tm, supervision);
        var workers = page.QuerySelectorAll("#superviseeId option").Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal([SocialWorker], workers);

        foreach (var outsider in new[] { Gp, HealthVisitor })
        {
            var refused = await ChronicleApp.PostFormAsync(tm, supervision, new()
            {
                ["superviseeId"] = _t.Id(outsider).ToString(), ["point"] = "during", ["discussion"] = "Discussed the case",
            });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains($"A manager supervises workers of their own agency: {outsider} works for another agency", (await ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        }
        Assert.Equal(0, await EntriesAsync("supervision"));

        // Someone who supervises nobody in the team sees what is recorded, not a form.
        var gpPage = await OpenAsync(await _t.AsAsync(Gp), supervision);
        Assert.NotNull(gpPage.GetElementById("supervision-by-managers"));
        Assert.Null(gpPage.GetElementById("superviseeId"));
    }

    private async Task<int> EntriesAsync(string? kind = null)
    {
        await using var db = _t.App.OpenDb();
        return await db.Entries.CountAsync(e => kind == null || e.Kind == kind);
    }

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
}
