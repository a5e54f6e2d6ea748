using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Tests.Chronology;

public sealed class EntryFieldsTests
{
    private static readonly Guid Child = Guid.NewGuid();
    private static readonly Guid Sibling = Guid.NewGuid();
    private static readonly Guid Worker = Guid.NewGuid();

    private static Names NamesWith(IReadOnlySet<Guid>? hidden = null)
    {
        var names = new Names(new Dictionary<Guid, string> { [Child] = "Child A", [Sibling] = "Sibling B" }, new Dictionary<Guid, string> { [Worker] = "Sam Worker" }, new Dictionary<Guid, string>());
        return hidden is null ? names : names.Withholding(hidden);
    }

    [Fact]
    public void What_a_home_visit_recorded_is_all_there_in_words_and_what_was_not_recorded_is_left_out()
    {
        var fields = EntryFields.Of(new HomeVisit { ChildSeen = true, ChildSeenAlone = null, PeopleSeen = [Child, Sibling], Observations = "Seen alone in her room; said she was hungry" }, NamesWith());

        Assert.Equal(
            [("Child seen", "Yes"), ("People seen", "Child A, Sibling B"), ("Observations", "Seen alone in her room; said she was hungry")],
            fields.Select(f => (f.Label, f.Value)));
    }

    [Fact]
    public void A_person_withheld_from_the_reader_stays_withheld()
    {
        var fields = EntryFields.Of(new HomeVisit { ChildSeen = true, PeopleSeen = [Child, Sibling] }, NamesWith(new HashSet<Guid> { Sibling }));

        Assert.Equal($"Child A, {Names.WithheldPerson}", fields.Single(f => f.Label == "People seen").Value);
        Assert.DoesNotContain(fields, f => f.Value.Contains("Sibling B", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plans_items_are_a_line_each_with_their_owner_named_and_entries_it_weighed_counted_never_shown_as_ids()
    {
        var entry = Guid.NewGuid();
        var fields = EntryFields.Of(new PlanStarted
        {
            Type = PlanType.ChildProtection,
            Items =
            [
                new PlanItem { Concern = "Bruising", Action = "Weekly visits", OwnerProfessionalId = Worker, Due = new DateOnly(2026, 12, 20), SuccessMeasure = "Seen weekly" },
                new PlanItem { Concern = "Missed health appointments", Action = "Health visitor to attend with mother" },
            ],
            RisksAnalysed = [entry],
        }, NamesWith());

        Assert.Equal("Child protection plan", fields.Single(f => f.Label == "Type").Value);
        Assert.Equal(
            "Concern: Bruising; Action: Weekly visits; Owner: Sam Worker; Due: 20 December 2026; Success measure: Seen weekly\nConcern: Missed health appointments; Action: Health visitor to attend with mother",
            fields.Single(f => f.Label == "Items").Value);
        Assert.Equal("1 entry on record", fields.Single(f => f.Label == "Risks analysed").Value);
        Assert.Equal("No", fields.Single(f => f.Label == "Draft").Value);
        Assert.DoesNotContain(fields, f => f.Value.Contains(entry.ToString(), StringComparison.OrdinalIgnoreCase) || f.Label.StartsWith("Is ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_kind_reads_without_error_and_shows_no_id()
    {
        foreach (var kind in EntryKinds.All)
        {
            var details = (EntryDetails)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(kind.DetailsType);
            var fields = EntryFields.Of(details, NamesWith());
            Assert.All(fields, f => Assert.False(Guid.TryParse(f.Value, out _), $"{kind.Code}: {f.Label}"));
        }
    }
}
