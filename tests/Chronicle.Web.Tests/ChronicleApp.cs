using Chronicle.Core;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Persistence;
using Chronicle.Testing;
using Chronicle.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chronicle.Web.Tests;

/// <summary>
/// The web app on a fresh test database (SQLite or PostgreSQL), loading the scenarios named (copied from this
/// project's Scenarios folder) into the demo partnership at start. With <c>kestrel</c>, it listens on a real
/// loopback port so that a browser can reach it.
/// </summary>
public sealed class ChronicleApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = ChronicleJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly string _scenarios;

    private ChronicleApp(TestDatabase database, string scenarios)
    {
        Database = database;
        _scenarios = scenarios;
    }

    public TestDatabase Database { get; }
    public LogCollector Logs { get; } = new();

    public static async Task<ChronicleApp> StartAsync(Provider provider, string[]? scenarios = null, bool kestrel = false)
    {
        var folder = Directory.CreateTempSubdirectory("chronicle-scenarios-").FullName;
        foreach (var file in scenarios ?? [])
            File.Copy(Path.Combine(RepositoryFiles.Path("tests/Chronicle.Web.Tests/Scenarios"), file), Path.Combine(folder, file));
        var app = new ChronicleApp(await TestDatabase.CreateAsync(provider), folder);
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        else
        {
            app.CreateClient().Dispose();
        }
        return app;
    }

    /// <summary>The address a browser opens: the real Kestrel listener.</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public ChronicleDb OpenDb() => Database.Open();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chronicle:ScenariosFolder"] = _scenarios,
            ["ConnectionStrings:Postgres"] = Database.Settings.PostgresConnectionString,
            ["Chronicle:SqlitePath"] = Database.Settings.UsesPostgres ? null : Database.Settings.SqlitePath,
        };
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_scenarios, recursive: true);
    }

    public async Task<Guid> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}

/// <summary>Every log line the app writes, for tests that check what it reports.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCollector collector) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (collector._lines) collector._lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
