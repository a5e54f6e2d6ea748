using System.Collections.Concurrent;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;

namespace Chronicle.Benchmarks;

/// <summary>
/// `alert-rate WEEKS`: the synthetic partnership swept once a day, as the hosted sweep does, over the weeks before its
/// moment. Each day's alerts (reminders left out) are compared with every alert already raised for the child, as the
/// engine raises once per cause; a cause not seen before is an alert raised that day, for its owner. Prints alerts
/// raised per week, per practitioner who owned any (and per professional in the partnership), and by safeguard.
/// </summary>
public static class AlertRate
{
    public static void Run(int children, int weeks)
    {
        var partnership = SyntheticPartnership.Generate(BenchData.Options(children));
        var files = BenchData.Resident(partnership.CaseFiles);
        var end = partnership.Options.Now;
        var start = end.AddDays(-7 * weeks);
        var bySafeguard = new ConcurrentDictionary<string, int>();
        var byOwner = new ConcurrentDictionary<Guid, int>();
        long raised = 0, unowned = 0, openAtStart = 0;
        Parallel.ForEach(files, file =>
        {
            var seen = new HashSet<(string, string)>();
            foreach (var key in BenchData.Engine.Find(file, BenchData.Context(start)).Keys) seen.Add(key);
            Interlocked.Add(ref openAtStart, seen.Count);
            for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
                foreach (var ((id, cause), (_, finding)) in BenchData.Engine.Find(file, BenchData.Context(day)))
                {
                    if (!seen.Add((id, cause))) continue;
                    Interlocked.Increment(ref raised);
                    bySafeguard.AddOrUpdate(id, 1, static (_, n) => n + 1);
                    if (finding.OwnerProfessionalId is { } owner) byOwner.AddOrUpdate(owner, 1, static (_, n) => n + 1);
                    else Interlocked.Increment(ref unowned);
                }
        });
        var professionals = partnership.Staff.Professionals.Count;
        Console.WriteLine($"{partnership.ChildCount:N0} children, {professionals:N0} professionals; swept daily from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} ({weeks} weeks)");
        Console.WriteLine($"Alerts open at the start: {openAtStart:N0}; raised since: {raised:N0} ({raised / (double)weeks:F1} a week), {unowned:N0} with no owner");
        Console.WriteLine($"Practitioners who owned an alert: {byOwner.Count:N0}; alerts per practitioner per week: {raised / (double)weeks / Math.Max(1, byOwner.Count):F2} " +
                          $"(per professional in the partnership: {raised / (double)weeks / professionals:F2}); the busiest practitioner: {(byOwner.IsEmpty ? 0 : byOwner.Values.Max() / (double)weeks):F2} a week");
        foreach (var (id, n) in bySafeguard.OrderBy(x => x.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {id} {n,7:N0} {n / (double)weeks,7:F2} a week");
    }
}
