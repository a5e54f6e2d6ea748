using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Chronicle.Core.Persistence;

namespace Chronicle.Load;

/// <summary>
/// The web app as users run it: `dotnet Chronicle.Web.dll` in a process of its own, on a loopback port, with the
/// database and partnership in its environment. Its memory is read from /proc; its output is kept for the sweep's
/// log line.
/// </summary>
public sealed partial class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private long _statements;

    private WebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public static async Task<WebProcess> StartAsync(string webDll, DatabaseSettings database, string partnership, bool sweep, TimeSpan timeout, bool statements = false)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", address.ToString().TrimEnd('/')])
        {
            // The project folder is the content root, as with `dotnet run`: the GOV.UK assets are found there.
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(webDll)!, "..", "..", "..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        if (database.UsesPostgres) environment["ConnectionStrings__Postgres"] = database.PostgresConnectionString;
        else environment["Chronicle__SqlitePath"] = database.SqlitePath;
        environment["Chronicle__Partnership"] = partnership;
        environment["Chronicle__Alerts__Sweep"] = sweep ? "true" : "false";
        environment["Chronicle__Alerts__SweepMinutes"] = "1";
        // Every client signs in from loopback: the limit per address is for people, not for a load test.
        environment["Chronicle__SignIn__AttemptsPerMinute"] = "100000";
        environment["Chronicle__Delivery__Folder"] = Directory.CreateTempSubdirectory("chronicle-load-outbox-").FullName;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (statements)
        {
            // EF Core logs each SQL statement it executes, one line each, counted here and not kept.
            environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            environment["Logging__Console__FormatterName"] = "simple";
            environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app");
        var web = new WebProcess(process, address);
        process.OutputDataReceived += (_, e) => web.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => web.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The web app stopped ({process.ExitCode}):{Environment.NewLine}{web.Tail()}");
            try
            {
                if ((await probe.GetAsync("/sign-in")).StatusCode == HttpStatusCode.OK) return web;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting (a first start seals the record) to answer within the probe's time.
            }
            await Task.Delay(500);
        }
        await web.DisposeAsync();
        throw new TimeoutException($"The web app did not answer within {timeout.TotalSeconds:F0} s");
    }

    /// <summary>
    /// The duration of the hosted sweep's <paramref name="pass"/>th pass (1 the first), from its log line (not a number if
    /// it failed), waiting for it up to a limit.
    /// </summary>
    public async Task<(double Seconds, string Line)?> SweepAsync(int pass, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            var seen = 0;
            lock (_lines)
                foreach (var line in _lines)
                {
                    if (SweepLine().Match(line) is { Success: true } m && ++seen == pass) return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), line.Trim());
                    if (line.Contains("The safeguard sweep failed", StringComparison.Ordinal)) return (double.NaN, line.Trim());
                }
            await Task.Delay(1000);
        }
        return null;
    }

    /// <summary>The process's peak and current resident memory in MiB (VmHWM and VmRSS).</summary>
    public (double PeakMiB, double NowMiB) Memory()
    {
        double Read(string field) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
        return (Read("VmHWM"), Read("VmRSS"));
    }

    /// <summary>The processor time the process has used so far, on every core (user and system).</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The SQL statements the app has executed so far, when started to log them (else 0).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    public string Tail(int lines = 30)
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Microsoft.EntityFrameworkCore.Database.Command[20101]", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _statements);
            return;
        }
        lock (_lines) _lines.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Safeguard sweep: .* in ([0-9.]+) s")]
    private static partial Regex SweepLine();
}
