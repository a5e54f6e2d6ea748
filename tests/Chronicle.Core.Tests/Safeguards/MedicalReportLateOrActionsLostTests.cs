using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class MedicalReportLateOrActionsLostTests
{
    private readonly MedicalReportLateOrActionsLost _safeguard = new();

    /// <summary>A medical on Monday 26 January 2015: its report is due by the end of Wednesday 28 January.</summary>
    private static CaseEntry Medical(TestFamily f, params ActionItem[] actions) =>
        f.Record(TestFamily.At(1, 26, 10), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Undetermined, Findings = "Findings", Actions = actions });

    private static CaseEntry Received(TestFamily f, CaseEntry medical, DateTime at, Guid? by = null) =>
        f.Record(at, f.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id, ReceivedByProfessionalId = by });

    [Fact]
    public void A_report_not_received_within_two_working_days_is_flagged_the_next_morning()
    {
        var f = new TestFamily();
        var medical = Medical(f);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 28, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 29, 0, 1)));

        Assert.Equal($"medical:{medical.Id}:report", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(1, 28), finding.DueAt);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal([medical.Id], finding.Evidence);
    }

    [Fact]
    public void A_report_received_in_time_is_not_flagged()
    {
        var f = new TestFamily();
        var medical = Medical(f);
        Received(f, medical, TestFamily.At(1, 28, 16));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 29, 0, 1)));
    }

    [Fact]
    public void A_late_report_clears_the_finding_when_it_is_received()
    {
        var f = new TestFamily();
        var medical = Medical(f);
        Received(f, medical, TestFamily.At(2, 9, 11));

        var late = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 9, 10)));
        Assert.Equal(late.CauseKey, Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 10))).CauseKey);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 9, 12)));
    }

    [Fact]
    public void A_report_received_by_someone_outside_social_care_does_not_count()
    {
        var f = new TestFamily();
        var medical = Medical(f);
        Received(f, medical, TestFamily.At(1, 27, 10), by: f.HealthVisitor.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 29, 10)));
    }

    [Fact]
    public void The_report_timescale_is_the_partnerships_setting()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-04.report-within"] = "5";
        Medical(f);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 10)));
        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 0, 1)));
    }

    [Fact]
    public void An_action_with_no_owner_one_working_day_after_the_report_arrives_is_flagged_until_someone_owns_it()
    {
        var f = new TestFamily();
        var medical = Medical(f, new ActionItem { Description = "Skeletal survey follow-up" });
        var receipt = Received(f, medical, TestFamily.At(1, 27, 10));
        f.Record(TestFamily.At(1, 29, 10), f.SocialWorker, new PlanReviewed
        {
            PlanEntryId = medical.Id,
            Progress = [new ItemProgress { ItemIndex = 0, Progress = "Allocated", OwnerProfessionalId = f.SocialWorker.Id }],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 28, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 29, 0, 1)));
        Assert.Equal($"medical:{medical.Id}:action:0:owner", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(1, 28), finding.DueAt);
        Assert.Equal([medical.Id, receipt.Id], finding.Evidence);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 29, 11)));
    }

    [Fact]
    public void An_action_named_with_an_owner_in_the_medical_is_owned()
    {
        var f = new TestFamily();
        var medical = Medical(f, new ActionItem { Description = "Eye examination", OwnerProfessionalId = f.Paediatrician.Id });
        Received(f, medical, TestFamily.At(1, 27, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 30, 10)));
    }

    [Fact]
    public void An_action_past_its_due_date_is_flagged_until_it_is_recorded_as_done()
    {
        var f = new TestFamily();
        var medical = Medical(f, new ActionItem { Description = "Eye examination", OwnerProfessionalId = f.Paediatrician.Id, Due = new DateOnly(2015, 2, 2) });
        Received(f, medical, TestFamily.At(1, 27, 10));
        f.Record(TestFamily.At(2, 4, 10), f.Paediatrician, new PlanReviewed
        {
            PlanEntryId = medical.Id,
            Progress = [new ItemProgress { ItemIndex = 0, Progress = "Examined: no findings", Achieved = true }],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 0, 1)));
        Assert.Equal($"medical:{medical.Id}:action:0:overdue", finding.CauseKey);
        Assert.Equal(f.Paediatrician.Id, finding.OwnerProfessionalId);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }
}
