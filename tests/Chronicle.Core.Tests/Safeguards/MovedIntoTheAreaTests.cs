using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class MovedIntoTheAreaTests
{
    private readonly MovedIntoTheArea _safeguard = new();

    private static CaseEntry Moved(CaseWithTeam c, DateTime recorded, DateOnly movedOn, string from = "Leeds", string to = "Bristol") =>
        c.Record(recorded, c.HealthVisitor, new AddressChange
        {
            NewAddress = "1 New Street",
            LocalAuthority = to,
            PreviousAddress = "9 Old Road",
            PreviousLocalAuthority = from,
            MovedOn = movedOn,
        }, c.Mother, c.Child);

    private static CaseEntry Requested(CaseWithTeam c, DateTime at, string area = "Leeds") =>
        c.Record(at, c.SocialWorker, new RecordsRequested { FromArea = area, FromAgency = $"{area} Children's Social Care" });

    [Fact]
    public void Records_not_requested_within_a_working_day_of_learning_of_the_move_are_found()
    {
        var c = new CaseWithTeam();
        var move = Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3, 23, 59, 0)));
        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 0, 1, 0)));

        Assert.Equal("records-request:LEEDS", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 3), finding.DueAt);
        Assert.Equal([move.Id], finding.Evidence);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void A_move_of_the_child_and_a_parent_together_is_told_as_the_childs_whatever_their_ids()
    {
        // The people's ids are new each time: the words must not depend on how they fall.
        for (var i = 0; i < 20; i++)
        {
            var c = new CaseWithTeam();
            Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));
            var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 0, 1, 0)));
            Assert.StartsWith($"{c.Child.DisplayName} lived in Leeds until", finding.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Records_requested_in_time_and_not_received_within_five_working_days_are_found()
    {
        var c = new CaseWithTeam();
        Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));
        var request = Requested(c, new DateTime(2015, 3, 3, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 10, 23, 59, 0)));
        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 11, 0, 1, 0)));

        Assert.Equal("records-receipt:LEEDS", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 10), finding.DueAt);
        Assert.Contains(request.Id, finding.Evidence);
    }

    [Fact]
    public void Receiving_the_records_clears_it()
    {
        var c = new CaseWithTeam();
        Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));
        var request = Requested(c, new DateTime(2015, 3, 3, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 12, 10, 0, 0), c.SocialWorker, new RecordsReceived { RequestEntryId = request.Id, FromArea = "Leeds", Summary = "Mother known as a child" });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 12, 11, 0, 0)));
    }

    [Fact]
    public void A_decision_on_records_from_another_area_clears_it()
    {
        var c = new CaseWithTeam();
        Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));
        c.Decision(new DateTime(2015, 3, 5, 10, 0, 0), c.TeamManager, DecisionTopic.RecordsFromAnotherArea);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void A_previous_address_two_years_before_is_within_the_look_back_and_a_day_more_is_not()
    {
        var within = new CaseWithTeam();
        Moved(within, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2013, 3, 2));
        var outside = new CaseWithTeam();
        Moved(outside, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2013, 3, 1));

        Assert.Single(within.Evaluate(_safeguard, new DateTime(2015, 3, 5)));
        Assert.Empty(outside.Evaluate(_safeguard, new DateTime(2015, 3, 5)));
    }

    [Fact]
    public void A_move_within_the_area_is_not_found()
    {
        var c = new CaseWithTeam();
        Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16), from: "bristol");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 5)));
    }

    [Fact]
    public void Agencies_addresses_in_another_area_then_this_one_are_a_move()
    {
        var c = new CaseWithTeam();
        var leedsMidwifery = c.Builder.Agency("Leeds Midwifery", AgencyKind.Midwifery, "Leeds");
        c.Builder.Address(c.Mother, "9 Old Road, Leeds", leedsMidwifery, new DateOnly(2014, 6, 1), "Leeds", CaseFileBuilder.At(new DateTime(2014, 6, 2)));
        c.Builder.Address(c.Mother, "1 New Street, Bristol", c.HealthVisiting, new DateOnly(2015, 2, 16), "Bristol", CaseFileBuilder.At(new DateTime(2015, 3, 2, 10, 0, 0)));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3, 23, 59, 0)));
        Assert.Equal("records-request:LEEDS", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 0, 1, 0))).CauseKey);
    }

    [Fact]
    public void A_parent_living_elsewhere_now_has_not_moved_into_the_area()
    {
        var c = new CaseWithTeam();
        var leedsGp = c.Builder.Agency("Leeds GP", AgencyKind.GeneralPractice, "Leeds");
        c.Builder.Address(c.Mother, "9 Old Road, Leeds", leedsGp, new DateOnly(2014, 6, 1), "Leeds", CaseFileBuilder.At(new DateTime(2014, 6, 2)));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 5)));
    }

    [Fact]
    public void The_mother_and_child_moving_together_are_one_cause_per_area()
    {
        var c = new CaseWithTeam();
        Moved(c, new DateTime(2015, 3, 2, 10, 0, 0), new DateOnly(2015, 2, 16));
        Moved(c, new DateTime(2015, 3, 2, 11, 0, 0), new DateOnly(2015, 2, 16), from: "Manchester");

        var keys = c.Evaluate(_safeguard, new DateTime(2015, 3, 5)).Select(f => f.CauseKey).Order(StringComparer.Ordinal);

        Assert.Equal(["records-request:LEEDS", "records-request:MANCHESTER"], keys);
    }

    [Fact]
    public void A_move_by_someone_outside_the_family_is_not_found()
    {
        var c = new CaseWithTeam();
        var neighbour = c.Builder.Adult("Neighbour", livesHere: false);
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.HealthVisitor, new AddressChange
        {
            NewAddress = "3 New Street",
            LocalAuthority = "Bristol",
            PreviousLocalAuthority = "Leeds",
            MovedOn = new DateOnly(2015, 2, 16),
        }, neighbour);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 5)));
    }
}
