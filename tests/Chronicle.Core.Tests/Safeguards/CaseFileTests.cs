using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Core.Time;
using Chronicle.Testing;
using TestResult = Chronicle.Core.Chronology.Details.TestResult;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class CaseFileTests
{
    private static readonly Type[] Kinds = [.. EntryKinds.All.Select(k => k.DetailsType)];

    [Fact]
    public void With_places_a_later_entry_last()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        var file = c.Builder.Build();
        var later = c.Contact(new DateTime(2015, 3, 9, 10, 0, 0));

        var added = file.With(later);

        Assert.Equal(later, added.Entries[^1]);
        Assert.Equal(later, added.Of<ContactReceived>()[^1]);
    }

    [Fact]
    public void With_places_an_entry_about_the_past_in_date_order()
    {
        var c = new CaseWithTeam();
        var first = c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        var third = c.Contact(new DateTime(2015, 3, 9, 10, 0, 0));
        var file = c.Builder.Build();
        _ = file.Of<ContactReceived>();
        var second = c.RecordLate(new DateTime(2015, 3, 5, 10, 0, 0), new DateTime(2015, 3, 10, 10, 0, 0), c.FrontDoorWorker, new ContactReceived { Concerns = "Told late" });

        var added = file.With(second);

        Assert.Equal([first.Id, second.Id, third.Id], added.Entries.Select(e => e.Id));
        Assert.Equal([first.Id, second.Id, third.Id], added.Of<ContactReceived>().Select(e => e.Id));
    }

    [Fact]
    public void With_a_correction_replaces_the_entry_it_corrects()
    {
        var c = new CaseWithTeam();
        var wrong = c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.HealthVisitor, new TestResult { Test = "Urine", Outcome = TestOutcome.Negative });
        c.Contact(new DateTime(2015, 3, 3, 10, 0, 0));
        var file = c.Builder.Build();
        _ = file.Of<TestResult>();
        var right = c.Builder.Correct(wrong, new DateTime(2015, 3, 4, 10, 0, 0), c.HealthVisitor,
            new TestResult { Test = "Urine", Outcome = TestOutcome.Inconclusive, SampleQuality = SampleQuality.Dilute }, "The sample was dilute");

        var added = file.With(right);

        Assert.DoesNotContain(wrong, added.Entries);
        Assert.Equal([right], added.Of<TestResult>());
        Assert.Equal(2, added.Entries.Count);
    }

    [Fact]
    public void With_leaves_the_file_it_came_from_as_it_was()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        var file = c.Builder.Build();
        _ = file.Of<ContactReceived>();

        file.With(c.Contact(new DateTime(2015, 3, 9, 10, 0, 0)));

        Assert.Single(file.Entries);
        Assert.Single(file.Of<ContactReceived>());
    }

    [Fact]
    public void Entries_added_one_by_one_give_the_file_a_fresh_load_gives()
    {
        var c = new CaseWithTeam();
        var start = new DateTime(2015, 1, 5, 9, 0, 0);
        var random = new Random(7);
        var file = c.Builder.Build();
        _ = file.Of<ContactReceived>();
        var recorded = new List<CaseEntry>();
        for (var i = 0; i < 60; i++)
        {
            var happened = start.AddHours(random.Next(24 * 90));
            EntryDetails details = random.Next(3) switch
            {
                0 => new ContactReceived { Concerns = $"Concern {i}" },
                1 => new HomeVisit { ChildSeen = true },
                _ => new TestResult { Test = "Urine", Outcome = TestOutcome.Negative },
            };
            var entry = recorded.Count > 0 && random.Next(10) == 0
                ? c.Builder.Correct(recorded[random.Next(recorded.Count)], happened, c.SocialWorker, details, "Corrected")
                : c.Builder.Record(CaseFileBuilder.At(happened), CaseFileBuilder.At(start.AddDays(100 + i)), c.SocialWorker, details, c.Child);
            recorded.Add(entry);
            file = file.With(entry);
        }

        var fresh = c.Builder.Build();

        Assert.Equal(fresh.Entries.Select(e => e.Id), file.Entries.Select(e => e.Id));
        foreach (var kind in Kinds)
            Assert.Equal(OfKind(fresh, kind), OfKind(file, kind));
    }

    [Fact]
    public void A_file_grown_one_entry_at_a_time_finds_what_a_file_built_afresh_finds()
    {
        // Evaluating after each entry makes the file keep what safeguards work out (indexes of shares and decisions,
        // the case's openings); a new entry must leave nothing stale behind for the next evaluation.
        var c = new CaseWithTeam();
        var engine = new SafeguardEngine(TimeProvider.System);
        var start = new DateTime(2015, 1, 5, 9, 0, 0);
        var random = new Random(11);
        var file = c.Builder.Build();
        var recorded = new List<CaseEntry>();
        for (var i = 0; i < 80; i++)
        {
            var at = start.AddHours(7 * i);
            var earlier = recorded.Count > 0 ? recorded[random.Next(recorded.Count)] : null;
            var shares = recorded.Where(e => e.Details is InformationShared).ToList();
            EntryDetails details = random.Next(7) switch
            {
                0 => new ContactReceived { Concerns = $"Concern {i}" },
                1 => new HomeVisit { ChildSeen = true },
                2 when earlier is not null => new InformationShared { AboutEntryId = earlier.Id, RecipientProfessionalIds = [c.HealthVisitor.Id], Summary = "Shared" },
                3 when shares.Count > 0 => new InformationAcknowledged { SharedEntryId = shares[random.Next(shares.Count)].Id, ProfessionalId = c.HealthVisitor.Id },
                4 when earlier is not null => new DecisionRecorded { AboutEntryId = earlier.Id, Topic = DecisionTopic.Other, Decision = "Decided", Rationale = "Because" },
                5 => new StrategyDiscussion { Decision = random.Next(2) == 0 ? StrategyOutcome.Section47Enquiry : StrategyOutcome.ChildAndFamilyAssessment },
                _ => new InjuryObserved { Type = InjuryType.Bruise, Site = "Face", ChildMobility = Mobility.NotIndependentlyMobile, Description = "Bruise" },
            };
            var entry = c.Builder.Record(CaseFileBuilder.At(at), CaseFileBuilder.At(at), c.SocialWorker, details, c.Child);
            recorded.Add(entry);
            file = file.With(entry);
            var now = at.AddDays(3);
            var grown = engine.Find(file, c.Builder.Context(now));
            var fresh = engine.Find(c.Builder.Build(), c.Builder.Context(now));
            Assert.Equal(Described(fresh), Described(grown));
        }

        static string[] Described(IReadOnlyDictionary<(string SafeguardId, string CauseKey), (ISafeguard Safeguard, Finding Finding)> found) =>
            [.. found.Select(f => $"{f.Key.SafeguardId} {f.Key.CauseKey} {f.Value.Finding.Summary} {f.Value.Finding.DueAt:O}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Typed_entries_are_current_in_the_same_order_as_stored_ones()
    {
        var c = new CaseWithTeam();
        var first = c.Contact(new DateTime(2015, 3, 9, 10, 0, 0));
        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0));
        c.Builder.Correct(first, new DateTime(2015, 3, 10, 10, 0, 0), c.FrontDoorWorker, new ContactReceived { Concerns = "Corrected" }, "Wrong child");
        var stored = c.Builder.Build().Entries;

        var typed = CaseFileLoader.Current(stored.Select(e => e).Append(first).Reverse());

        Assert.Equal(stored.Select(e => e.Id), typed.Select(e => e.Id));
    }

    [Fact]
    public void The_engine_finds_each_safeguard_and_cause_once()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.HealthVisitor, new Appointment { Service = "Health visiting", Outcome = AppointmentOutcome.WasNotBrought });
        var second = c.Record(new DateTime(2015, 4, 2, 10, 0, 0), c.HealthVisitor, new Appointment { Service = "Health visiting", Outcome = AppointmentOutcome.WasNotBrought });
        var engine = new SafeguardEngine([new WasNotBrought(), new WasNotBrought()], WorkingDayCalendar.EnglandAndWales, TimeProvider.System);
        // A week on: the repeat off a plan is past the lead's working day to answer it, so an alert, not a reminder.
        var now = new DateTime(2015, 4, 9);

        var found = engine.Find(c.Builder.Build(CaseFileBuilder.At(now)), c.Builder.Context(now));

        Assert.Equal([("SG-16", $"was-not-brought:{second.Id}")], found.Keys);
    }

    private static Guid[] OfKind(CaseFile file, Type kind) =>
        [.. ((IEnumerable<CaseEntry>)typeof(CaseFile).GetMethod(nameof(CaseFile.Of))!.MakeGenericMethod(kind).Invoke(file, null)!).Select(e => e.Id)];
}
