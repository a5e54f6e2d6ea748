using BenchmarkDotNet.Attributes;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Benchmarks;

/// <summary>
/// A new entry about a child with 500 entries, and every safeguard evaluated on that child at that moment: the child's
/// resident case file with the entry added, then the engine's findings (no database). Each iteration is one
/// evaluation, so the percentiles are those of single evaluations.
/// </summary>
[Config(typeof(Configs.IncrementalConfig))]
public class IncrementalBenchmarks
{
    private IncrementalChild _child = null!;
    private SafeguardContext _context = null!;
    private int _next;

    [GlobalSetup]
    public void SetUp()
    {
        _child = IncrementalChild.In(SyntheticPartnership.Generate(BenchData.Options(100)));
        _context = BenchData.Context(_child.Now);
    }

    /// <summary>The resident case file with the new entry, and every safeguard's findings.</summary>
    [Benchmark]
    public int InMemory()
    {
        var entry = _child.Next[_next++ % _child.Next.Count];
        return BenchData.Engine.Find(_child.File.With(entry), _context).Count;
    }
}

/// <summary>
/// The same child evaluated as the engine does without resident case files: its whole record re-read from SQLite,
/// evaluated, and its alerts checked. Each evaluation takes about a tenth of a second, so fewer are timed.
/// </summary>
[Config(typeof(Configs.NaiveIncrementalConfig))]
public class NaiveIncrementalBenchmarks
{
    private IncrementalChild _child = null!;
    private DatabaseSettings _database = null!;
    private SafeguardEngine _engine = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var slice = SyntheticPartnership.Generate(BenchData.Options(BenchData.NaiveChildren) with { JsonDetails = true });
        _child = IncrementalChild.In(slice);
        _database = NaiveDatabase.Open(slice, _child.Family);
        _engine = new SafeguardEngine(SafeguardCatalogue.All, WorkingDayCalendar.EnglandAndWales, new SimulatedClock(_child.Now));
    }

    /// <summary>The engine as it runs after each write: the child's record read afresh from the database, then evaluated.</summary>
    [Benchmark]
    public int Naive()
    {
        using var db = new ChronicleDb(_database.Options());
        return _engine.EvaluateChildAsync(db, _child.Family.Children[0].Id).GetAwaiter().GetResult();
    }
}
