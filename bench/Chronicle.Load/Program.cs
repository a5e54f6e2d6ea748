using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chronicle.Load;
using Chronicle.Testing;

// The product path through HTTP: a synthetic partnership written by `chronicle synth`, the web app started on it as
// a process of its own, and users driving it on loopback (sign-in, pages, writes through the API) at each number of
// concurrent clients, each phase bounded in time and requests. Prints a markdown table.
var children = 1_000;
string[] databases = ["sqlite", "postgres"];
int[] levels = [1, 8, 32];
var seconds = 20;
var requests = 200;
var sweep = true;
var statements = false;
string[]? operations = null;
var bigChildEntries = 1_000;
var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/CONFIGURATION/net10.0
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--children": children = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--databases": databases = args[++i].Split(','); break;
        case "--clients": levels = [.. args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
        case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--no-sweep": sweep = false; break;
        case "--statements": statements = true; break;
        case "--operations": operations = args[++i].Split(','); break;
        case "--big-child-entries": bigChildEntries = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            Console.Error.WriteLine("dotnet run -c Release --project bench/Chronicle.Load -- [--children 1000] [--databases sqlite,postgres] [--clients 1,8,32] [--seconds 20] [--requests 200] [--no-sweep] [--statements] [--operations write,child page,...] [--big-child-entries 1000]");
            return 2;
    }
}

var cli = RepositoryFiles.Path($"src/Chronicle.Cli/bin/{configuration}/net10.0/chronicle.dll");
var webDll = RepositoryFiles.Path($"src/Chronicle.Web/bin/{configuration}/net10.0/Chronicle.Web.dll");
var bounds = new Bounds(TimeSpan.FromSeconds(seconds), requests);
var report = new Report(children, bounds, configuration);
foreach (var provider in databases.Select(d => d == "postgres" ? Provider.Postgres : Provider.Sqlite))
{
    await using var database = await TestDatabase.CreateAsync(provider);
    var run = report.Run(provider.ToString());
    run.Note($"load average before: {Machine.LoadAverage()}");

    // The partnership, written as a user of the command line would.
    var target = database.Settings.UsesPostgres ? $"postgres:{database.Settings.PostgresConnectionString}" : $"sqlite:{database.Settings.SqlitePath}";
    var clock = Stopwatch.StartNew();
    var synth = await Machine.RunAsync("dotnet", [cli, "synth", "--children", children.ToString(CultureInfo.InvariantCulture), "--big-child-entries", bigChildEntries.ToString(CultureInfo.InvariantCulture), "--database", target, "--json"]);
    var printed = JsonDocument.Parse(synth).RootElement;
    run.Note($"`chronicle synth --children {children:N0} --big-child-entries {bigChildEntries:N0}`: {clock.Elapsed.TotalSeconds:F1} s for {printed.GetProperty("entries").GetInt64():N0} entries and {printed.GetProperty("accounts").GetInt32():N0} accounts; the long chronology is its child's {bigChildEntries:N0} entries");
    var password = printed.GetProperty("password").GetString()!;
    var bigChild = printed.GetProperty("bigChild").GetGuid();
    var users = await Users.ReadAsync(database.Settings, printed.GetProperty("users").GetProperty("socialWorker").GetString()!, levels.Max());
    var others = printed.GetProperty("users");

    if (sweep)
    {
        // The hosted sweep alone, on its own start of the app: its first pass, a minute after start.
        await using var swept = await WebProcess.StartAsync(webDll, database.Settings, printed.GetProperty("partnership").GetString()!, sweep: true, TimeSpan.FromMinutes(5));
        Progress($"{provider}: waiting for the hosted sweep's first pass");
        var first = await swept.SweepAsync(1, TimeSpan.FromMinutes(20));
        run.Note(first is { } s ? $"hosted sweep, first pass (every child due): {s.Seconds:F1} s ({s.Line}); peak memory {swept.Memory().PeakMiB:F0} MiB" : "hosted sweep: no pass finished within 20 minutes");
        // The next pass, a minute later: only the children whose next check has come since are evaluated.
        var second = first is null ? null : await swept.SweepAsync(2, TimeSpan.FromMinutes(20));
        run.Note(second is { } t ? $"hosted sweep, second pass: {t.Seconds:F1} s ({t.Line}); load average {Machine.LoadAverage()}" : "hosted sweep: no second pass finished within 20 minutes");
    }

    // Without the sweep's start first, this is the first start on the partnership, which can take minutes at 10,000 children.
    clock.Restart();
    await using var web = await WebProcess.StartAsync(webDll, database.Settings, printed.GetProperty("partnership").GetString()!, sweep: false, TimeSpan.FromMinutes(30), statements);
    run.Note($"web app started in {clock.Elapsed.TotalSeconds:F0} s (sweep off while measuring): {web.Memory().NowMiB:F0} MiB resident; load average {Machine.LoadAverage()}");
    foreach (var line in web.Tail(200).Split(Environment.NewLine).Where(l => l.Contains("Audit chain keyed", StringComparison.Ordinal) || l.Contains("schema scripts applied", StringComparison.Ordinal)))
        run.Note($"at start: {line.Trim()}");

    // Home pages of the other roles, one user at a time, a few times each within a phase's time.
    foreach (var (role, operation) in new[] { ("teamManager", "home page, team manager"), ("frontDoor", "home page, front door") }.Where(o => Chosen(o.Item2)))
    {
        using var client = new Client(web.Address, new User(others.GetProperty(role).GetString()!, Guid.Empty, [], ""), password, null);
        await client.SignInAsync();
        var before = web.ProcessorTime();
        var statementsBefore = Counted();
        var (homes, homeTime) = await Phases.RunAsync([client], bounds with { RequestsPerClient = 3 }, (c, samples) => c.HomeRoundAsync(operation, samples));
        run.Phase(1, "pages", homes, homeTime, web, before, statementsBefore);
    }

    foreach (var level in levels)
    {
        Progress($"{provider}: {level} clients");
        var clients = users.Take(level).Select(u => new Client(web.Address, u, password, null)).ToList();
        // The big child's page is theirs to read: one session of their social worker per client.
        var readers = Enumerable.Range(0, level).Select(_ => new Client(web.Address, users[0], password, bigChild)).ToList();
        var signInBefore = web.ProcessorTime();
        var signInStatements = Counted();
        run.Phase(level, "sign-in", await Task.WhenAll(clients.Select(c => c.SignInAsync())), TimeSpan.Zero, web, signInBefore, signInStatements);
        await Task.WhenAll(readers.Select(c => c.SignInAsync()));
        foreach (var (operation, who) in Client.Pages.Select(p => (p, clients)).Concat(Client.BigChildPages.Keys.Select(p => (p, readers))).Append((Client.Write, clients)).Where(o => Chosen(o.Item1)))
        {
            var before = web.ProcessorTime();
            var statementsBefore = Counted();
            var (samples, elapsed) = await Phases.RunAsync(who, bounds, (c, s) => c.RoundAsync(operation, s));
            run.Phase(level, operation, samples, elapsed, web, before, statementsBefore);
        }
        foreach (var c in clients.Concat(readers)) c.Dispose();
    }
    run.Note($"load average after: {Machine.LoadAverage()}");

    long? Counted() => statements ? web.Statements : null;
}
Console.WriteLine(report.Markdown(await Machine.CommitAsync()));
return 0;

// An operation is run when no list was given, or when its name starts with one of the names listed.
bool Chosen(string operation) => operations is null || operations.Any(o => operation.StartsWith(o, StringComparison.Ordinal));

static void Progress(string line) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
