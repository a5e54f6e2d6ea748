using System.Diagnostics;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Synthetic;

namespace Chronicle.Benchmarks;

/// <summary>
/// `describe`: generates the partnership and reports its size, how long it took and the memory it holds, the mix of
/// entry kinds, what each safeguard finds at the sweep's moment and the time each takes over every child, then
/// times a few full sweeps. Used to size the data set and to find the safeguards worth optimising.
/// </summary>
public static class Describe
{
    public static void Run(int children)
    {
        var before = GC.GetTotalMemory(true);
        var clock = Stopwatch.StartNew();
        var partnership = SyntheticPartnership.Generate(BenchData.Options(children));
        var files = BenchData.Resident(partnership.CaseFiles);
        var generated = clock.Elapsed;
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"Families {partnership.Families.Count:N0}, children {partnership.ChildCount:N0}, entries {partnership.EntryCount:N0}, " +
                          $"entries over all case files {partnership.CaseFileEntryCount:N0}");
        Console.WriteLine($"Generated and grouped in {generated.TotalSeconds:F1} s; managed heap holds {(after - before) / 1024.0 / 1024 / 1024:F2} GiB");
        var sizes = files.Select(f => f.Entries.Count).Order().ToArray();
        Console.WriteLine($"Case file entries: median {sizes[sizes.Length / 2]}, P90 {sizes[sizes.Length * 9 / 10]}, P99 {sizes[sizes.Length * 99 / 100]}, max {sizes[^1]}");
        var perChild = partnership.Families.SelectMany(f => Enumerable.Repeat(f.Entries.Count / (double)f.Children.Count, f.Children.Count)).Order().ToArray();
        Console.WriteLine($"Family entries per child: median {perChild[perChild.Length / 2]:F0}, P99 {perChild[perChild.Length * 99 / 100]:F0}");

        Console.WriteLine("\nEntry kinds:");
        foreach (var kind in partnership.Families.SelectMany(f => f.Entries).GroupBy(e => e.Entry.Kind).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  {kind.Key,-26} {kind.Count(),10:N0} {100.0 * kind.Count() / partnership.EntryCount,6:F2}%");

        var process = Process.GetCurrentProcess();
        // The first sweep, a day before the measured ones, works out what each case file keeps about its own content.
        process.Refresh();
        var firstCpu = process.TotalProcessorTime;
        clock.Restart();
        var firstFound = BenchData.Sweep(files, BenchData.Context(partnership.Options.Now.AddDays(-1)));
        process.Refresh();
        Console.WriteLine($"\nFirst sweep (a day earlier; case files work out what they keep): {clock.Elapsed.TotalMilliseconds:F0} ms elapsed, " +
                          $"{(process.TotalProcessorTime - firstCpu).TotalMilliseconds:F0} ms processor time, {firstFound:N0} findings; load {Load()}");

        var context = BenchData.Context(partnership.Options.Now);
        Console.WriteLine("\nSafeguards over every child, one core (processor time):");
        var total = TimeSpan.Zero;
        foreach (var safeguard in SafeguardCatalogue.All)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            long findings = 0, children2 = 0;
            foreach (var file in files)
            {
                var n = safeguard.Evaluate(file, context).Count();
                findings += n;
                if (n > 0) children2++;
            }
            process.Refresh();
            var spent = process.TotalProcessorTime - cpu;
            total += spent;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)files.Length;
            Console.WriteLine($"  {safeguard.Id} {safeguard.Title,-45} {spent.TotalMilliseconds,9:F0} ms {bytes,8:N0} B a child {findings,9:N0} findings for {children2,7:N0} children");
        }
        Console.WriteLine($"  All {total.TotalMilliseconds:F0} ms");

        for (var i = 1; i <= 3; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            clock.Restart();
            var found = BenchData.Sweep(files, BenchData.Context(partnership.Options.Now.AddDays(i)));
            process.Refresh();
            Console.WriteLine($"Full sweep on {Environment.ProcessorCount} cores: {clock.Elapsed.TotalMilliseconds:F0} ms elapsed, " +
                              $"{(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms processor time, {found:N0} findings (a day later each time); load {Load()}");
        }
        Console.WriteLine($"Managed heap with what the case files keep: {(GC.GetTotalMemory(true) - before) / 1024.0 / 1024 / 1024:F2} GiB");
        GC.KeepAlive(files);
        Incremental(partnership, process);
    }

    /// <summary>
    /// The incremental benchmark's evaluation (a new entry for a child with 500 entries), timed one by one on one
    /// thread: the processor time per evaluation, which other work on the machine does not inflate, and the elapsed
    /// percentiles, which it does.
    /// </summary>
    private static void Incremental(SyntheticPartnership partnership, Process process)
    {
        var child = IncrementalChild.In(partnership);
        var context = BenchData.Context(child.Now);
        const int Evaluations = 5000;
        for (var i = 0; i < 500; i++) BenchData.Engine.Find(child.File.With(child.Next[i % child.Next.Count]), context);
        var elapsed = new double[Evaluations];
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var each = new Stopwatch();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Evaluations; i++)
        {
            each.Restart();
            BenchData.Engine.Find(child.File.With(child.Next[i % child.Next.Count]), context);
            elapsed[i] = each.Elapsed.TotalMicroseconds;
        }
        bytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / Evaluations;
        process.Refresh();
        Array.Sort(elapsed);
        Console.WriteLine($"\nIncremental ({child.File.Entries.Count} entries, one more each time): " +
                          $"{(process.TotalProcessorTime - cpu).TotalMicroseconds / Evaluations:F0} µs processor time per evaluation; elapsed median " +
                          $"{elapsed[Evaluations / 2]:F0} µs, P99 {elapsed[Evaluations * 99 / 100]:F0} µs; {bytes:N0} B allocated per evaluation; load {Load()}");

        // Each safeguard on its own over the same new files, for the safeguards worth making cheaper after a new entry.
        const int Each = 500;
        var files = new CaseFile[Each];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Each; i++) files[i] = child.File.With(child.Next[i % child.Next.Count]);
        Console.WriteLine($"  Adding the entry: {clock.Elapsed.TotalMicroseconds / Each:F0} µs");
        foreach (var safeguard in SafeguardCatalogue.All)
        {
            for (var i = 0; i < Each; i++) files[i] = child.File.With(child.Next[i % child.Next.Count]);
            // Shared answers (the case's openings, the people around the child) are worked out by whichever safeguard asks first.
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            var found = 0;
            for (var i = 0; i < Each; i++) found += safeguard.Evaluate(files[i], context).Count();
            Console.WriteLine($"  {safeguard.Id} {clock.Elapsed.TotalMicroseconds / Each,6:F0} µs {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Each,8:N0} B ({found / Each} findings)");
        }
    }

    /// <summary>
    /// `evaluate`: the product path's evaluation, timed by processor time on one thread. The web app loads a child's case
    /// file and asks it once for every safeguard's findings and next change (SafeguardEngine.EvaluateAsync), so each
    /// file here is a fresh copy that keeps nothing yet. A replay keeps a child's file between its daily sweeps, so the
    /// same files are then asked again a day later.
    /// </summary>
    public static void Evaluate(int children, IReadOnlyList<string> scenarios)
    {
        foreach (var scenario in scenarios) Replay(scenario);
        var partnership = SyntheticPartnership.Generate(BenchData.Options(children));
        var files = partnership.CaseFiles.ToArray();
        var process = Process.GetCurrentProcess();
        // The first evaluations compile the safeguards' code: a pass over copies of a few files first, not timed.
        var warm = BenchData.Context(partnership.Options.Now);
        foreach (var file in files.Take(500).Select(Fresh))
        {
            BenchData.Engine.Find(file, warm);
            BenchData.Engine.NextChange(file, warm);
        }
        var fresh = files.Select(Fresh).ToArray();
        foreach (var (moment, label) in new[] { (partnership.Options.Now, "as loaded, at the sweep's moment"), (partnership.Options.Now.AddDays(1), "kept, a day later"),
                     (partnership.Options.Now.AddDays(2), "kept, two days later") })
        {
            var context = BenchData.Context(moment);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            long found = 0;
            foreach (var file in fresh)
            {
                found += BenchData.Engine.Find(file, context).Count;
                BenchData.Engine.NextChange(file, context);
            }
            process.Refresh();
            var spent = process.TotalProcessorTime - cpu;
            Console.WriteLine($"Find and NextChange, {label}: {spent.TotalMilliseconds:F0} ms processor time for {fresh.Length:N0} children, " +
                              $"{spent.TotalMicroseconds / fresh.Length:F0} µs a child, {found:N0} findings; load {Load()}");
        }
        var largest = files.MaxBy(f => f.Entries.Count)!;
        var at = BenchData.Context(partnership.Options.Now);
        const int Times = 50;
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < Times; i++)
        {
            var file = Fresh(largest);
            BenchData.Engine.Find(file, at);
            BenchData.Engine.NextChange(file, at);
        }
        process.Refresh();
        Console.WriteLine($"The largest case file ({largest.Entries.Count} entries), as loaded: {(process.TotalProcessorTime - before).TotalMilliseconds / Times:F2} ms processor time an evaluation");
    }

    /// <summary>A scenario replayed into a fresh SQLite file, as `chronicle replay` plays it: elapsed and processor time.</summary>
    private static void Replay(string path)
    {
        var now = TimeProvider.System.GetUtcNow();
        var scenario = Chronicle.Core.Scenarios.ScenarioLoader.LoadAsync(path, Chronicle.Core.Time.WorkingDayCalendar.UkDate(now)).GetAwaiter().GetResult().Value!;
        var folder = Directory.CreateTempSubdirectory("chronicle-bench-replay-");
        try
        {
            var settings = Chronicle.Core.Persistence.DatabaseSettings.Sqlite(Path.Combine(folder.FullName, "replay.db"));
            using (var db = new Chronicle.Core.Persistence.ChronicleDb(settings.Options())) Chronicle.Core.Persistence.SchemaMigrator.MigrateAsync(db).GetAwaiter().GetResult();
            var runner = new Chronicle.Core.Scenarios.ReplayRunner(() => new Chronicle.Core.Persistence.ChronicleDb(settings.Options()));
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = runner.RunAsync(scenario, path, playedAt: now).GetAwaiter().GetResult();
            process.Refresh();
            Console.WriteLine($"Replay of {Path.GetFileName(path)}: {clock.Elapsed.TotalMilliseconds:F0} ms elapsed, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms processor time, " +
                              $"{result.Alerts.Count} alerts; load {Load()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A copy of the case file that keeps nothing worked out yet, as CaseFileLoader gives one.</summary>
    private static CaseFile Fresh(CaseFile file) => new()
    {
        Child = file.Child,
        People = file.People,
        Relationships = file.Relationships,
        Households = file.Households,
        Involvements = file.Involvements,
        Addresses = file.Addresses,
        Professionals = file.Professionals,
        Agencies = file.Agencies,
        Entries = file.Entries,
        CorrectedBy = file.CorrectedBy,
    };

    /// <summary>
    /// `fingerprint FILE`: every finding at the sweep's moment and a year before it, one line each in a fixed order, so
    /// that two builds of the safeguards can be shown to find exactly the same things.
    /// </summary>
    public static void Fingerprint(int children, string path)
    {
        var partnership = SyntheticPartnership.Generate(BenchData.Options(children));
        var lines = new List<string>();
        // At the sweep's moment, when everything in each file is known, and a year earlier, when much of it is not yet.
        foreach (var moment in new[] { partnership.Options.Now, partnership.Options.Now.AddYears(-1) })
        {
            var context = BenchData.Context(moment);
            foreach (var file in partnership.CaseFiles)
                foreach (var ((id, cause), (_, f)) in BenchData.Engine.Find(file, context))
                    lines.Add(string.Join('|', moment.ToString("O", System.Globalization.CultureInfo.InvariantCulture), file.Child.Id, id, cause, f.Summary, f.AskFor,
                        f.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), string.Join(',', f.Evidence), f.OwnerProfessionalId));
        }
        lines.Sort(StringComparer.Ordinal);
        File.WriteAllLines(path, lines);
        Console.WriteLine($"{lines.Count:N0} findings for {partnership.ChildCount:N0} children written to {path}");
    }

    /// <summary>
    /// `naive`: the engine as it runs without resident case files, reading each child's record from SQLite, timed by
    /// processor time (which other work on the machine inflates less than elapsed time): the incremental child after
    /// a new entry, then a sweep of a slice of the partnership, scaled to every child.
    /// </summary>
    public static void Naive(int children, int sliceChildren)
    {
        var slice = SyntheticPartnership.Generate(BenchData.Options(sliceChildren) with { JsonDetails = true });
        var child = IncrementalChild.In(slice);
        var database = NaiveDatabase.Open(slice, child.Family);
        var process = Process.GetCurrentProcess();
        var engine = new SafeguardEngine(SafeguardCatalogue.All, Chronicle.Core.Time.WorkingDayCalendar.EnglandAndWales, new Chronicle.Core.Time.SimulatedClock(child.Now));
        const int Evaluations = 200;
        using (var db = new Chronicle.Core.Persistence.ChronicleDb(database.Options()))
            engine.EvaluateChildAsync(db, child.Family.Children[0].Id).GetAwaiter().GetResult();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Evaluations; i++)
        {
            using var db = new Chronicle.Core.Persistence.ChronicleDb(database.Options());
            engine.EvaluateChildAsync(db, child.Family.Children[0].Id).GetAwaiter().GetResult();
        }
        process.Refresh();
        Console.WriteLine($"Naive incremental ({child.File.Entries.Count} entries, read from SQLite): {(process.TotalProcessorTime - cpu).TotalMilliseconds / Evaluations:F2} ms processor time, " +
                          $"{clock.Elapsed.TotalMilliseconds / Evaluations:F2} ms elapsed per evaluation; load {Load()}");

        var sweeper = new SafeguardEngine(SafeguardCatalogue.All, Chronicle.Core.Time.WorkingDayCalendar.EnglandAndWales, new Chronicle.Core.Time.SimulatedClock(slice.Options.Now));
        using (var db = new Chronicle.Core.Persistence.ChronicleDb(database.Options()))
            sweeper.SweepAsync(db, slice.Partnership.Id).GetAwaiter().GetResult(); // raises the alerts, as a first sweep would
        process.Refresh();
        cpu = process.TotalProcessorTime;
        clock.Restart();
        using (var db = new Chronicle.Core.Persistence.ChronicleDb(database.Options()))
            sweeper.SweepAsync(db, slice.Partnership.Id).GetAwaiter().GetResult();
        process.Refresh();
        var swept = slice.ChildCount + 1;
        var perChild = (process.TotalProcessorTime - cpu).TotalMilliseconds / swept;
        Console.WriteLine($"Naive sweep of {swept:N0} children: {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms processor time, {clock.Elapsed.TotalMilliseconds:F0} ms elapsed; " +
                          $"{perChild:F2} ms per child, so about {perChild * children / 1000:F0} s of processor time for {children:N0} children; load {Load()}");
    }

    /// <summary>`profile`: sweeps on one core for a while, for a sampling profiler to watch the evaluation alone.</summary>
    public static void Profile(int children, TimeSpan duration)
    {
        var partnership = SyntheticPartnership.Generate(BenchData.Options(children));
        var files = BenchData.Resident(partnership.CaseFiles);
        var context = BenchData.Context(partnership.Options.Now);
        Console.WriteLine($"Generated {files.Length:N0} case files; sweeping on one core for {duration.TotalSeconds:F0} s");
        var clock = Stopwatch.StartNew();
        var sweeps = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        while (clock.Elapsed < duration)
        {
            var day = BenchData.Context(context.Now.AddDays(sweeps));
            foreach (var file in files) BenchData.Engine.Find(file, day);
            sweeps++;
        }
        Console.WriteLine($"{sweeps} sweeps, {clock.Elapsed.TotalMilliseconds / sweeps:F0} ms each, " +
                          $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / sweeps / files.Length:F1} KB allocated per child, " +
                          $"{(GC.CollectionCount(0) - collections) / (double)sweeps:F1} collections per sweep");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
