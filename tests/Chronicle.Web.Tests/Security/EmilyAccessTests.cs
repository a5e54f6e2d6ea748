using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Audit;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>What each kind of user sees of Emily, from the list and the search to break glass, and what they may write.</summary>
[Collection(EmilyCollection.Name)]
public sealed class EmilyAccessTests(EmilyApp emily)
{
    private ChronicleApp App => emily.App;

    [Fact]
    public async Task Each_role_lands_on_its_own_work_and_a_sibling_now_adult_is_not_listed_as_a_child()
    {
        var practitioner = await emily.ClientAsync(Actor.TeamPractitioner);
        var home = await practitioner.GetStringAsync("/");
        var listed = System.Text.RegularExpressions.Regex.Matches(home[home.IndexOf("id=\"tray-children\"", StringComparison.Ordinal)..], "<a class=\"govuk-link\" href=\"/children/([0-9a-f-]+)\">")
            .Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

        Assert.Contains(emily.Emily, listed);
        // Sibling 1, born in 2005, is an adult: her record is still open to the practitioner, but she is not a child they work with.
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync($"/children/{emily.Sibling}")).StatusCode);
        Assert.DoesNotContain(emily.Sibling, listed);
        Assert.DoesNotContain("id=\"team-caseload\"", home);

        var manager = await (await emily.ClientAsync(Actor.ManagerOfTeamMember)).GetStringAsync("/");
        Assert.Contains("id=\"team-caseload\"", manager);
        Assert.Contains("Social worker (Emily&#x27;s family)", manager[manager.IndexOf("id=\"tray-team\"", StringComparison.Ordinal)..]);

        foreach (var (actor, work) in new[] { (Actor.BusinessUnit, "/learning"), (Actor.Reviewer, "/learning/scrutiny"), (Actor.InformationGovernance, "/break-glass/granted"), (Actor.Administrator, "/accounts") })
        {
            var page = await (await emily.ClientAsync(actor)).GetStringAsync("/");
            Assert.Contains("id=\"other-work\"", page);
            Assert.Contains($"href=\"{work}\"", page[page.IndexOf("id=\"other-work\"", StringComparison.Ordinal)..]);
            Assert.DoesNotContain("does not give you access", page);
        }
    }

    [Fact]
    public async Task A_GP_outside_Emilys_team_sees_nothing_of_her_anywhere_search_included()
    {
        var gp = await emily.ClientAsync(Actor.OutsideGp);

        var home = await gp.GetStringAsync("/");
        var children = await gp.GetStringAsync("/api/children");
        var byName = await SearchAsync(gp, new() { ["name"] = "Emily" });
        var byNhsNumber = await SearchAsync(gp, new() { ["nhsNumber"] = EmilyApp.EmilyNhsNumber });
        var bySiblingsName = await SearchAsync(gp, new() { ["name"] = "Sibling" });
        var page = await gp.GetAsync($"/children/{emily.Emily}");
        var chronology = await gp.GetAsync($"/api/children/{emily.Emily}/chronology");
        var person = await gp.GetAsync($"/api/people/{emily.Emily}");
        var mother = await gp.GetAsync($"/api/people/{emily.Mother}/relationships");

        emily.AssertNothingOfEmily(home, "the home page");
        Assert.Equal("[]", children);
        foreach (var (search, what, typed) in new[] { (byName, "a search by name", "Emily"), (byNhsNumber, "a search by NHS number", EmilyApp.EmilyNhsNumber), (bySiblingsName, "a search for a sibling", "Sibling") })
        {
            Assert.Contains("id=\"no-match\"", search);
            // What the user typed is shown back to them; nothing else of hers may be.
            emily.AssertNothingOfEmily(search, what, except: [typed, "943 476 5919"]);
        }
        foreach (var (response, what) in new[] { (page, "the child page"), (chronology, "the chronology"), (person, "the person"), (mother, "the mother's relationships") })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            emily.AssertNothingOfEmily(await response.Content.ReadAsStringAsync(), what);
        }
        // Her record answers exactly as a record that does not exist.
        var nobody = await gp.GetAsync($"/api/children/{Guid.NewGuid()}/chronology");
        Assert.Equal((await nobody.Content.ReadAsStringAsync()).Split("traceId")[0], (await chronology.Content.ReadAsStringAsync()).Split("traceId")[0]);
    }

    [Fact]
    public async Task Emilys_team_sees_her_in_the_list_the_search_and_the_record()
    {
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);

        var home = await worker.GetStringAsync("/");
        var search = await SearchAsync(worker, new() { ["nhsNumber"] = "943 476 5919" });
        var chronology = await worker.GetFromJsonAsync<JsonElement>($"/api/children/{emily.Emily}/chronology", ChronicleApp.Json);

        Assert.Contains($"href=\"/children/{emily.Emily}\"", home);
        Assert.Contains($"href=\"/children/{emily.Emily}\">Emily", search);
        Assert.True(chronology.GetArrayLength() > 10);
    }

    [Fact]
    public async Task Break_glass_asks_the_reason_first_then_shows_her_audits_the_reason_and_flags_it_to_the_lead_and_information_governance()
    {
        var gp = await App.SignInAsync(emily.SecondOutsideGp);
        const string reason = "Emily brought to our out-of-hours clinic with a head injury; need her plan now";

        var tooShort = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "Emily", ["dateOfBirth"] = "3/6/2019", ["reason"] = "urgent" });
        var nobody = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "Nobody Known", ["dateOfBirth"] = "3/6/2019", ["reason"] = reason });
        var granted = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "Emily", ["dateOfBirth"] = "3/6/2019", ["reason"] = reason });
        var record = await gp.GetAsync($"/children/{emily.Emily}");

        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        var refusal = await tooShort.Content.ReadAsStringAsync();
        Assert.Contains("The reason must be at least 20 characters", refusal);
        Assert.Contains("No record found", await nobody.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal($"/children/{emily.Emily}", granted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var page = await record.Content.ReadAsStringAsync();
        Assert.Contains("id=\"child-name\">Emily</h1>", page);
        Assert.Contains("break-glass access", page);
        // Break glass reads and records what was done: no share, plan or meeting is offered (the server refuses them too).
        Assert.DoesNotContain("Schedule a meeting", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Start a plan", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Share</a>", page, StringComparison.Ordinal);
        foreach (var work in new[] { "meetings/new", "plans/new", "plans/review" })
            Assert.True((await gp.GetAsync($"/children/{emily.Emily}/{work}")).StatusCode == HttpStatusCode.Forbidden, $"break glass opened {work}");
        // What is recorded of sharing, supervision and closure is read, as through the API, with no form to act.
        Guid anEntry;
        await using (var entries = App.OpenDb())
            anEntry = await entries.EntrySubjects.Where(x => x.PersonId == emily.Emily).Select(x => x.EntryId).FirstAsync();
        foreach (var read in new[] { $"sharing?entryId={anEntry}", "supervision", "closure" })
        {
            var body = await gp.GetStringAsync($"/children/{emily.Emily}/{read}");
            Assert.Contains("id=\"break-glass-reads\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("method=\"post\"", body.Split("<main")[^1], StringComparison.Ordinal);
        }
        // Each other view says it in one line under a compact banner.
        var chronology = await gp.GetStringAsync($"/children/{emily.Emily}/chronology");
        Assert.Contains("Break-glass access until", chronology, StringComparison.Ordinal);
        Assert.DoesNotContain("flagged to the lead professional", chronology, StringComparison.Ordinal);
        Assert.Contains("app-child-banner--compact", chronology, StringComparison.Ordinal);

        await using var db = App.OpenDb();
        var audit = await db.AuditEntries.Where(a => a.Action == AuditAction.BreakGlass && a.SubjectPersonId == emily.Emily).ToListAsync();
        Assert.Contains(audit, a => a.Detail!.Contains(reason, StringComparison.Ordinal));
        Assert.True((await new AuditLog(db, TimeProvider.System).VerifyAsync()).Intact);

        var governance = await (await emily.ClientAsync(Actor.InformationGovernance)).GetStringAsync("/break-glass/granted");
        Assert.Contains(reason, governance);
        Assert.Contains("Locum GP (Riverside Medical Practice)", governance);
        var leadsHome = await (await emily.ClientAsync(Actor.TeamPractitioner)).GetStringAsync("/");
        Assert.Contains("id=\"break-glass-on-my-children\"", leadsHome);
        Assert.Contains(reason, leadsHome);
        var lead = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").Select(p => p.Id).SingleAsync();
        var officer = await db.Professionals.Where(p => p.Name == Chronicle.Web.Hosting.DemoAccounts.InformationGovernance).Select(p => p.Id).SingleAsync();
        var notified = await db.Notifications.Where(n => n.Kind == Core.Sharing.NotificationKind.BreakGlassUsed && n.ChildPersonId == emily.Emily).ToListAsync();
        Assert.Contains(notified, n => n.RecipientProfessionalId == lead && n.Title.Contains(reason, StringComparison.Ordinal));
        Assert.Contains(notified, n => n.RecipientProfessionalId == officer);
        var history = await (await emily.ClientAsync(Actor.TeamPractitioner)).GetStringAsync($"/children/{emily.Emily}/viewers");
        Assert.Contains("Locum GP (Riverside Medical Practice)", history);
        Assert.Contains("Used break-glass access to open the record", history);
        // Information governance judges each grant from this page: words and UK times, not enum names or ISO instants.
        Assert.DoesNotContain("BreakGlass", history);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", history);
    }

    [Fact]
    public async Task Break_glass_from_a_link_does_not_say_whether_the_child_exists_before_the_reason()
    {
        var gp = await App.SignInAsync(emily.SecondOutsideGp);

        var real = await gp.GetStringAsync($"/break-glass?childId={emily.Emily}");
        var made = await gp.GetStringAsync($"/break-glass?childId={Guid.NewGuid()}");
        var missing = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["childId"] = Guid.NewGuid().ToString(), ["name"] = "Emily", ["dateOfBirth"] = "3/6/2019", ["reason"] = "Emergency: child brought in by ambulance" });

        Assert.Equal(Normalise(real, emily.Emily), Normalise(made, null));
        Assert.Contains("No record found", await missing.Content.ReadAsStringAsync());
        var forbidden = await (await emily.ClientAsync(Actor.BusinessUnit)).GetAsync($"/break-glass?childId={emily.Emily}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_viewing_history_lists_who_read_the_record_for_the_lead_and_information_governance_only()
    {
        var manager = await emily.ClientAsync(Actor.ManagerOfTeamMember);
        await manager.GetAsync($"/children/{emily.Emily}");

        var lead = await (await emily.ClientAsync(Actor.TeamPractitioner)).GetStringAsync($"/children/{emily.Emily}/viewers");
        var governance = await (await emily.ClientAsync(Actor.InformationGovernance)).GetStringAsync($"/children/{emily.Emily}/viewers");
        var refused = await manager.GetAsync($"/children/{emily.Emily}/viewers");

        Assert.Contains("Team manager (Emily&#x27;s family)", lead);
        Assert.Contains("Viewed the summary", governance);
        Assert.DoesNotContain($"/children/{emily.Emily}", governance.Replace($"href=\"/children/{emily.Emily}", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await using var db = App.OpenDb();
        var read = await db.AuditEntries.Where(a => a.Action == AuditAction.Read && a.SubjectPersonId == emily.Emily && a.Target == $"GET /children/{emily.Emily}").ToListAsync();
        Assert.NotEmpty(read);
        Assert.All(read, a => Assert.NotNull(a.UserId));
    }

    [Fact]
    public async Task The_front_door_sees_a_child_while_a_contact_about_them_waits_and_the_other_children_it_asks_about_whom_it_may_name_but_not_grant_access_to()
    {
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        var frontDoor = await App.SignInAsync(emily.UserNames[Actor.FrontDoor]);
        var before = await frontDoor.GetAsync($"/children/{emily.Sibling}");
        var emilyBefore = await frontDoor.GetAsync($"/children/{emily.Emily}");

        // A contact about Emily's eldest sister, who shares her mother: the front door must consider Emily too.
        var contact = await App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact",
            details = new { type = "contact", concerns = "School reports bruising" },
            occurredAt = "2024-05-01T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Sibling },
            source = "reported-by",
            sourceName = "School",
        });
        var during = await frontDoor.GetAsync($"/children/{emily.Sibling}");
        var emilyDuring = await frontDoor.GetAsync($"/children/{emily.Emily}");
        var considered = await frontDoor.PostAsJsonAsync("/api/entries", new
        {
            kind = "decision",
            details = new { topic = "other-children", decision = "Checks on Emily", rationale = "Emily lives with her sister; school and health visitor asked", aboutPersonId = emily.Emily },
            occurredAt = "2024-05-01T12:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Sibling },
            source = "seen-by-recorder",
        }, ChronicleApp.Json);
        // Seeing Emily for her sister's contact is no authority over her team: adding someone waits for her lead.
        Guid frontDoorWorker;
        await using (var db = App.OpenDb())
            frontDoorWorker = await db.UserAccounts.Where(a => a.UserName == emily.UserNames[Actor.FrontDoor]).Select(a => a.ProfessionalId!.Value).SingleAsync();
        var joined = await frontDoor.PostAsJsonAsync($"/api/children/{emily.Emily}/team/members", new { professionalId = frontDoorWorker, role = "front door", reason = "Keep an eye" }, ChronicleApp.Json);
        await App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact-decision",
            details = new { contactEntryId = contact, decision = "early-help", rationale = "Early Help offered" },
            occurredAt = "2024-05-01T15:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Sibling },
            source = "seen-by-recorder",
        });
        var after = await frontDoor.GetAsync($"/children/{emily.Sibling}");
        var emilyAfter = await frontDoor.GetAsync($"/children/{emily.Emily}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (before.StatusCode, emilyBefore.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (during.StatusCode, emilyDuring.StatusCode));
        Assert.True(considered.StatusCode == HttpStatusCode.Created, $"{(int)considered.StatusCode}: {await considered.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Accepted, joined.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (after.StatusCode, emilyAfter.StatusCode));
    }

    [Fact]
    public async Task A_front_door_decision_from_an_alert_that_ends_its_access_lands_on_its_work_tray_saying_what_was_recorded()
    {
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        var frontDoor = await App.SignInAsync(emily.UserNames[Actor.FrontDoor]);
        var contact = await App.CreateAsync(worker, "/api/entries", new
        {
            kind = "contact",
            details = new { type = "contact", concerns = "Neighbour reports shouting" },
            occurredAt = "2024-06-03T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Sibling },
            source = "reported-by",
            sourceName = "Neighbour",
        });
        var alert = Guid.NewGuid();
        await using (var db = App.OpenDb())
        {
            var partnership = await db.Alerts.Where(a => a.Id == emily.ResolvedAlert).Select(a => a.PartnershipId).SingleAsync();
            db.Alerts.Add(new Core.Safeguards.Alert
            {
                Id = alert, PartnershipId = partnership, SafeguardId = "SG-30", SubjectPersonId = emily.Sibling, CauseKey = $"test-{alert}",
                Summary = "Information shared with the front door is not recorded", AskFor = "Record the decision on what was shared",
                RaisedAt = DateTimeOffset.UtcNow.AddDays(-3), DueAt = DateTimeOffset.UtcNow.AddDays(-1), Status = Core.Safeguards.AlertStatus.Open,
            });
            await db.SaveChangesAsync();
        }
        var form = $"/children/{emily.Sibling}/entries/new?kind=contact-decision&alert={alert}";
        var decided = await ChronicleApp.PostFormAsync(frontDoor, form, new()
        {
            ["alert"] = alert.ToString(), ["kind"] = "contact-decision", ["occurredAt"] = "3/6/2024 15:00", ["occurredPrecision"] = "exact",
            ["source"] = "seen-by-recorder", ["subjects"] = emily.Sibling.ToString(),
            ["details.contactEntryId"] = contact.ToString(), ["details.decision"] = "early-help", ["details.rationale"] = "Early Help offered",
        });

        // The decision closed the contact, and with it the front door's access: neither the alert nor the chronology is theirs to open now.
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, $"{(int)decided.StatusCode}: {await decided.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/children/{emily.Sibling}")).StatusCode);
        var landing = decided.Headers.Location!.OriginalString;
        Assert.Equal("/", landing);
        var tray = await frontDoor.GetAsync(landing);
        Assert.Equal(HttpStatusCode.OK, tray.StatusCode);
        var page = await tray.Content.ReadAsStringAsync();
        Assert.Contains("Your entry is on Sibling 1 (eldest)&#x27;s record", page);
        Assert.Contains("Front door information not recorded", page);
        Assert.Contains("ended your access", page);
        await using (var db = App.OpenDb())
        {
            var status = await db.Alerts.Where(a => a.Id == alert).Select(a => a.Status).SingleAsync();
            Assert.Contains(status == Core.Safeguards.AlertStatus.Resolved ? "is resolved" : "stays open", page);
            Assert.Equal(1, await db.Entries.CountAsync(e => e.Kind == "contact-decision" && e.Details.Contains(contact.ToString())));
        }
        // Said once: the next visit to the tray has no banner.
        Assert.DoesNotContain("ended your access", await frontDoor.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_restricted_health_entry_is_seen_by_its_agency_and_the_lead_not_the_rest_of_the_team()
    {
        var gp = await emily.ClientAsync(Actor.TeamGp);
        var id = await App.CreateAsync(gp, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text = "Mother attended sexual health clinic" },
            occurredAt = "2024-05-02T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Mother },
            source = "seen-by-recorder",
            sharingLevel = "restricted-health",
        });

        var lead = await Ids(await emily.ClientAsync(Actor.TeamPractitioner));
        var recorder = await Ids(gp);
        var manager = await Ids(await emily.ClientAsync(Actor.ManagerOfTeamMember));
        var single = await (await emily.ClientAsync(Actor.ManagerOfTeamMember)).GetAsync($"/api/entries/{id}");

        Assert.Contains(id, lead);
        Assert.Contains(id, recorder);
        Assert.DoesNotContain(id, manager);
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);

        async Task<List<Guid>> Ids(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/children/{emily.Emily}/chronology?kind=observation&pageSize=500", ChronicleApp.Json)).EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task A_write_about_someone_the_writer_may_not_see_is_refused_as_if_they_did_not_exist_and_nothing_is_written()
    {
        var gp = await emily.ClientAsync(Actor.OutsideGp);
        int entries, relationships;
        await using (var db = App.OpenDb()) (entries, relationships) = (await db.Entries.CountAsync(), await db.Relationships.CountAsync());
        object Entry(Guid about) => new
        {
            kind = "observation",
            details = new { topic = "other", text = "Seen in clinic" },
            occurredAt = "2024-05-03T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { about },
            source = "seen-by-recorder",
        };

        var aboutEmily = await gp.PostAsJsonAsync("/api/entries", Entry(emily.Emily), ChronicleApp.Json);
        var aboutNobody = await gp.PostAsJsonAsync("/api/entries", Entry(Guid.NewGuid()), ChronicleApp.Json);
        var tie = await gp.PostAsJsonAsync("/api/relationships", new { personId = emily.Mother, kind = "mother", relatedPersonId = emily.Emily }, ChronicleApp.Json);

        var refused = await Api.ApiTestData.ErrorsAsync(aboutEmily);
        Assert.Equal(refused, await Api.ApiTestData.ErrorsAsync(aboutNobody));
        Assert.Equal(["No such person in this partnership"], refused["subjects[0]"]);
        Assert.Contains("personId", (await Api.ApiTestData.ErrorsAsync(tie)).Keys);
        await using var after = App.OpenDb();
        Assert.Equal(entries, await after.Entries.CountAsync());
        Assert.Equal(relationships, await after.Relationships.CountAsync());
    }

    [Fact]
    public async Task An_entry_is_recorded_as_the_signed_in_professional_and_naming_someone_else_is_refused()
    {
        var worker = await emily.ClientAsync(Actor.TeamPractitioner);
        Guid me, other;
        await using (var db = App.OpenDb())
        {
            me = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").Select(p => p.Id).SingleAsync();
            other = await db.Professionals.Where(p => p.Name == "GP (Emily's family)").Select(p => p.Id).SingleAsync();
        }
        object Entry(Guid? by) => new
        {
            kind = "home-visit",
            details = new { childSeen = true },
            occurredAt = "2024-05-04T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { emily.Emily },
            source = "seen-by-recorder",
            recordedByProfessionalId = by,
        };

        var mine = await worker.PostAsJsonAsync("/api/entries", Entry(null), ChronicleApp.Json);
        var theirs = await worker.PostAsJsonAsync("/api/entries", Entry(other), ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        var created = await mine.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(me, created.GetProperty("recordedByProfessionalId").GetGuid());
        Assert.Contains("recordedByProfessionalId", (await Api.ApiTestData.ErrorsAsync(theirs)).Keys);
        await using var after = App.OpenDb();
        var id = created.GetProperty("id").GetGuid();
        var write = await after.AuditEntries.SingleAsync(a => a.Action == AuditAction.Write && a.Detail == $"created /api/entries/{id}" && a.SubjectPersonId == emily.Emily);
        Assert.Equal("POST /api/entries", write.Target);
    }

    [Fact]
    public async Task Someone_added_to_the_team_around_the_child_sees_her_and_loses_her_when_removed()
    {
        var admin = await emily.ClientAsync(Actor.Administrator);
        var nurse = await App.CreateAsync(admin, "/api/professionals", new { name = "Community nurse (Riverside)", agencyId = emily.OtherPracticeAgency, role = "other" });
        var client = await App.SignInAsync(await App.AddAccountAsync(nurse));
        Guid partnership, lead;
        await using (var db = App.OpenDb())
        {
            partnership = await db.People.Where(p => p.Id == emily.Emily).Select(p => p.PartnershipId).SingleAsync();
            lead = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").Select(p => p.Id).SingleAsync();
        }
        var change = new Core.TeamAroundChild.TeamChangeInput(emily.Emily, nurse, emily.OtherPracticeAgency, "community nurse", "Visiting after the head injury", lead);

        var before = await client.GetAsync($"/children/{emily.Emily}");
        await ChangeTeamAsync(t => t.AddAsync(partnership, change));
        var added = await client.GetAsync($"/children/{emily.Emily}");
        await ChangeTeamAsync(t => t.RemoveAsync(partnership, change with { Reason = "Visits ended" }));
        var removed = await client.GetAsync($"/children/{emily.Emily}");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
    }

    private async Task ChangeTeamAsync(Func<Core.TeamAroundChild.TeamService, Task<Core.Validation.Outcome<Core.TeamAroundChild.TeamChange>>> change)
    {
        await using var db = App.OpenDb();
        var service = new Core.TeamAroundChild.TeamService(db, new Core.Chronology.ChronologyService(db, TimeProvider.System, []), TimeProvider.System);
        (await change(service)).Unwrap();
    }

    [Fact]
    public async Task Roles_without_a_relationship_to_children_see_no_child()
    {
        foreach (var actor in new[] { Actor.BusinessUnit, Actor.Reviewer, Actor.InformationGovernance, Actor.Administrator })
        {
            var client = await emily.ClientAsync(actor);
            var home = await client.GetStringAsync("/");
            Assert.Contains("id=\"other-work\"", home);
            Assert.DoesNotContain("href=\"/children/", home);
            Assert.Equal("[]", await client.GetStringAsync("/api/children"));
        }
    }

    private async Task<string> SearchAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await ChronicleApp.PostFormAsync(client, "/", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A page with the request's own id, antiforgery token and trace left out.</summary>
    private static string Normalise(string page, Guid? id)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
        text = System.Text.RegularExpressions.Regex.Replace(text, "name=\"childId\" value=\"[^\"]+\"", "");
        return id is null ? text : text.Replace(id.ToString()!, "", StringComparison.Ordinal);
    }
}
