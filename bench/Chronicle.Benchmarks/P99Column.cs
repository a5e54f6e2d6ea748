using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Chronicle.Benchmarks;

/// <summary>The 99th percentile of the measurements, which BenchmarkDotNet 0.14 computes but has no public column for.</summary>
public sealed class P99Column : IColumn
{
    public string Id => nameof(P99Column);
    public string ColumnName => "P99";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => "Percentile 99: 99% of the measurements are at or below this value";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics) return "NA";
        var nanoseconds = statistics.Percentiles.Percentile(99);
        var (divisor, unit) = statistics.Mean switch
        {
            < 1e3 => (1.0, "ns"),
            < 1e6 => (1e3, "μs"),
            < 1e9 => (1e6, "ms"),
            _ => (1e9, "s"),
        };
        return (nanoseconds / divisor).ToString("N3", CultureInfo.InvariantCulture) + " " + unit;
    }
}
