using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class ClosingWithLooseEndsTests
{
    private readonly ClosingWithLooseEnds _safeguard = new();

    private static CaseEntry Medical(CaseWithTeam c, DateTime at, MedicalOpinion opinion = MedicalOpinion.Undetermined) =>
        c.Record(at, c.HealthVisitor, new ChildProtectionMedical
        {
            Opinion = opinion,
            Findings = "Bruise to the face",
            Actions = [new ActionItem { Description = "Social worker to check the father's account", OwnerProfessionalId = c.SocialWorker.Id }],
        });

    private static CaseEntry Closure(CaseWithTeam c, DateTime at, ClosureStage stage = ClosureStage.Proposed) =>
        c.Record(at, c.SocialWorker, new CaseClosure { Stage = stage, Reason = "Bruise explained" });

    [Fact]
    public void Closure_proposed_while_a_medicals_actions_and_report_are_outstanding_is_found()
    {
        var c = new CaseWithTeam();
        var medical = Medical(c, new DateTime(2015, 1, 27, 10, 0, 0));
        var closure = Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0)));

        Assert.Equal($"closing:{closure.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 2, 2), finding.DueAt);
        Assert.Equal([closure.Id, medical.Id], finding.Evidence);
        Assert.Contains("2 loose ends", finding.Summary);
        Assert.Contains("medical report not received", finding.Summary);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Nothing_outstanding_means_nothing_is_found()
    {
        var c = new CaseWithTeam();
        var medical = Medical(c, new DateTime(2015, 1, 27, 10, 0, 0));
        c.Record(new DateTime(2015, 1, 29, 10, 0, 0), c.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id });
        c.Decision(new DateTime(2015, 1, 30, 10, 0, 0), c.SocialWorker, DecisionTopic.Other, medical.Id);
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0)));
    }

    [Fact]
    public void The_cause_stays_until_the_last_loose_end_is_settled()
    {
        var c = new CaseWithTeam();
        var medical = Medical(c, new DateTime(2015, 1, 27, 10, 0, 0));
        var closure = Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        c.Record(new DateTime(2015, 2, 10, 10, 0, 0), c.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id });
        var remaining = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 10, 11, 0, 0)));
        Assert.Equal($"closing:{closure.Id}", remaining.CauseKey);
        Assert.Contains("1 loose end:", remaining.Summary);

        c.Decision(new DateTime(2015, 2, 11, 10, 0, 0), c.SocialWorker, DecisionTopic.Other, medical.Id);
        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 11, 11, 0, 0)));
    }

    [Fact]
    public void A_pending_medical_opinion_is_a_loose_end_until_a_final_one_is_recorded()
    {
        var c = new CaseWithTeam();
        var pending = c.Record(new DateTime(2015, 1, 27, 10, 0, 0), c.HealthVisitor, new ChildProtectionMedical { Opinion = MedicalOpinion.Pending, Findings = "Awaiting skeletal survey" });
        c.Record(new DateTime(2015, 1, 28, 10, 0, 0), c.SocialWorker, new MedicalReportReceived { MedicalEntryId = pending.Id });
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Assert.Contains("medical opinion pending", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0))).Summary);

        var final = c.Record(new DateTime(2015, 2, 5, 10, 0, 0), c.HealthVisitor, new ChildProtectionMedical { Opinion = MedicalOpinion.Accidental, Findings = "Survey clear" });
        c.Record(new DateTime(2015, 2, 5, 11, 0, 0), c.SocialWorker, new MedicalReportReceived { MedicalEntryId = final.Id });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 5, 12, 0, 0)));
    }

    [Fact]
    public void An_assessment_not_completed_is_a_loose_end()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 1, 27, 10, 0, 0), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.Section47 });
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        Assert.Contains("section 47 enquiry not completed", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0))).Summary);
    }

    [Fact]
    public void Plan_items_not_achieved_are_loose_ends_until_the_plan_ends()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0)));

        c.Record(new DateTime(2015, 2, 2, 12, 0, 0), c.SocialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Needs met" });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 13, 0, 0)));
    }

    [Fact]
    public void A_plan_item_marked_achieved_is_settled()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Record(new DateTime(2015, 1, 30), c.SocialWorker, new PlanReviewed { PlanEntryId = plan.Id, Progress = [new ItemProgress { ItemIndex = 0, Progress = "Done", Achieved = true }] });
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0)));
    }

    [Fact]
    public void Records_requested_and_not_received_are_a_loose_end()
    {
        var c = new CaseWithTeam();
        var request = c.Record(new DateTime(2015, 1, 27, 10, 0, 0), c.SocialWorker, new RecordsRequested { FromArea = "Leeds", FromAgency = "Leeds Children's Social Care" });
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Assert.Contains("records requested from Leeds not received", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0))).Summary);

        c.Record(new DateTime(2015, 2, 3, 10, 0, 0), c.SocialWorker, new RecordsReceived { RequestEntryId = request.Id, FromArea = "Leeds", Summary = "No concerns" });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 3, 11, 0, 0)));
    }

    [Fact]
    public void Work_recorded_after_the_closure_was_proposed_is_not_a_loose_end_of_it()
    {
        var c = new CaseWithTeam();
        Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Medical(c, new DateTime(2015, 2, 3, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 3, 11, 0, 0)));
    }

    [Fact]
    public void Actions_from_before_an_earlier_closure_belong_to_that_closure()
    {
        var c = new CaseWithTeam();
        var medical = Medical(c, new DateTime(2014, 6, 2, 10, 0, 0));
        c.Record(new DateTime(2014, 6, 3, 10, 0, 0), c.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id });
        var first = Closure(c, new DateTime(2014, 7, 1, 10, 0, 0), ClosureStage.Closed);
        var second = Closure(c, new DateTime(2015, 2, 2, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 2, 11, 0, 0)));
        Assert.Equal($"closing:{first.Id}", finding.CauseKey);
        Assert.DoesNotContain(second.Id, finding.Evidence);
    }
}
