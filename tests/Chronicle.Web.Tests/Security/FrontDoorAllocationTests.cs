using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// A front door decision that takes a contact further keeps the child with the front door, on its list of children
/// waiting for allocation, until a social worker holds the case: added to the team, or named by the decision itself.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed class FrontDoorAllocationTests(EmilyApp emily)
{
    private const string SocialWorker = "Social worker (Emily's family)";
    private const string Gp = "GP (Emily's family)";
    private ChronicleApp App => emily.App;

    /// <summary>A child no one of children's social care works with, and a referral about them from the GP, waiting for the front door.</summary>
    private async Task<(Guid Child, Guid Contact)> ReferredChildAsync(string name)
    {
        await using var db = App.OpenDb();
        var clock = TimeProvider.System;
        var partnership = await db.People.Where(p => p.Id == emily.Emily).Select(p => p.PartnershipId).SingleAsync();
        var child = (await new RecordService(db, clock).CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Child, KnownAs = name, DateOfBirth = new DateOnly(2019, 4, 2) })).Unwrap();
        var gp = await IdOfAsync(Gp);
        var contact = (await new ChronologyService(db, clock, []).RecordAsync(partnership, new EntryInput
        {
            Kind = EntryKinds.Contact.Code, Details = JsonSerializer.SerializeToElement(new { type = "referral", concerns = "Unexplained bruising at a check-up" }),
            OccurredAt = clock.GetUtcNow().AddHours(-2), RecordedByProfessionalId = gp, Subjects = [child.Id], Source = Source.ReportedBy, SourceName = "GP",
        })).Unwrap();
        return (child.Id, contact.Id);
    }

    private async Task<Guid> IdOfAsync(string professional)
    {
        await using var db = App.OpenDb();
        return await db.Professionals.Where(p => p.Name == professional).Select(p => p.Id).SingleAsync();
    }

    private static Dictionary<string, string> Decision(Guid child, Guid contact, string decision, Guid? allocatedTo = null)
    {
        var form = new Dictionary<string, string>
        {
            ["kind"] = "contact-decision", ["occurredPrecision"] = "unknown", ["source"] = "seen-by-recorder", ["subjects"] = child.ToString(),
            ["details.contactEntryId"] = contact.ToString(), ["details.decision"] = decision, ["details.rationale"] = "The bruising needs a full assessment",
        };
        if (allocatedTo is { } worker) form["details.allocatedToProfessionalId"] = worker.ToString();
        return form;
    }

    /// <summary>The text of one list on the work tray, or empty when the page has none.</summary>
    private static string Section(string page, string id) => new HtmlParser().ParseDocument(page).GetElementById(id)?.TextContent ?? "";

    [Fact]
    public async Task A_decision_to_assess_keeps_the_child_waiting_for_allocation_until_the_front_door_adds_a_social_worker()
    {
        var (child, contact) = await ReferredChildAsync("Wren Waiting");
        var frontDoor = await App.SignInAsync(emily.UserNames[Actor.FrontDoor]);
        var frontDoorManager = await App.SignInAsync(await App.UserNameOfAsync("Front door team manager (Bradford)"));
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        Assert.Contains("Wren Waiting", Section(await frontDoor.GetStringAsync("/"), "tray-waiting"));

        var decided = await ChronicleApp.PostFormAsync(frontDoor, $"/children/{child}/entries/new?kind=contact-decision", Decision(child, contact, "child-and-family-assessment"));

        // Still the front door's: back to the entry in the chronology, not to the work tray with access ended.
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, $"{(int)decided.StatusCode}: {await decided.Content.ReadAsStringAsync()}");
        Assert.NotEqual("/", decided.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await frontDoor.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frontDoorManager.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/children/{child}")).StatusCode);
        var home = await frontDoor.GetStringAsync("/");
        Assert.Contains("Wren Waiting", Section(home, "tray-waiting-for-allocation"));
        Assert.DoesNotContain("Wren Waiting", Section(home, "tray-waiting"));

        // The front door allocates: it may add a social worker to the team while the child waits with it.
        var added = await frontDoor.PostAsJsonAsync($"/api/children/{child}/team/members",
            new { professionalId = await IdOfAsync(SocialWorker), role = "allocated social worker", reason = "Allocated for the assessment" }, ChronicleApp.Json);
        Assert.True(added.StatusCode == HttpStatusCode.Created, $"{(int)added.StatusCode}: {await added.Content.ReadAsStringAsync()}");

        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoorManager.GetAsync($"/children/{child}")).StatusCode);
        Assert.DoesNotContain("Wren Waiting", await frontDoor.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_team_member_without_authority_to_grant_access_cannot_allocate_the_case_through_a_decision()
    {
        Guid newcomer;
        await using (var db = App.OpenDb())
        {
            var careAgency = await db.Professionals.Where(p => p.Name == SocialWorker).Select(p => new { p.AgencyId, p.PartnershipId }).SingleAsync();
            var worker = new Professional { Id = Guid.NewGuid(), PartnershipId = careAgency.PartnershipId, AgencyId = careAgency.AgencyId, Name = "Social worker new to the family", Role = ProfessionalRole.SocialWorker };
            db.Add(worker);
            await db.SaveChangesAsync();
            newcomer = worker.Id;
        }
        var gp = await emily.ClientAsync(Actor.TeamGp);

        var refused = await gp.PostAsJsonAsync("/api/entries", new
        {
            kind = "contact-decision", details = new { decision = "child-and-family-assessment", rationale = "An assessment is needed", allocatedToProfessionalId = newcomer },
            occurredPrecision = "unknown", subjects = new[] { emily.Emily }, source = "seen-by-recorder",
        }, ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(ChronologyService.AllocationRefused, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = App.OpenDb())
            Assert.False(await db.Involvements.AnyAsync(i => i.ProfessionalId == newcomer));
    }

    [Fact]
    public async Task The_decision_form_allocates_to_a_social_worker_of_childrens_social_care_and_refuses_anyone_else()
    {
        var (child, contact) = await ReferredChildAsync("Ash Allocated");
        var frontDoor = await App.SignInAsync(emily.UserNames[Actor.FrontDoor]);
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        var form = $"/children/{child}/entries/new?kind=contact-decision";

        var page = new HtmlParser().ParseDocument(await frontDoor.GetStringAsync(form));
        Assert.Equal("Allocate to (optional)", page.QuerySelector("label[for='details.allocatedToProfessionalId']")!.TextContent.Trim());
        var offered = page.QuerySelectorAll("select[name='details.allocatedToProfessionalId'] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains(offered, o => o.StartsWith(SocialWorker, StringComparison.Ordinal));
        Assert.DoesNotContain(offered, o => o.StartsWith(Gp, StringComparison.Ordinal) || o.StartsWith("Front door social worker", StringComparison.Ordinal) || o.Contains("dministrator", StringComparison.Ordinal));

        var refused = await ChronicleApp.PostFormAsync(frontDoor, form, Decision(child, contact, "strategy-discussion", allocatedTo: await IdOfAsync(Gp)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains($"{Gp} cannot be allocated the case: choose a social worker or team manager of children's social care", summary);
        await using (var db = App.OpenDb())
            Assert.False(await db.EntrySubjects.AnyAsync(s => s.PersonId == child && db.Entries.Any(e => e.Id == s.EntryId && e.Kind == "contact-decision")));

        var allocated = await ChronicleApp.PostFormAsync(frontDoor, form, Decision(child, contact, "strategy-discussion", allocatedTo: await IdOfAsync(SocialWorker)));

        // Allocated by the decision: the social worker holds the case, and the front door's access ended with it.
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        Assert.Equal("/", allocated.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/children/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/children/{child}")).StatusCode);
        await using (var db = App.OpenDb())
            Assert.False(await db.OpenContacts.AnyAsync(o => o.PersonId == child));
    }
}
