using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class AgenciesDisagreeTests
{
    private readonly AgenciesDisagree _safeguard = new();

    [Fact]
    public void Health_and_social_care_recording_the_father_at_different_addresses_is_flagged()
    {
        var f = new TestFamily();
        f.Case.Address(f.Father, "1 Family Home, Bristol", f.HealthVisiting, new DateOnly(2014, 1, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(1, 5)));
        f.Case.Address(f.Father, "9 Elsewhere Road, Bristol", f.SocialCare, new DateOnly(2015, 1, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(1, 29, 15)));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 29, 14)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 29, 16)));

        Assert.StartsWith("address:", finding.CauseKey);
        Assert.DoesNotContain("Elsewhere", finding.CauseKey, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(2, 5), finding.DueAt);
        Assert.Contains("a family member's address", finding.Summary);
    }

    [Fact]
    public void The_same_address_written_differently_is_not_a_disagreement()
    {
        var f = new TestFamily();
        f.Case.Address(f.Child, "1 Family Home, Bristol", f.HealthVisiting, new DateOnly(2015, 1, 1));
        f.Case.Address(f.Child, "1 FAMILY HOME BRISTOL", f.SocialCare, new DateOnly(2015, 1, 1));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2)));
    }

    [Fact]
    public void A_later_address_from_the_same_agency_replaces_its_earlier_one()
    {
        var f = new TestFamily();
        f.Case.Address(f.Child, "1 Family Home", f.HealthVisiting, new DateOnly(2015, 1, 1));
        f.Case.Address(f.Child, "2 New Flat", f.SocialCare, new DateOnly(2015, 2, 1));
        f.Case.Address(f.Child, "2 New Flat", f.HealthVisiting, new DateOnly(2015, 2, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(2, 10)));

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 9)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 11)));
    }

    [Fact]
    public void An_address_that_has_ended_is_not_current()
    {
        var f = new TestFamily();
        f.Case.Address(f.Child, "1 Family Home", f.HealthVisiting, new DateOnly(2015, 1, 1)).To = new DateOnly(2015, 1, 31);
        f.Case.Address(f.Child, "2 New Flat", f.SocialCare, new DateOnly(2015, 2, 1));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 9)));
    }

    [Fact]
    public void A_third_agency_agreeing_with_one_side_keeps_the_same_cause()
    {
        var f = new TestFamily();
        f.Case.Address(f.Child, "1 Family Home", f.HealthVisiting, new DateOnly(2015, 1, 1));
        f.Case.Address(f.Child, "2 New Flat", f.SocialCare, new DateOnly(2015, 2, 1));
        f.Case.Address(f.Child, "2 new flat", f.Gp, new DateOnly(2015, 2, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(2, 10)));

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 9))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 11))).CauseKey);
    }

    [Fact]
    public void A_family_move_known_to_one_agency_is_one_disagreement()
    {
        var f = new TestFamily();
        foreach (var person in new[] { f.Child, f.Mother, f.Father })
        {
            f.Case.Address(person, "1 Family Home", f.SocialCare, new DateOnly(2014, 1, 1));
            f.Case.Address(person, "2 New Flat", f.Gp, new DateOnly(2015, 4, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(4, 16)));
        }

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(4, 17)));

        Assert.Contains("the address of 3 people in the child's family", finding.Summary);
        Assert.Equal(TestFamily.EndOf(4, 23), finding.DueAt);
    }

    [Fact]
    public void The_agency_that_first_reported_the_old_address_catching_up_keeps_the_same_cause()
    {
        var f = new TestFamily();
        f.Case.Address(f.Child, "1 Family Home", f.HealthVisiting, new DateOnly(2014, 1, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(1, 5, year: 2014)));
        f.Case.Address(f.Child, "1 Family Home", f.SocialCare, new DateOnly(2014, 1, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(1, 6, year: 2014)));
        f.Case.Address(f.Child, "2 New Flat", f.Gp, new DateOnly(2015, 4, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(4, 16)));
        f.Case.Address(f.Child, "2 New Flat", f.HealthVisiting, new DateOnly(2015, 4, 1), recordedAt: CaseFileBuilder.At(TestFamily.At(4, 20)));

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(4, 17))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(4, 21))).CauseKey);
    }

    [Fact]
    public void A_decision_on_which_is_right_recorded_after_the_disagreement_clears_it()
    {
        var f = new TestFamily();
        f.Case.Address(f.Father, "1 Family Home", f.HealthVisiting, recordedAt: CaseFileBuilder.At(TestFamily.At(1, 5)));
        f.Decide(TestFamily.At(1, 20), f.SocialWorker, DecisionTopic.ConflictingFacts, aboutPerson: f.Father.Id);
        f.Case.Address(f.Father, "9 Elsewhere Road", f.SocialCare, recordedAt: CaseFileBuilder.At(TestFamily.At(1, 29)));

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2)));

        f.Decide(TestFamily.At(2, 3), f.SocialWorker, DecisionTopic.ConflictingFacts, aboutPerson: f.Father.Id);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4)));
    }

    [Fact]
    public void A_decision_about_someone_else_does_not_clear_it()
    {
        var f = new TestFamily();
        f.Case.Address(f.Father, "1 Family Home", f.HealthVisiting);
        f.Case.Address(f.Father, "9 Elsewhere Road", f.SocialCare);
        f.Decide(TestFamily.At(2, 3), f.SocialWorker, DecisionTopic.ConflictingFacts, aboutPerson: f.Mother.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 4)));
    }

    [Fact]
    public void Agencies_placing_someone_in_different_households_disagree()
    {
        var f = new TestFamily();
        var home = f.Case.LivesHere(f.Father, new DateOnly(2014, 1, 1));
        home.ReportedByAgencyId = f.HealthVisiting.Id;
        var elsewhere = new HouseholdMembership { Id = Guid.NewGuid(), HouseholdId = Guid.NewGuid(), PersonId = f.Father.Id, From = new DateOnly(2015, 1, 1), ReportedByAgencyId = f.SocialCare.Id };
        var file = f.Case.Build(CaseFileBuilder.At(TestFamily.At(2, 4)));
        var withSecondHome = new CaseFile
        {
            Child = file.Child,
            People = file.People,
            Relationships = file.Relationships,
            Households = [.. file.Households, elsewhere],
            Involvements = file.Involvements,
            Addresses = file.Addresses,
            Professionals = file.Professionals,
            Agencies = file.Agencies,
            Entries = file.Entries,
        };

        var finding = Assert.Single(_safeguard.Evaluate(withSecondHome, f.Case.Context(TestFamily.At(2, 4))));

        Assert.StartsWith($"household:{f.Father.Id}:", finding.CauseKey);
        Assert.Contains("household", finding.Summary);
    }

    [Fact]
    public void Agencies_recording_different_dates_of_birth_disagree()
    {
        var f = new TestFamily();
        var midwife = f.Record(TestFamily.At(1, 19, 12), f.HealthVisitor, new Birth { ChildPersonId = f.Child.Id, BornOn = new DateOnly(2015, 1, 19) });
        var social = f.Record(TestFamily.At(1, 29, 12), f.SocialWorker, new Birth { ChildPersonId = f.Child.Id, BornOn = new DateOnly(2015, 1, 17) });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 29, 13)));

        Assert.Equal($"birth:{f.Child.Id}:{string.Join(':', new[] { midwife.Id, social.Id }.Order())}", finding.CauseKey);
        Assert.Contains("the child's date of birth", finding.Summary);
    }

    // Disagreement covers accounts of events, and a referral corrected after the decision on it.

    private static CaseEntry Incident(TestFamily f) =>
        f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Father pushed mother, seen by the health visitor", ChildrenPresent = true }, f.Child, f.Mother, f.Father);

    [Fact]
    public void A_parents_account_contradicting_what_staff_saw_is_a_disagreement()
    {
        var f = new TestFamily();
        var incident = Incident(f);
        var account = f.Record(TestFamily.At(2, 2, 12), f.DutyWorker, new IncidentAccount { AboutEntryId = incident.Id, GivenByPersonId = f.Mother.Id, GivenByName = "Mother", Account = "Nothing happened", Contradicts = [incident.Id] }, f.Child, f.Mother);

        var finding = Assert.Single(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 2, 13))));

        Assert.Equal($"account:{account.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
    }

    [Theory]
    [InlineData(2, 9, true)]   // due by the end of Monday 9 February: a reminder
    [InlineData(2, 10, false)] // past due with no decision: an alert
    public void A_contradicting_account_is_a_reminder_until_its_response_is_due(int month, int day, bool reminder)
    {
        var f = new TestFamily();
        var incident = Incident(f);
        f.Record(TestFamily.At(2, 2, 12), f.DutyWorker, new IncidentAccount { AboutEntryId = incident.Id, GivenByName = "Mother", Account = "Nothing happened", Contradicts = [incident.Id] }, f.Child, f.Mother);

        var finding = Assert.Single(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(month, day, 12))));

        Assert.Equal(reminder, finding.Reminder);
    }

    [Theory]
    [InlineData(2, 16, true)]  // corrected Monday 9 February: due by the end of Monday 16 February
    [InlineData(2, 17, false)]
    public void A_corrected_referral_is_a_reminder_until_its_reconsideration_is_due(int month, int day, bool reminder)
    {
        var f = new TestFamily();
        var referral = f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Raised voices only" });
        f.Record(TestFamily.At(2, 2, 14), f.DutyWorker, new ContactDecision { ContactEntryId = referral.Id, Decision = ContactOutcome.EarlyHelp, Rationale = "Verbal argument only" });
        f.Case.Correct(referral, TestFamily.At(2, 9, 10), f.HealthVisitor, new ContactReceived { Concerns = "Father pushed mother holding the baby" }, "Physical contact was seen");

        var finding = Assert.Single(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(month, day, 12))));

        Assert.Equal(reminder, finding.Reminder);
    }

    [Fact]
    public void An_account_that_contradicts_nothing_is_not_a_disagreement()
    {
        var f = new TestFamily();
        var incident = Incident(f);
        f.Record(TestFamily.At(2, 2, 12), f.DutyWorker, new IncidentAccount { AboutEntryId = incident.Id, GivenByName = "Mother", Account = "It happened as the health visitor says" }, f.Child, f.Mother);

        Assert.Empty(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 2, 13))));
    }

    [Fact]
    public void A_conflicting_facts_decision_about_the_incident_settles_the_accounts()
    {
        var f = new TestFamily();
        var incident = Incident(f);
        f.Record(TestFamily.At(2, 2, 12), f.DutyWorker, new IncidentAccount { AboutEntryId = incident.Id, GivenByName = "Mother", Account = "Nothing happened", Contradicts = [incident.Id] }, f.Child, f.Mother);
        f.Decide(TestFamily.At(2, 3, 10), f.SocialWorker, DecisionTopic.ConflictingFacts, incident.Id);

        Assert.Empty(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 3, 11))));
    }

    [Fact]
    public void A_referral_corrected_after_the_decision_on_it_asks_for_the_decision_to_be_reconsidered()
    {
        var f = new TestFamily();
        var referral = f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Raised voices only" });
        f.Record(TestFamily.At(2, 2, 14), f.DutyWorker, new ContactDecision { ContactEntryId = referral.Id, Decision = ContactOutcome.EarlyHelp, Rationale = "Verbal argument only" });
        f.Case.Correct(referral, TestFamily.At(2, 9, 10), f.HealthVisitor, new ContactReceived { Concerns = "Father pushed mother holding the baby" }, "Physical contact was seen");

        var finding = Assert.Single(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 9, 11))));

        Assert.Equal($"corrected-referral:{referral.Id}", finding.CauseKey);
    }

    [Theory]
    [InlineData(true, false)]  // children's social care records why its decision stands
    [InlineData(false, true)]  // the referrer's own decision (an escalation) is not the front door reconsidering
    public void Only_childrens_social_care_reconsiders_its_decision_on_a_corrected_referral(bool byFrontDoor, bool fires)
    {
        var f = new TestFamily();
        var referral = f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Raised voices only" });
        f.Record(TestFamily.At(2, 2, 14), f.DutyWorker, new ContactDecision { ContactEntryId = referral.Id, Decision = ContactOutcome.EarlyHelp, Rationale = "Verbal argument only" });
        f.Case.Correct(referral, TestFamily.At(2, 9, 10), f.HealthVisitor, new ContactReceived { Concerns = "Father pushed mother holding the baby" }, "Physical contact was seen");
        f.Decide(TestFamily.At(2, 9, 11), byFrontDoor ? f.DutyWorker : f.HealthVisitor, byFrontDoor ? DecisionTopic.Other : DecisionTopic.Escalation, referral.Id);

        var found = new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 17, 12)));

        Assert.Equal(fires, found.Any(x => x.CauseKey == $"corrected-referral:{referral.Id}"));
    }

    [Fact]
    public void A_referral_corrected_before_any_decision_or_reconsidered_since_asks_for_nothing()
    {
        var f = new TestFamily();
        var referral = f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Raised voices only" });
        f.Case.Correct(referral, TestFamily.At(2, 2, 11), f.HealthVisitor, new ContactReceived { Concerns = "Father pushed mother" }, "Physical contact was seen");
        f.Record(TestFamily.At(2, 2, 14), f.DutyWorker, new ContactDecision { ContactEntryId = referral.Id, Decision = ContactOutcome.StrategyDiscussion, Rationale = "Physical abuse" });
        var later = f.Record(TestFamily.At(3, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Raised voices" });
        f.Record(TestFamily.At(3, 2, 14), f.DutyWorker, new ContactDecision { ContactEntryId = later.Id, Decision = ContactOutcome.EarlyHelp, Rationale = "Verbal only" });
        f.Case.Correct(later, TestFamily.At(3, 9, 10), f.HealthVisitor, new ContactReceived { Concerns = "Father pushed mother" }, "Physical contact was seen");
        f.Record(TestFamily.At(3, 9, 12), f.DutyWorker, new ContactDecision { ContactEntryId = later.Id, Decision = ContactOutcome.StrategyDiscussion, Rationale = "Reconsidered on the corrected facts" });

        Assert.Empty(new AgenciesDisagree().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(3, 9, 13))));
    }
}
