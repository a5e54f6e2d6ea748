using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class OtherChildrenInHouseholdTests
{
    private readonly OtherChildrenInHousehold _safeguard = new();

    private static CaseEntry Referral(TestFamily f, DateTime at, params Person[] about) =>
        f.Record(at, f.HealthVisitor, new ContactReceived { Concerns = "Bruise" }, about);

    [Fact]
    public void A_referral_about_the_child_asks_for_the_older_sibling_at_home_to_be_considered()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        var referral = Referral(f, TestFamily.At(1, 26, 11), f.Child);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));

        Assert.Equal($"concern:2015-01-26:child:{sibling.Id}", finding.CauseKey);
        Assert.Equal([referral.Id], finding.Evidence);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(2, 2), finding.DueAt);
    }

    [Fact]
    public void Concerns_on_later_days_while_the_other_child_is_unconsidered_add_to_one_finding_due_from_the_first()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "arm", Description = "Bruise" });
        var referral = Referral(f, TestFamily.At(1, 26, 11), f.Child);
        var nextDay = Referral(f, TestFamily.At(1, 27, 11), f.Child);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 12)));

        Assert.Equal($"concern:2015-01-26:child:{sibling.Id}", finding.CauseKey);
        Assert.Equal([bruise.Id, referral.Id, nextDay.Id], finding.Evidence);
        Assert.Equal(TestFamily.EndOf(2, 2), finding.DueAt);
    }

    [Fact]
    public void A_concern_after_the_other_child_was_considered_starts_a_new_finding()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        Referral(f, TestFamily.At(1, 26, 11), f.Child);
        f.Decide(TestFamily.At(1, 27, 10), f.SocialWorker, DecisionTopic.OtherChildren, aboutPerson: sibling.Id);
        var later = Referral(f, TestFamily.At(2, 3, 11), f.Child);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 12)));

        Assert.Equal($"concern:2015-02-03:child:{sibling.Id}", finding.CauseKey);
        Assert.Equal([later.Id], finding.Evidence);
        Assert.Equal(TestFamily.EndOf(2, 10), finding.DueAt);
    }

    [Fact]
    public void Each_other_child_is_named_in_their_own_finding()
    {
        var f = new TestFamily();
        var older = f.Case.Child("Alfie Carter", new DateOnly(2013, 6, 1));
        var younger = f.Case.Child("Mia Carter", new DateOnly(2014, 2, 1));
        Referral(f, TestFamily.At(1, 26, 11), f.Child);
        Referral(f, TestFamily.At(1, 28, 11), f.Child);

        var findings = f.Evaluate(_safeguard, TestFamily.At(1, 28, 12));

        Assert.Equal(2, findings.Count);
        var alfie = Assert.Single(findings, x => x.CauseKey.EndsWith($":child:{older.Id}", StringComparison.Ordinal));
        var mia = Assert.Single(findings, x => x.CauseKey.EndsWith($":child:{younger.Id}", StringComparison.Ordinal));
        Assert.Contains("Alfie Carter, another child, lives in the same household", alfie.Summary);
        Assert.Contains("Record a consideration of Alfie Carter", alfie.AskFor);
        Assert.Contains("Mia Carter, another child", mia.Summary);
        Assert.DoesNotContain("Alfie", mia.Summary);
    }

    [Fact]
    public void With_no_other_child_nothing_is_asked()
    {
        var f = new TestFamily();
        Referral(f, TestFamily.At(1, 26, 11), f.Child);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));
    }

    [Fact]
    public void A_referral_that_already_names_both_children_is_not_flagged()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        Referral(f, TestFamily.At(1, 26, 11), f.Child, sibling);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));
    }

    [Fact]
    public void A_half_sibling_living_elsewhere_with_the_same_mother_counts()
    {
        var f = new TestFamily();
        var halfSibling = f.Case.Child("Half-sibling", new DateOnly(2010, 6, 1), livesHere: false);
        f.Case.Relate(f.Mother, RelationshipKind.Mother, halfSibling);
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "arm", Description = "Bruise" });

        Assert.EndsWith($":child:{halfSibling.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12))).CauseKey);
    }

    [Fact]
    public void An_unborn_child_counts()
    {
        var f = new TestFamily(born: new DateOnly(2013, 6, 1));
        var unborn = f.Case.Child("Unborn baby", kind: PersonKind.UnbornChild);
        f.Record(TestFamily.At(10, 1, year: 2014), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "eye", Description = "Black eye" });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(10, 1, 12, year: 2014)));

        Assert.EndsWith($":child:{unborn.Id}", finding.CauseKey);
        Assert.Contains("Unborn baby, an unborn child,", finding.Summary);
    }

    [Fact]
    public void A_child_born_after_the_concern_with_no_pregnancy_then_on_record_is_not_asked_about()
    {
        var f = new TestFamily(born: new DateOnly(2013, 6, 1));
        var later = f.Case.Child("Younger sibling", new DateOnly(2015, 6, 1));
        f.Record(TestFamily.At(10, 1, year: 2014), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "eye", Description = "Black eye" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(6, 3)));

        f.Record(TestFamily.At(9, 1, year: 2014), f.Doctor, new Pregnancy { MotherPersonId = f.Mother.Id, UnbornPersonId = later.Id }, f.Mother, later);
        Assert.EndsWith($":child:{later.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(6, 3))).CauseKey);
    }

    [Fact]
    public void An_unborn_child_linked_to_the_family_after_the_concern_is_not_asked_about_for_it()
    {
        var f = new TestFamily(born: new DateOnly(2013, 6, 1));
        var unborn = f.Case.Child("Unborn baby", kind: PersonKind.UnbornChild, livesHere: false);
        f.Case.Relate(f.Mother, RelationshipKind.Mother, unborn).RecordedAt = Chronicle.Testing.CaseFileBuilder.At(TestFamily.At(11, 13, year: 2014));
        f.Record(TestFamily.At(10, 1, year: 2014), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(11, 14, year: 2014)));
    }

    [Fact]
    public void A_routine_contact_about_something_else_is_not_a_concern()
    {
        var f = new TestFamily();
        f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new HomeVisit { ChildSeen = true });
        f.Record(TestFamily.At(1, 26, 12), f.Clinician, new HospitalAttendance { Setting = CareSetting.EmergencyDepartment, Reason = "Fever" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 26, 13)));
    }

    [Fact]
    public void A_decision_naming_the_other_child_clears_it()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        var referral = Referral(f, TestFamily.At(1, 26, 11), f.Child);
        f.Decide(TestFamily.At(1, 27, 10), f.SocialWorker, DecisionTopic.OtherChildren, aboutEntry: referral.Id, aboutPerson: f.Mother.Id);
        f.Decide(TestFamily.At(1, 27, 12), f.SocialWorker, DecisionTopic.OtherChildren, aboutEntry: referral.Id, aboutPerson: sibling.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 11)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 27, 13)));
    }

    [Fact]
    public void A_strategy_discussion_about_the_other_child_since_the_concern_clears_it()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        Referral(f, TestFamily.At(1, 26, 11), f.Child);
        f.Record(TestFamily.At(1, 26, 15), f.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry }, f.Child, sibling);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 26, 16)));
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var f = new TestFamily();
        f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        Referral(f, TestFamily.At(1, 26, 11), f.Child);

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 26, 12))).CauseKey);
    }
}
