using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// Every id an entry's details can hold is declared with what it names, so that one checker can authorise them all
/// for the writer (docs/security.md, "One access rule for every reference").
/// </summary>
public sealed class ReferencesTests
{
    [Fact]
    public void Every_id_bearing_property_of_every_kind_of_details_declares_what_it_names()
    {
        var detailsTypes = typeof(EntryDetails).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(EntryDetails).Namespace && t.IsClass && !t.IsAbstract && typeof(EntryDetails).IsAssignableFrom(t)).ToList();

        Assert.Equal(EntryKinds.All.Select(k => k.DetailsType).OrderBy(t => t.Name), detailsTypes.OrderBy(t => t.Name));
        var undeclared = detailsTypes.SelectMany(References.Undeclared).ToList();
        Assert.True(undeclared.Count == 0, $"Ids without [Names(...)]: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void Every_record_inside_the_details_is_walked_too()
    {
        // The nested records carry ids as well: the walk must reach them.
        Assert.Empty(References.Undeclared(typeof(AssessmentCompleted)));
        var found = References.In(new AssessmentCompleted
        {
            Type = AssessmentType.ChildAndFamily, Conclusion = "c", Outcome = AssessmentOutcome.EarlyHelp,
            PeopleNotSeen = [new PersonNotSeen { PersonId = Guid.Empty }],
            InjuryFindings = [new InjuryFinding { InjuryEntryId = Guid.Empty, Explanation = InjuryExplanation.Explained }],
        });
        Assert.Contains(found, r => r.Path == "details.peopleNotSeen[0].personId" && r.Target == ReferenceTarget.Person);
        Assert.Contains(found, r => r.Path == "details.injuryFindings[0].injuryEntryId" && r.Target == ReferenceTarget.Entry);
    }

    private sealed record Forgetful : EntryDetails
    {
        public Guid? SomeoneId { get; init; }
        public IReadOnlyList<Guid> Others { get; init; } = [];
    }

    [Fact]
    public void An_undeclared_id_is_found_by_the_check_and_refused_by_the_walk()
    {
        Assert.Equal(["Forgetful.SomeoneId", "Forgetful.Others"], References.Undeclared(typeof(Forgetful)));
        Assert.Throws<InvalidOperationException>(() => References.In(new Forgetful { SomeoneId = Guid.NewGuid() }));
    }
}
