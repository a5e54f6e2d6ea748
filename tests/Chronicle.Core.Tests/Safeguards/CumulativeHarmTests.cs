using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Core.Time;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class CumulativeHarmTests
{
    private readonly CumulativeHarm _safeguard = new();

    private static CaseEntry Alcohol(CaseWithTeam c, DateTime at) =>
        c.Record(at, c.HealthVisitor, new AdultConcern { AdultPersonId = c.Mother.Id, Type = AdultConcernType.Alcohol, Description = "Drinking heavily" }, c.Mother);

    private static CaseEntry DomesticAbuse(CaseWithTeam c, DateTime at) =>
        c.Record(at, c.PoliceOfficer, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Incident at home", ChildrenPresent = true }, c.Mother);

    private static CaseEntry Assessed(CaseWithTeam c, DateTime at, params string[] considered) =>
        c.Record(at, c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.EarlyHelp,
            Conclusion = "Support offered",
            Outcome = AssessmentOutcome.EarlyHelp,
            Considered = considered,
        });

    [Fact]
    public void Two_kinds_of_concern_over_twelve_months_with_no_assessment_are_found()
    {
        var c = new CaseWithTeam();
        var first = Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        var incident = DomesticAbuse(c, new DateTime(2013, 6, 3, 22, 0, 0));
        var later = DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 1, 15)));

        Assert.Equal($"cumulative-harm:{first.Id}", finding.CauseKey);
        Assert.Equal([first.Id, incident.Id, later.Id], finding.Evidence);
        Assert.Equal(CaseWithTeam.EndOf(2014, 1, 21), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Contains("domestic abuse and parental substance or alcohol misuse", finding.Summary);
    }

    [Fact]
    public void A_day_short_of_twelve_months_is_not_found()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 1, 13, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 20)));
    }

    [Fact]
    public void A_concern_dated_only_to_its_year_may_have_been_at_the_year_s_end()
    {
        var c = new CaseWithTeam();
        var first = Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        first.Entry.OccurredPrecision = DatePrecision.Year;
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 12, 30, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 12, 31)));

        DomesticAbuse(c, new DateTime(2014, 12, 31, 22, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 1, 1)));
    }

    [Fact]
    public void A_concern_dated_only_to_its_month_may_have_been_at_the_month_s_end()
    {
        var c = new CaseWithTeam();
        var first = Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        first.Entry.OccurredPrecision = DatePrecision.Month;
        DomesticAbuse(c, new DateTime(2014, 1, 20, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 21)));

        DomesticAbuse(c, new DateTime(2014, 1, 31, 22, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 2, 1)));
    }

    [Fact]
    public void A_later_concern_dated_only_to_its_year_may_have_been_at_the_year_s_start()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 6, 3, 10, 0, 0));
        var later = DomesticAbuse(c, new DateTime(2014, 6, 30, 22, 0, 0));
        later.Entry.OccurredPrecision = DatePrecision.Year;

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 7, 1)));
    }

    [Fact]
    public void One_kind_of_concern_however_long_is_not_found()
    {
        var c = new CaseWithTeam();
        DomesticAbuse(c, new DateTime(2013, 1, 14, 22, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 6, 2, 22, 0, 0));
        DomesticAbuse(c, new DateTime(2015, 3, 2, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void An_assessment_that_considered_neglect_or_cumulative_harm_answers_what_came_before()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        Assessed(c, new DateTime(2013, 9, 2), "neglect");
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 15)));
    }

    [Fact]
    public void An_assessment_that_considered_neither_does_not()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        Assessed(c, new DateTime(2013, 9, 2), "parenting capacity");
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 1, 15)));
    }

    [Fact]
    public void An_assessment_of_a_brother_or_sister_that_considered_neglect_answers_what_came_before()
    {
        var c = new CaseWithTeam();
        var sibling = c.Builder.Child("Older sibling", new DateOnly(2011, 3, 1));
        c.Builder.Relate(c.Mother, RelationshipKind.Mother, sibling);
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        c.Record(new DateTime(2013, 9, 2), c.SocialWorker,
            new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Support offered", Outcome = AssessmentOutcome.EarlyHelp, Considered = ["neglect"] },
            sibling, c.Mother);
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 15)));
    }

    [Fact]
    public void An_assessment_of_a_child_outside_the_sibling_group_does_not()
    {
        var c = new CaseWithTeam();
        var cousin = c.Builder.Child("Cousin", new DateOnly(2011, 3, 1), livesHere: false);
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        c.Record(new DateTime(2013, 9, 2), c.SocialWorker,
            new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Support offered", Outcome = AssessmentOutcome.EarlyHelp, Considered = ["neglect"] },
            cousin, c.Mother);
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 1, 15)));
    }

    [Fact]
    public void A_later_assessment_of_cumulative_harm_clears_it()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));
        Assessed(c, new DateTime(2014, 1, 20), "Cumulative harm");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 21)));
    }

    [Fact]
    public void A_decision_on_cumulative_harm_clears_it()
    {
        var c = new CaseWithTeam();
        Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));
        c.Decision(new DateTime(2014, 1, 16, 10, 0, 0), c.TeamManager, DecisionTopic.CumulativeHarm);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 1, 17)));
    }

    [Fact]
    public void Neglect_named_in_contacts_is_a_kind_of_concern()
    {
        var c = new CaseWithTeam();
        var neglect = c.Record(new DateTime(2013, 1, 14, 10, 0, 0), c.FrontDoorWorker,
            new ContactReceived { Concerns = "Children hungry and unkempt", ConcernCategories = [AbuseCategory.Neglect] });
        DomesticAbuse(c, new DateTime(2014, 2, 3, 22, 0, 0));

        Assert.Equal($"cumulative-harm:{neglect.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 2, 4))).CauseKey);
    }

    [Fact]
    public void Concerns_about_an_adult_outside_the_family_do_not_count()
    {
        var c = new CaseWithTeam();
        var neighbour = c.Builder.Adult("Neighbour", livesHere: false);
        c.Record(new DateTime(2013, 1, 14, 10, 0, 0), c.HealthVisitor,
            new AdultConcern { AdultPersonId = neighbour.Id, Type = AdultConcernType.MentalHealth, Description = "Crisis" }, neighbour);
        DomesticAbuse(c, new DateTime(2014, 2, 3, 22, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2014, 2, 4)));
    }

    [Fact]
    public void The_cause_stays_the_same_as_concerns_keep_coming()
    {
        var c = new CaseWithTeam();
        var first = Alcohol(c, new DateTime(2013, 1, 14, 10, 0, 0));
        DomesticAbuse(c, new DateTime(2014, 1, 14, 22, 0, 0));
        var before = Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 1, 15))).CauseKey;

        DomesticAbuse(c, new DateTime(2014, 9, 1, 22, 0, 0));

        Assert.Equal(before, Assert.Single(c.Evaluate(_safeguard, new DateTime(2014, 9, 2))).CauseKey);
        Assert.Equal($"cumulative-harm:{first.Id}", before);
    }
}
