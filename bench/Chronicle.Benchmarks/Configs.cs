using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;

namespace Chronicle.Benchmarks;

/// <summary>
/// BenchmarkDotNet settings. Every job runs with the server garbage collector, as the web app does. A latency job
/// runs one evaluation per iteration, so its percentile columns are those of single evaluations, not of averages.
/// </summary>
public static class Configs
{
    public const string QuickVariable = "CHRONICLE_BENCH_QUICK";

    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    public static ManualConfig Latency(int iterations, int warmups) => Base(Job.Default
        .WithInvocationCount(1).WithUnrollFactor(1)
        // Every evaluation counts towards the percentiles: a slow one is what a user waits for, not noise to drop.
        .WithOutlierMode(OutlierMode.DontRemove)
        .WithIterationCount(Quick ? Math.Max(10, iterations / 20) : iterations)
        .WithWarmupCount(Quick ? Math.Max(2, warmups / 20) : warmups));

    private static ManualConfig Base(Job job)
    {
        // Added to BenchmarkDotNet's default configuration, which brings the loggers, exporters and default columns.
        var config = ManualConfig.CreateEmpty().AddJob(job.WithGcServer(true).WithGcConcurrent(true));
        config.AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column(), StatisticColumn.Max, StatisticColumn.Iterations);
        config.AddDiagnoser(MemoryDiagnoser.Default);
        return config;
    }

    /// <summary>Incremental evaluation: thousands of single evaluations.</summary>
    public sealed class IncrementalConfig : ManualConfig
    {
        public IncrementalConfig() => Add(Latency(3000, 300));
    }

    /// <summary>Incremental evaluation re-reading the database: a tenth of a second each, so hundreds rather than thousands.</summary>
    public sealed class NaiveIncrementalConfig : ManualConfig
    {
        public NaiveIncrementalConfig() => Add(Latency(300, 30));
    }

    /// <summary>Sweeps: a handful of whole sweeps.</summary>
    public sealed class SweepConfig : ManualConfig
    {
        public SweepConfig() => Add(Latency(10, 2));
    }

    /// <summary>The naive sweep reads the database for every child: three sweeps after one to warm up (and raise the alerts).</summary>
    public sealed class NaiveSweepConfig : ManualConfig
    {
        public NaiveSweepConfig() => Add(Base(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithIterationCount(3).WithWarmupCount(1)));
    }
}
