using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Synthetic;

/// <summary>One generated family: its people and their ties, its chronology, and a case file for each child.</summary>
public sealed class SyntheticFamily
{
    public required Household Household { get; init; }
    public required IReadOnlyList<Household> OtherHouseholds { get; init; }
    public required IReadOnlyDictionary<Guid, Person> People { get; init; }
    public required IReadOnlyList<Person> Children { get; init; }
    public required IReadOnlyList<Relationship> Relationships { get; init; }
    public required IReadOnlyList<HouseholdMembership> Memberships { get; init; }
    public required IReadOnlyList<Involvement> Involvements { get; init; }
    public required IReadOnlyList<AddressFact> Addresses { get; init; }
    /// <summary>Every entry recorded about the family, corrected entries included, in the order they were generated.</summary>
    public required IReadOnlyList<CaseEntry> Recorded { get; init; }
    /// <summary>The current chronology (corrections applied), oldest first: what each child's case file holds.</summary>
    public required IReadOnlyList<CaseEntry> Entries { get; init; }
    public required IReadOnlyList<CaseFile> CaseFiles { get; init; }
}

/// <summary>
/// A synthetic safeguarding partnership for benchmarks: families of one to five children with their parents,
/// households, addresses and involvements, and a chronology over a few years in which contacts lead to
/// assessments, strategy discussions, conferences and plans, alongside appointments, visits, injuries, tests,
/// incidents and moves. The same options always give the same partnership, and families are independent of each
/// other, so they are generated on every core.
/// </summary>
public sealed class SyntheticPartnership
{
    private static readonly int[] FamilySizes = [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5];

    private readonly List<int> _familySizes;

    private SyntheticPartnership(SyntheticOptions options, Guid id, SyntheticStaff staff, List<int> familySizes)
    {
        Options = options;
        Partnership = new Partnership { Id = id, Name = "Northshire Safeguarding Children Partnership", Code = "northshire" };
        Staff = staff;
        _familySizes = familySizes;
    }

    public SyntheticOptions Options { get; }
    public Partnership Partnership { get; }
    public SyntheticStaff Staff { get; }
    /// <summary>Every family, once generated; empty for a partnership only <see cref="Plan"/>ned.</summary>
    public IReadOnlyList<SyntheticFamily> Families { get; private set; } = [];

    public IEnumerable<CaseFile> CaseFiles => Families.SelectMany(f => f.CaseFiles);
    public int ChildCount => Families.Sum(f => f.Children.Count);
    public long EntryCount => Families.Sum(f => (long)f.Entries.Count);
    /// <summary>Entries summed over every child's case file: brothers and sisters each see the family's chronology.</summary>
    public long CaseFileEntryCount => Families.Sum(f => (long)f.Entries.Count * f.Children.Count);

    public static SyntheticPartnership Generate(SyntheticOptions options)
    {
        var partnership = Plan(options);
        partnership.Families = partnership.GenerateFamilies(0, partnership._familySizes.Count);
        return partnership;
    }

    /// <summary>
    /// The partnership's agencies, professionals and the size of each family, without the families themselves:
    /// <see cref="InBatches"/> generates those a batch at a time, for a partnership too large to hold in memory.
    /// </summary>
    public static SyntheticPartnership Plan(SyntheticOptions options)
    {
        var rng = new Random(options.Seed);
        var id = Ids.Next(rng);
        var staff = new SyntheticStaff(id, rng);
        var sizes = new List<int>();
        for (var children = 0; children < options.Children;)
        {
            var size = Math.Min(FamilySizes[rng.Next(FamilySizes.Length)], options.Children - children);
            sizes.Add(size);
            children += size;
        }
        return new SyntheticPartnership(options, id, staff, sizes);
    }

    /// <summary>The same families as <see cref="Generate"/>, in the same order, <paramref name="families"/> at a time.</summary>
    public IEnumerable<SyntheticFamily[]> InBatches(int families)
    {
        for (var first = 0; first < _familySizes.Count; first += families)
            yield return GenerateFamilies(first, Math.Min(families, _familySizes.Count - first));
    }

    private SyntheticFamily[] GenerateFamilies(int first, int count)
    {
        var families = new SyntheticFamily[count];
        Parallel.For(0, count, i =>
        {
            var family = new FamilyGenerator(Options, Staff, Partnership.Id, FamilySeed(Options, first + i));
            families[i] = family.Generate(_familySizes[first + i], Budgets(family.Random, _familySizes[first + i], Options.MeanEntriesPerChild));
        });
        return families;
    }

    /// <summary>
    /// One more family in this partnership, of one child whose chronology holds exactly <paramref name="entries"/>
    /// entries: the subject of the incremental benchmark.
    /// </summary>
    public SyntheticFamily FamilyWithEntries(int entries, int seed = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            var family = new FamilyGenerator(Options, Staff, Partnership.Id, FamilySeed(Options, -seed - attempt * 7919))
                .Generate(1, [entries * 11 / 10]);
            if (family.Entries.Count >= entries) return FamilyGenerator.Truncated(family, entries, Staff);
        }
    }

    /// <summary>Each family's own seed: fixed arithmetic, not <see cref="HashCode"/>, whose values change from run to run.</summary>
    private static int FamilySeed(SyntheticOptions options, int index) => unchecked((options.Seed * 1_000_003) ^ (index * 7_919) ^ (options.MeanEntriesPerChild << 20));

    /// <summary>Each child's number of entries: log-normal around the mean, so most have fewer and a few have many hundreds.</summary>
    private static int[] Budgets(Random rng, int children, int mean)
    {
        const double sigma = 0.9;
        var mu = Math.Log(mean) - sigma * sigma / 2;
        var budgets = new int[children];
        for (var i = 0; i < children; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            budgets[i] = (int)Math.Clamp(Math.Exp(mu + sigma * normal), 4, 40.0 * mean);
        }
        return budgets;
    }
}
