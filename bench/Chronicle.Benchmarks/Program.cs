using BenchmarkDotNet.Running;
using Chronicle.Benchmarks;

// Chronicle's benchmarks. `--children N` and `--naive-children N` size the data sets (100,000 and 1,000);
// `--quick` is a development run on small data with few iterations; `describe` reports the data set instead, and
// `naive` times the engine reading every child from SQLite by processor time; `evaluate [SCENARIO...]` times the product
// path: each scenario replayed, and the evaluation of each child's case file as loaded (Describe.Evaluate). `linkage` and `duplicate-check` time
// linking agencies' lists and the duplicate check; `link-score` scores what `chronicle link` did (Identity/IdentityBenchmarks.cs).
if (args.Length > 0 && args[0] is "linkage" or "duplicate-check" or "link-score")
{
    int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    if (args[0] == "linkage") Chronicle.Benchmarks.Identity.IdentityBenchmarks.Linkage(Option("--people", 1_000_000), Option("--rows", 1_000_000), Option("--threads", Environment.ProcessorCount));
    else if (args[0] == "link-score") await Chronicle.Benchmarks.Identity.IdentityBenchmarks.LinkScoreAsync(Text("--list")!, Text("--sqlite"), Text("--postgres"), Text("--dump"));
    else
    {
        await Chronicle.Benchmarks.Identity.IdentityBenchmarks.DuplicateCheckAsync(Option("--people", 1_000_000), Option("--checks", 2_000), Text("--keep"), Text("--postgres"), Text("--list"), Option("--list-rows", 100_000));
    }
    return;
}
var rest = new List<string>();
var quick = false;
var describe = false;
var profile = false;
var naive = false;
var evaluate = false;
string? fingerprint = null;
int? alertRateWeeks = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--children": Environment.SetEnvironmentVariable(BenchData.ChildrenVariable, args[++i]); break;
        case "--naive-children": Environment.SetEnvironmentVariable(BenchData.NaiveChildrenVariable, args[++i]); break;
        case "--quick": quick = true; break;
        case "describe": describe = true; break;
        case "profile": profile = true; break;
        case "naive": naive = true; break;
        case "evaluate": evaluate = true; break;
        case "fingerprint": fingerprint = args[++i]; break;
        case "alert-rate": alertRateWeeks = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default: rest.Add(args[i]); break;
    }
}
if (quick)
{
    if (Environment.GetEnvironmentVariable(BenchData.ChildrenVariable) is null) Environment.SetEnvironmentVariable(BenchData.ChildrenVariable, "2000");
    if (Environment.GetEnvironmentVariable(BenchData.NaiveChildrenVariable) is null) Environment.SetEnvironmentVariable(BenchData.NaiveChildrenVariable, "50");
    Environment.SetEnvironmentVariable(Configs.QuickVariable, "1");
}
if (fingerprint is not null)
{
    Describe.Fingerprint(BenchData.Children, fingerprint);
    return;
}
if (evaluate)
{
    Describe.Evaluate(BenchData.Children, rest);
    return;
}
if (alertRateWeeks is { } weeks)
{
    AlertRate.Run(BenchData.Children, weeks);
    return;
}
if (profile)
{
    Describe.Profile(BenchData.Children, TimeSpan.FromSeconds(30));
    return;
}
if (naive)
{
    Describe.Naive(BenchData.Children, BenchData.NaiveChildren);
    return;
}
if (describe)
{
    Describe.Run(BenchData.Children);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run([.. rest]);
