using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chronicle.Testing;

/// <summary>
/// A throwaway PostgreSQL server for the test run: a fresh cluster made with initdb in a temporary folder,
/// listening on a free loopback port only, stopped and deleted at the end. It is started once per test process.
/// Set CHRONICLE_TEST_POSTGRES to a connection string to use a server of your own instead.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;
    private readonly string? _folder;
    private readonly string? _bin;

    private PostgresServer(string adminConnectionString, string? folder, string? bin)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _bin = bin;
    }

    public string AdminConnectionString { get; }

    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            var external = Environment.GetEnvironmentVariable("CHRONICLE_TEST_POSTGRES");
            _shared = string.IsNullOrWhiteSpace(external) ? await StartAsync() : new PostgresServer(external, null, null);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install Debian's postgresql package: the README's Test command does.");
        var folder = Directory.CreateTempSubdirectory("chronicle-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", $"-R postgres:postgres {folder}", null);
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U chronicle --auth=trust --encoding=UTF8 --locale=C.UTF-8", asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {Path.Combine(folder, "server.log")} -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start",
            asRoot);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=chronicle;Database=postgres;Pooling=true;Include Error Detail=true", folder, bin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null || _bin is null || !Directory.Exists(_folder)) return;
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {Path.Combine(_folder, "data")} -m immediate -w stop", Environment.UserName == "root");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBin()
    {
        foreach (var root in new[] { "/usr/lib/postgresql" })
        {
            if (!Directory.Exists(root)) continue;
            var newest = Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
            if (newest is not null) return newest;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>PostgreSQL refuses to run as root, so as root the server programs run as the postgres user.</summary>
    private static async Task RunAsync(string program, string arguments, bool? asPostgres)
    {
        var start = asPostgres == true
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {arguments} did not finish in 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
