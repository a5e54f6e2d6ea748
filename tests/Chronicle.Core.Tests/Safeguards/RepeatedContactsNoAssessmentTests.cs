using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class RepeatedContactsNoAssessmentTests
{
    private readonly RepeatedContactsNoAssessment _safeguard = new();

    [Fact]
    public void Three_contacts_within_twelve_months_and_no_assessment_are_found_on_the_third()
    {
        var c = new CaseWithTeam();
        var first = c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        var second = c.Contact(new DateTime(2015, 6, 1, 10, 0, 0));
        var third = c.Contact(new DateTime(2016, 1, 12, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2016, 1, 12, 11, 0, 0)));

        Assert.Equal($"contacts:{third.Id}", finding.CauseKey);
        Assert.Equal([first.Id, second.Id, third.Id], finding.Evidence);
        Assert.Equal(CaseWithTeam.EndOf(2016, 1, 13), finding.DueAt);
        Assert.Equal(c.FrontDoorManager.Id, finding.OwnerProfessionalId);
        Assert.Contains("3 contacts or referrals", finding.Summary);
    }

    [Fact]
    public void Two_contacts_are_not_enough()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 6, 1, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 6, 2)));
    }

    [Fact]
    public void Contacts_twelve_months_and_a_day_apart_are_outside_the_window()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 6, 1, 10, 0, 0));
        c.Contact(new DateTime(2016, 1, 13, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2016, 1, 13, 12, 0, 0)));
    }

    [Fact]
    public void Contacts_about_a_brother_or_sister_count()
    {
        var c = new CaseWithTeam();
        var sister = c.Builder.Child("Sister", new DateOnly(2011, 3, 1));
        c.Builder.Relate(c.Mother, RelationshipKind.Mother, sister);
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0), sister);
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0), c.Child);
        c.Contact(new DateTime(2015, 4, 13, 10, 0, 0), sister);

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 14)));
    }

    [Fact]
    public void An_assessment_completed_in_the_window_means_the_contacts_were_answered()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 20), c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.ChildAndFamily,
            Conclusion = "Needs met with support",
            Outcome = AssessmentOutcome.EarlyHelp,
        });
        c.Contact(new DateTime(2015, 4, 13, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 14)));
    }

    [Fact]
    public void A_decision_about_the_contacts_clears_it_and_the_count_starts_again()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        var third = c.Contact(new DateTime(2015, 4, 13, 10, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 13, 11, 0, 0)));

        c.Decision(new DateTime(2015, 4, 14, 9, 0, 0), c.FrontDoorManager, DecisionTopic.Other, third.Id);
        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 14, 10, 0, 0)));

        c.Contact(new DateTime(2015, 5, 11, 10, 0, 0));
        c.Contact(new DateTime(2015, 6, 8, 10, 0, 0));
        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 6, 9)));

        var sixth = c.Contact(new DateTime(2015, 7, 6, 10, 0, 0));
        Assert.Equal($"contacts:{sixth.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 7, 7))).CauseKey);
    }

    [Fact]
    public void A_decision_about_something_else_does_not_clear_it()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        c.Contact(new DateTime(2015, 4, 13, 10, 0, 0));
        c.Decision(new DateTime(2015, 4, 14, 9, 0, 0), c.FrontDoorManager, DecisionTopic.Other);

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 14, 10, 0, 0)));
    }

    [Fact]
    public void Later_contacts_join_the_same_cause()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        var third = c.Contact(new DateTime(2015, 4, 13, 10, 0, 0));
        var before = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 14)));

        var fourth = c.Contact(new DateTime(2015, 5, 11, 10, 0, 0));
        var after = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 5, 12)));

        Assert.Equal($"contacts:{third.Id}", before.CauseKey);
        Assert.Equal(before.CauseKey, after.CauseKey);
        Assert.Contains(fourth.Id, after.Evidence);
    }

    [Fact]
    public void A_contact_recorded_after_now_is_not_yet_known()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        c.RecordLate(new DateTime(2015, 4, 13, 10, 0, 0), new DateTime(2015, 4, 20, 10, 0, 0), c.FrontDoorWorker, new ContactReceived { Concerns = "Late" });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 15)));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 20, 11, 0, 0)));
    }

    [Fact]
    public void The_count_and_window_are_the_partnerships_settings()
    {
        var c = new CaseWithTeam();
        c.Policy["SG-15.count"] = "2";
        c.Policy["SG-15.window"] = "1";
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 2, 12, 10, 0, 0));
        c.Contact(new DateTime(2015, 4, 13, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 14)));
        Assert.Contains("2 contacts", finding.Summary);
    }
}
