using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class InformationNotSharedTests
{
    private readonly InformationNotShared _safeguard = new();

    /// <summary>An open enquiry, the health visitor in the team, and news given to social care on Monday 2 March 2015.</summary>
    private static (TestFamily Family, CaseEntry News) OpenCaseWithNews()
    {
        var f = new TestFamily();
        f.Case.Involve(f.HealthVisitor, f.Child, TestFamily.From, "health visitor");
        f.OpenEnquiry(TestFamily.At(2, 2));
        var news = f.Record(TestFamily.At(3, 2, 11), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Grandmother reports the child was given methadone" });
        return (f, news);
    }

    [Fact]
    public void A_significant_entry_not_shared_by_the_end_of_the_next_working_day_is_flagged()
    {
        var (f, news) = OpenCaseWithNews();

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 3, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 0, 1)));

        Assert.Equal($"share:{news.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(3, 3), finding.DueAt);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal([news.Id], finding.Evidence);
    }

    [Fact]
    public void Shared_at_the_end_of_the_first_working_day_it_is_not_flagged()
    {
        var (f, news) = OpenCaseWithNews();
        f.Share(TestFamily.At(3, 3, 23, 58), f.SocialWorker, news, f.HealthVisitor);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 0, 1)));
    }

    [Fact]
    public void Shared_on_the_second_working_day_it_was_flagged_until_the_share()
    {
        var (f, news) = OpenCaseWithNews();
        f.Share(TestFamily.At(3, 4, 10), f.SocialWorker, news, f.HealthVisitor);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 0, 1)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 11)));
    }

    [Fact]
    public void A_weekend_does_not_count()
    {
        var f = new TestFamily();
        f.OpenEnquiry(TestFamily.At(2, 2));
        f.Record(TestFamily.At(3, 6, 16), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "News" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 9, 23)));
        Assert.Equal(TestFamily.EndOf(3, 9), Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 10, 0, 1))).DueAt);
    }

    [Fact]
    public void Routine_restricted_and_closed_case_entries_are_not_flagged()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Before any enquiry" });
        f.OpenEnquiry(TestFamily.At(2, 2));
        TestFamily.Routine(f.Record(TestFamily.At(3, 2), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Routine" }));
        var restricted = f.Record(TestFamily.At(3, 2), f.PoliceOfficer, new Observation { Topic = ObservationTopic.Other, Text = "Intelligence" });
        restricted.Entry.SharingLevel = SharingLevel.RestrictedPoliceIntelligence;
        var critical = f.Record(TestFamily.At(3, 2), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Critical news" });
        critical.Entry.Significance = Significance.Critical;

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 10)));
        Assert.Equal($"share:{critical.Id}", finding.CauseKey);
    }

    [Fact]
    public void A_share_not_acknowledged_by_a_team_member_within_two_working_days_is_flagged_until_it_is()
    {
        var (f, news) = OpenCaseWithNews();
        var share = f.Share(TestFamily.At(3, 2, 15), f.SocialWorker, news, f.HealthVisitor, f.Doctor);
        f.Acknowledge(TestFamily.At(3, 4, 10), f.Doctor, share);
        f.Acknowledge(TestFamily.At(3, 6, 10), f.HealthVisitor, share);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 5, 0, 1)));
        Assert.Equal($"acknowledge:{news.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(3, 4), finding.DueAt);
        Assert.Equal([news.Id, share.Id], finding.Evidence);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 6, 11)));
    }

    [Fact]
    public void A_share_of_the_entry_before_it_was_corrected_still_counts()
    {
        var (f, news) = OpenCaseWithNews();
        f.Share(TestFamily.At(3, 2, 15), f.SocialWorker, news, f.HealthVisitor);
        f.Case.Correct(news, TestFamily.At(3, 3, 10), f.SocialWorker, new Observation { Topic = ObservationTopic.Other, Text = "Corrected" }, "Wrong date");

        Assert.DoesNotContain(f.Evaluate(_safeguard, TestFamily.At(3, 4, 0, 1)), x => x.CauseKey.StartsWith("share:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_timescales_are_the_partnerships_settings()
    {
        var (f, _) = OpenCaseWithNews();
        f.Case.Policy["SG-08.share-within"] = "3";

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 5, 23)));
        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 6, 0, 1)));
    }
}
