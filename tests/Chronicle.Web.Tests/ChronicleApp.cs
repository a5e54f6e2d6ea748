using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chronicle.Web.Tests;

/// <summary>
/// The web app on a fresh test database (SQLite or PostgreSQL), loading the scenarios named (a file name from this
/// project's Scenarios folder, or a path in the repository such as scenarios/emily.json) into the demo partnership
/// at start, with the demo accounts. With <c>kestrel</c>, it listens on a real loopback port so that a browser can
/// reach it. Sign-in is rate-limited generously unless a test sets Chronicle:SignIn:AttemptsPerMinute.
/// </summary>
public sealed partial class ChronicleApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = ChronicleJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly string _scenarios;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;
    private bool _kestrel;

    private ChronicleApp(TestDatabase database, string scenarios, Dictionary<string, string?> settings, TimeProvider? clock, Action<IServiceCollection>? services)
    {
        Database = database;
        _scenarios = scenarios;
        _settings = settings;
        _clock = clock;
        _services = services;
    }

    public TestDatabase Database { get; }
    public LogCollector Logs { get; } = new();

    /// <summary>
    /// Starts the app; with <paramref name="clock"/>, the app's clock (what "now" is for the demo's live story and every
    /// page); with <paramref name="services"/>, services the test adds to the app's own (an observer of its writes).
    /// </summary>
    public static async Task<ChronicleApp> StartAsync(Provider provider, string[]? scenarios = null, bool kestrel = false, Dictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("chronicle-scenarios-").FullName;
        foreach (var file in scenarios ?? [])
        {
            var source = file.Contains('/') ? RepositoryFiles.Path(file) : Path.Combine(RepositoryFiles.Path("tests/Chronicle.Web.Tests/Scenarios"), file);
            File.Copy(source, Path.Combine(folder, Path.GetFileName(file)));
        }
        var app = new ChronicleApp(await TestDatabase.CreateAsync(provider), folder, settings ?? [], clock, services);
        if (kestrel)
        {
            app._kestrel = true;
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
            // The app keys the audit chain with the test database's key, so that the test can verify what it wrote.
            ["Chronicle:Audit:KeyFile"] = Database.Settings.Audit.KeyFile,
            ["Chronicle:Audit:CheckpointFile"] = Database.Settings.Audit.CheckpointFile,
            ["Chronicle:SignIn:AttemptsPerMinute"] = "10000",
            // Tests run the safeguard sweep themselves, on a simulated clock.
            ["Chronicle:Alerts:Sweep"] = "false",
            // The outbox and escalation run in the background only where a test asks for them.
            ["Chronicle:Delivery:Enabled"] = "false",
            ["Chronicle:Escalation:Enabled"] = "false",
            // Tests act on the stories' alerts as they stood open; a test of the demo itself closes its history.
            [DemoPartnership.CloseHistorySetting] = "false",
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
        if (_services is { } added) builder.ConfigureTestServices(added);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_scenarios, recursive: true);
    }

    /// <summary>A client that does not follow redirects and keeps cookies, like a browser's first request.</summary>
    public HttpClient NewClient() => _kestrel
        // On a real listener, a client of its own that goes to its address (the browser tests also use the API),
        // keeps cookies and, like the in-memory client, does not follow redirects.
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = ServerAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in through the sign-in page as this user (the demo password by default).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoAccounts.Password)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/sign-in", new() { ["userName"] = userName, ["password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {userName} answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Posts a page's form as a browser would: the antiforgery token taken from the page first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var token = TokenField().Match(page);
        Assert.True(token.Success, $"{formPage ?? path} has no antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The user name of the account of the professional with this name.</summary>
    public async Task<string> UserNameOfAsync(string professionalName)
    {
        await using var db = OpenDb();
        return await db.UserAccounts.Where(a => a.DisplayName == professionalName).OrderBy(a => a.CreatedAt).Select(a => a.UserName).FirstAsync();
    }

    /// <summary>Gives a professional an account with the demo password (and the roles of their job unless given); answers the user name.</summary>
    public async Task<string> AddAccountAsync(Guid professionalId, params Role[] roles)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChronicleDb>();
        var professional = await db.Professionals.AsNoTracking().SingleAsync(p => p.Id == professionalId);
        var account = await scope.ServiceProvider.GetRequiredService<Accounts>().CreateAsync(professional.PartnershipId, professional, DemoAccounts.Password, roles.Length == 0 ? null : roles);
        return account.UserName;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

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
