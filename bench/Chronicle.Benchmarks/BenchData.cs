using System.Collections.Concurrent;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;

namespace Chronicle.Benchmarks;

/// <summary>
/// The synthetic partnership the benchmarks run over, generated once per process. Its size comes from the
/// environment so that the processes BenchmarkDotNet starts see what the command line asked for.
/// </summary>
public static class BenchData
{
    public const string ChildrenVariable = "CHRONICLE_BENCH_CHILDREN";
    public const string NaiveChildrenVariable = "CHRONICLE_BENCH_NAIVE_CHILDREN";

    public static int Children => Read(ChildrenVariable, 100_000);

    /// <summary>Children in the database the naive sweep reads: a slice of the same partnership.</summary>
    public static int NaiveChildren => Read(NaiveChildrenVariable, 1_000);

    public static SyntheticOptions Options(int children) => new() { Children = children };

    public static SafeguardEngine Engine { get; } = new(SafeguardCatalogue.All, WorkingDayCalendar.EnglandAndWales, TimeProvider.System);

    public static SafeguardContext Context(DateTimeOffset now) => new(now, WorkingDayCalendar.EnglandAndWales, PolicySettings.Defaults);

    /// <summary>Groups each file's entries by kind, as a resident case file keeps them between evaluations.</summary>
    public static CaseFile[] Resident(IEnumerable<CaseFile> files)
    {
        var all = files.ToArray();
        Parallel.ForEach(all, f => f.Of<ContactReceived>());
        return all;
    }

    /// <summary>Every safeguard over every case file at one moment, on every core; returns how many findings there were.</summary>
    public static long Sweep(CaseFile[] files, SafeguardContext context)
    {
        long found = 0;
        Parallel.ForEach(Partitioner.Create(0, files.Length, 256), () => 0L,
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++) local += Engine.Find(files[i], context).Count;
                return local;
            },
            local => Interlocked.Add(ref found, local));
        return found;
    }

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : fallback;
}
