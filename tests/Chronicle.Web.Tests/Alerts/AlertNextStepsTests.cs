using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Alerts;
using Chronicle.Web.Recording;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// Every safeguard of the catalogue, for every kind of cause the catalogue raises, offers at least one screen that does
/// what its alert asks; each screen exists, names the alert's child, and chooses only what the form has and only
/// entries the reader may see.
/// </summary>
public sealed class AlertNextStepsTests
{
    /// <summary>The kinds of cause the catalogue's safeguards raise (the part of a cause key before its first id).</summary>
    private static readonly string[] Causes =
    [
        "injury", "attendance", "assessment", "decision", "medical", "result", "account", "corrected-referral", "person",
        "open-assessment", "risk", "risk-not-recorded", "share", "acknowledge", "agency", "absent", "invite", "move",
        "no-contact", "household", "concern", "contacts", "was-not-brought", "non-engagement", "cumulative-harm",
        "referral-decision", "icpc", "core-group", "review-conference", "transfer-in", "staff-absence", "opening", "closing",
        "plan-items", "meeting", "safety-plan", "physical-harm", "pre-birth-assessment", "pre-birth-conference",
        "records-request", "records-receipt", "police-protection", "police-protection-warning", "discharge", "escalation",
        "front-door-share", "step-down",
    ];

    private static readonly Guid Child = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    public static TheoryData<string> Safeguards() => [.. SafeguardCatalogue.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Safeguards))]
    public void Every_cause_of_a_safeguard_offers_a_screen_that_does_what_it_asks(string safeguard)
    {
        var evidence = EntryKinds.All.Select(k => new EvidenceView(Guid.NewGuid(), "1 March 2015", "An agency", k.Label, "", k.Code)).ToList();
        foreach (var cause in Causes)
        {
            var key = cause is "medical" ? $"medical:{Guid.NewGuid()}:report" : $"{cause}:{Guid.NewGuid()}:person:{Other}";
            var view = View(safeguard, key, evidence);
            foreach (var closesCases in new[] { true, false })
            {
                var steps = AlertNextSteps.For(view, closesCases: closesCases);
                Assert.True(steps.Count > 0, $"{safeguard} ({cause}) offers nothing to do");
                foreach (var step in steps) Check(view, key, step);
                Assert.True(closesCases || steps.All(s => s.Kind != StepKind.Closure), $"{safeguard} ({cause}) offers closing the case to one who may not");
            }
        }
    }

    [Fact]
    public void Closing_the_case_is_a_button_for_childrens_social_care_and_others_are_told_who_does_it()
    {
        var view = View("SG-22", $"closing:{Guid.NewGuid()}", []);

        var mine = Assert.Single(AlertNextSteps.For(view, closesCases: true), s => s.Kind is StepKind.Closure or StepKind.Told);
        var theirs = Assert.Single(AlertNextSteps.For(view, closesCases: false), s => s.Kind is StepKind.Closure or StepKind.Told);

        Assert.Equal(StepKind.Closure, mine.Kind);
        Assert.Equal("/TeamAroundChild/Closure", mine.Page);
        Assert.Equal(StepKind.Told, theirs.Kind);
        Assert.StartsWith("Children's social care closes the case", theirs.Text, StringComparison.Ordinal);
        Assert.Empty(theirs.Route);
    }

    [Fact]
    public void An_entry_the_reader_may_not_see_is_never_named_and_a_share_needs_an_entry_they_may_see()
    {
        var steps = AlertNextSteps.For(View("SG-08", $"share:{Guid.NewGuid()}", []));
        Assert.DoesNotContain(steps, s => s.Kind == StepKind.Share);
        var seen = new EvidenceView(Guid.NewGuid(), "1 March 2015", "Police", "Observation", "", EntryKinds.Observation.Code);
        var share = Assert.Single(AlertNextSteps.For(View("SG-08", $"share:{Guid.NewGuid()}", [seen])));
        Assert.Equal(StepKind.Share, share.Kind);
        Assert.Equal(seen.EntryId.ToString(), share.Route["entryId"]);
    }

    [Fact]
    public void A_decision_step_chooses_the_topic_and_what_it_is_about()
    {
        var agency = Guid.NewGuid();
        var steps = AlertNextSteps.For(View("SG-09", $"agency:{agency}", []));
        Assert.Contains(steps, s => s.Kind == StepKind.Team && s.Route["agencyId"] == agency.ToString());
        var decision = Assert.Single(steps, s => s.Kind == StepKind.Record);
        Assert.Equal("decision", decision.Route["kind"]);
        Assert.Equal("team-membership", decision.Route["details.topic"]);
        Assert.Equal(agency.ToString(), decision.Route["details.aboutAgencyId"]);
    }

    [Fact]
    public void A_family_events_entry_to_record_is_about_every_child_of_the_event_given_and_no_other_screen_is()
    {
        var sibling = Guid.NewGuid();
        var baby = Guid.NewGuid();
        // Cumulative harm across the family: its step is an assessment recorded on the entry form.
        var contact = new EvidenceView(Guid.NewGuid(), "1 March 2015", "Children's social care", "Contact", "", EntryKinds.Contact.Code);
        var view = View("SG-18", $"cumulative:{contact.EntryId}", [contact]);

        var alone = AlertNextSteps.For(view);
        var family = AlertNextSteps.For(view, [sibling, baby]);

        Assert.All(alone, s => Assert.False(s.Route.ContainsKey(AlertNextSteps.SubjectsKey)));
        var records = family.Where(s => s.Kind == StepKind.Record).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal($"{sibling},{baby}", r.Route[AlertNextSteps.SubjectsKey]));
        Assert.All(records, r => Assert.Equal(Child.ToString(), r.Route["id"]));
        Assert.All(family.Where(s => s.Kind != StepKind.Record), s => Assert.False(s.Route.ContainsKey(AlertNextSteps.SubjectsKey)));
    }

    [Fact]
    public void A_closed_alert_or_one_the_reader_may_not_act_on_offers_nothing()
    {
        var view = View("SG-21", $"opening:{Guid.NewGuid()}", []);
        Assert.NotEmpty(new AlertCard(view, true, false, "alert").Steps);
        Assert.Empty(new AlertCard(view, false, false, "alert").Steps);
        view.Alert.Status = AlertStatus.Closed;
        Assert.Empty(new AlertCard(view, true, false, "alert").Steps);
    }

    private static void Check(AlertView view, string key, NextStep step)
    {
        var about = $"{view.Alert.SafeguardId} ({key}): {step.Text}";
        if (step.Kind == StepKind.Told)
        {
            // Said plainly, not a link: who does it.
            Assert.Equal("", step.Page);
            Assert.Contains("children's social care", step.Text, StringComparison.OrdinalIgnoreCase);
            return;
        }
        Assert.True(File.Exists(RepositoryFiles.Path($"src/Chronicle.Web/Pages{step.Page}.cshtml")), $"{about}: no page {step.Page}");
        Assert.False(string.IsNullOrWhiteSpace(step.Text), about);
        if (step.Kind != StepKind.Acknowledge) Assert.Equal(view.ChildId.ToString(), step.Route["id"]);
        if (step.Route.TryGetValue("alert", out var alert)) Assert.Equal(view.Alert.Id.ToString(), alert);

        // Every entry named is one the reader may see: the alert's evidence as read for them.
        var visible = view.Evidence.Select(e => e.EntryId.ToString()).ToHashSet();
        var named = new[] { "entryId", "corrects", "details.aboutEntryId", "details.contactEntryId", "details.medicalEntryId", "details.planEntryId", "details.requestEntryId", "details.respondsToEntryIds" };
        foreach (var field in named)
            if (step.Route.TryGetValue(field, out var entry)) Assert.True(visible.Contains(entry), $"{about}: {field} names an entry that is not among what the reader may see");

        if (step.Route.TryGetValue("kind", out var code))
        {
            var kind = EntryKinds.Find(code);
            Assert.True(kind is not null, $"{about}: no entry kind {code}");
            var fields = EntryForm.FieldsOf(kind!.DetailsType).Select(f => $"details.{f.Name}").ToHashSet();
            foreach (var field in step.Route.Keys.Where(k => k.StartsWith("details.", StringComparison.Ordinal)))
                Assert.True(fields.Contains(field), $"{about}: {code} has no field {field}");
            if (step.Route.TryGetValue("details.topic", out var topic))
                Assert.Contains(topic, Enum.GetValues<DecisionTopic>().Select(t => EntryForm.Code(t)));
        }
        if (step.Route.TryGetValue("type", out var type))
            Assert.Contains(type, Enum.GetValues<MeetingType>().Select(t => EntryForm.Code(t)));
    }

    [Theory]
    [InlineData("SG-06", "person:{0}:address")]
    [InlineData("SG-12", "assessment:x:person:{0}")]
    [InlineData("SG-14", "concern:2015-03-01:child:{0}")]
    public void A_step_chooses_the_person_its_cause_names_only_if_the_reader_may_see_them(string safeguard, string cause)
    {
        var evidence = new List<EvidenceView> { new(Guid.NewGuid(), "1 March 2015", "An agency", "Injury", "", EntryKinds.Injury.Code) };
        var key = string.Format(System.Globalization.CultureInfo.InvariantCulture, cause, Other);
        string Routes(WithheldNames? withheld) => string.Join(' ', AlertNextSteps.For(View(safeguard, key, evidence) with { Withheld = withheld }).SelectMany(s => s.Route.Values));
        Assert.Contains(Other.ToString(), Routes(WithheldNames.Nobody), StringComparison.OrdinalIgnoreCase);
        // Hidden from the reader, or not known to be visible: the cause's person is neither chosen nor identified.
        Assert.DoesNotContain(Other.ToString(), Routes(new WithheldNames([], [], [Other])), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Other.ToString(), Routes(null), StringComparison.OrdinalIgnoreCase);
    }

    private static AlertView View(string safeguard, string cause, IReadOnlyList<EvidenceView> evidence)
    {
        var alert = new Alert
        {
            Id = Guid.NewGuid(),
            SafeguardId = safeguard,
            CauseKey = cause,
            SubjectPersonId = Child,
            Summary = "",
            AskFor = "",
            Status = AlertStatus.Open,
            EvidenceEntryIds = string.Join(',', evidence.Select(e => e.EntryId)),
        };
        return new AlertView(alert, SafeguardCatalogue.All.Single(s => s.Id == safeguard), "Child", "Owner", null, false, evidence, 0, []);
    }
}
