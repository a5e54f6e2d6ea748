using System.Globalization;
using System.Text;

namespace Chronicle.Load;

/// <summary>The figures of a load run, per database, number of clients and operation, as a markdown table.</summary>
public sealed class Report(int children, Bounds bounds, string configuration)
{
    private readonly List<Run> _runs = [];

    public Run Run(string database)
    {
        var run = new Run(database);
        _runs.Add(run);
        return run;
    }

    public string Markdown(string commit)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load run at commit `{commit}` ({configuration} build), {children:N0} children, {Environment.ProcessorCount} cores, " +
                                                      $"each phase up to {bounds.Duration.TotalSeconds:F0} s or {bounds.RequestsPerClient} requests per client, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        foreach (var run in _runs)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### {run.Database}").AppendLine();
            foreach (var note in run.Notes) text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            text.AppendLine()
                .AppendLine("| clients | operation | requests | failed | per second | p50 ms | p95 ms | p99 ms | max ms | server CPU ms a request | SQL statements a request | load average | server memory peak / now |")
                .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var phase in run.Phases)
                foreach (var group in phase.Samples.GroupBy(s => s.Operation))
                {
                    var times = group.Select(s => s.Milliseconds).Order().ToArray();
                    var rate = phase.Elapsed > TimeSpan.Zero ? (group.Count() / phase.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture) : "";
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {phase.Clients} | {group.Key} | {times.Length} | {group.Count(s => !s.Ok)} | {rate} | {Percentile(times, 50):F0} | {Percentile(times, 95):F0} | {Percentile(times, 99):F0} | {times[^1]:F0} | {phase.Processor.TotalMilliseconds / phase.Samples.Length:F0} | {(phase.Statements is { } n ? (n / (double)phase.Samples.Length).ToString("F1", CultureInfo.InvariantCulture) : "")} | {phase.LoadAverage} | {phase.Memory.PeakMiB:F0} / {phase.Memory.NowMiB:F0} MiB |");
                }
        }
        return text.ToString();
    }

    /// <summary>Nearest rank: the smallest time at or above which the given share of requests finished.</summary>
    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// One phase's samples, with the server's processor time over the phase (all its operations), the SQL statements it
/// executed (when counted) and the machine's load average at its end.
/// </summary>
public sealed record Phase(int Clients, string Name, Sample[] Samples, TimeSpan Elapsed, TimeSpan Processor, string LoadAverage, (double PeakMiB, double NowMiB) Memory, long? Statements);

public sealed class Run(string database)
{
    public string Database => database;
    public List<string> Notes { get; } = [];
    public List<Phase> Phases { get; } = [];

    public void Note(string note)
    {
        Notes.Add(note);
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {database}: {note}");
    }

    public void Phase(int clients, string name, Sample[] samples, TimeSpan elapsed, WebProcess web, TimeSpan processorBefore, long? statementsBefore = null)
    {
        if (samples.Length > 0)
            Phases.Add(new Phase(clients, name, samples, elapsed, web.ProcessorTime() - processorBefore, Machine.LoadAverage(), web.Memory(), web.Statements - statementsBefore));
    }
}
