using BenchmarkDotNet.Attributes;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;

namespace Chronicle.Benchmarks;

/// <summary>
/// Every safeguard over every child at one moment: the partnership's resident case files (100,000 children unless
/// told otherwise), split across every core. Only the findings are worked out: raising and resolving alerts is the
/// engine's persistence, not part of the sweep.
/// </summary>
[Config(typeof(Configs.SweepConfig))]
public class SweepBenchmarks
{
    private CaseFile[] _files = [];
    private SafeguardContext _context = null!;
    private DateTimeOffset _now;
    private int _sweeps;

    [GlobalSetup]
    public void SetUp()
    {
        var partnership = SyntheticPartnership.Generate(BenchData.Options(BenchData.Children));
        _files = BenchData.Resident(partnership.CaseFiles);
        _now = partnership.Options.Now;
        Console.WriteLine($"// {partnership.ChildCount:N0} children, {partnership.EntryCount:N0} entries, {partnership.CaseFileEntryCount:N0} over all case files");
    }

    /// <summary>
    /// Each sweep a day after the last, as the clock's sweeps are: what a case file keeps about its own content carries
    /// over, as it would for a resident file, but no answer about the sweep's own day does.
    /// </summary>
    [IterationSetup(Target = nameof(InMemory))]
    public void NextDay() => _context = BenchData.Context(_now.AddDays(_sweeps++));

    [Benchmark]
    public long InMemory() => BenchData.Sweep(_files, _context);
}

/// <summary>
/// The engine's own sweep, as it runs today: over a SQLite database holding a slice of the same partnership (1,000
/// children unless told otherwise, and the incremental benchmark's child), reading each child's record afresh, one
/// child at a time, and checking each child's alerts.
/// </summary>
[Config(typeof(Configs.NaiveSweepConfig))]
public class NaiveSweepBenchmarks
{
    private DatabaseSettings _database = null!;
    private SafeguardEngine _engine = null!;
    private Guid _partnershipId;

    [GlobalSetup]
    public void SetUp()
    {
        var slice = SyntheticPartnership.Generate(BenchData.Options(BenchData.NaiveChildren) with { JsonDetails = true });
        var child = IncrementalChild.In(slice);
        _database = NaiveDatabase.Open(slice, child.Family);
        _partnershipId = slice.Partnership.Id;
        _engine = new SafeguardEngine(SafeguardCatalogue.All, WorkingDayCalendar.EnglandAndWales, new SimulatedClock(slice.Options.Now));
        Console.WriteLine($"// {slice.ChildCount + 1:N0} children, {slice.EntryCount + child.Family.Entries.Count:N0} entries in the database");
    }

    [Benchmark]
    public int Naive()
    {
        using var db = new ChronicleDb(_database.Options());
        return _engine.SweepAsync(db, _partnershipId).GetAwaiter().GetResult().Raised;
    }
}
