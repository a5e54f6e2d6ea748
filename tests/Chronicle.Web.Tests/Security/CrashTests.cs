using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Core.Sharing;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// The write path's promise, tested the hard way: the web app runs as a process of its own against a real database,
/// takes entries over HTTP from several writers at once, and is killed (SIGKILL) in the middle of the load. It is
/// started again and every writer retries, with the same idempotency key, each write it was not answered for. Then no
/// acknowledged write is lost, none is written twice, and every committed write is audited and shared with the team.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private const int Writers = 6;
    private const int AnsweredBeforeTheKill = 30;

    [Theory(Timeout = 300_000), MemberData(nameof(Providers))]
    public async Task A_web_app_killed_mid_load_loses_nothing_duplicates_nothing_and_audits_and_shares_every_write(Provider provider)
    {
        // The record and the accounts are made in-process; the in-process app then stays idle, its sweep off, so that
        // only the real process below finishes any work.
        await using var team = await TeamApp.StartAsync(provider, settings: new() { ["Chronicle:ObserverWork:Enabled"] = "false" });
        var worker = await team.App.UserNameOfAsync(TeamApp.SocialWorker);
        var workerId = team.Id(TeamApp.SocialWorker);
        var scenarios = Directory.CreateTempSubdirectory("chronicle-crash-").FullName;
        try
        {
            var answered = new ConcurrentDictionary<string, Guid>();
            var unanswered = new ConcurrentDictionary<string, object>();
            var bodies = new ConcurrentDictionary<string, object>();
            var stopped = new ConcurrentQueue<string>();

            using (var first = await WebProcess.StartAsync(team.App.Database.Settings, scenarios))
            {
                var clients = new List<HttpClient>();
                for (var i = 0; i < Writers; i++) clients.Add(await first.SignInAsync(worker));
                using var stop = new CancellationTokenSource();
                var loops = clients.Select((client, w) => Task.Run(async () =>
                {
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var key = $"crash-{w}-{n}";
                        var body = Entry(team, workerId, key);
                        bodies[key] = body;
                        unanswered[key] = body;
                        try
                        {
                            using var response = await Send(client, key, body, CancellationToken.None);
                            if (response.StatusCode != HttpStatusCode.Created)
                            {
                                if (!stop.IsCancellationRequested) stopped.Enqueue($"{key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                                return;
                            }
                            answered[key] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                            unanswered.TryRemove(key, out _);
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            if (!stop.IsCancellationRequested) stopped.Enqueue($"{key}: {e.Message}");
                            return;
                        }
                    }
                })).ToList();
                // Until enough writes are answered; a writer that stops early (a refusal, a lost connection) says why.
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (answered.Count < AnsweredBeforeTheKill && loops.Any(l => !l.IsCompleted) && DateTime.UtcNow < deadline) await Task.Delay(20);
                Assert.True(answered.Count >= AnsweredBeforeTheKill,
                    $"Only {answered.Count} writes were answered before the writers stopped or time ran out: {string.Join("; ", stopped)}");
                first.Kill();
                stop.Cancel();
                await Task.WhenAll(loops);
                foreach (var client in clients) client.Dispose();
            }
            Assert.NotEmpty(unanswered);
            int pendingAtRestart;
            await using (var db = team.App.OpenDb())
                pendingAtRestart = await db.Set<ObserverWorkItem>().CountAsync(w => w.DoneAt == null);

            using (var second = await WebProcess.StartAsync(team.App.Database.Settings, scenarios))
            {
                using var client = await second.SignInAsync(worker);
                // Every write not answered is retried with its key, and so is an answered one: each is answered once more.
                foreach (var key in unanswered.Keys.Append(answered.Keys.First()))
                {
                    using var response = await Send(client, key, bodies[key], CancellationToken.None);
                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"Retrying {key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    if (answered.TryGetValue(key, out var first)) Assert.Equal(first, id);
                    answered[key] = id;
                }
                // Work the killed process had claimed waits for its claim to run out (ObserverWork.Lease).
                await second.UntilAsync(async () =>
                {
                    await using var db = team.App.OpenDb();
                    var left = await db.Set<ObserverWorkItem>().AsNoTracking().Where(w => w.DoneAt == null).ToListAsync();
                    if (left.Count > 0) output.WriteLine($"{left.Count} observer work items left: {string.Join(", ", left.Select(w => $"{w.Work} ({w.Attempts} attempts, {w.LastError ?? "no error"})").Distinct())}");
                    return left.Count == 0;
                }, ObserverWork.Lease + TimeSpan.FromSeconds(60));
            }

            await using var check = team.App.OpenDb();
            var written = await check.Entries.AsNoTracking().Where(e => e.Narrative != null && e.Narrative.StartsWith("Crash test write ")).ToListAsync();
            // Nothing acknowledged is lost, and nothing is written twice.
            Assert.Equal(answered.Keys.Order(), written.Select(e => e.Narrative!["Crash test write ".Length..]).Order());
            Assert.Equal(answered.Values.Order(), written.Select(e => e.Id).Order());
            var ids = written.Select(e => e.Id).ToList();
            // Every committed write is audited (in its own transaction), its work is done, and it reached the team.
            var audited = await check.AuditEntries.AsNoTracking().Where(a => a.Detail != null && a.Detail.StartsWith("created /api/entries/")).Select(a => a.Detail!).ToListAsync();
            foreach (var id in ids) Assert.Contains($"created /api/entries/{id}", audited);
            Assert.Equal(ids.Count * 3, await check.Set<ObserverWorkItem>().CountAsync(w => ids.Contains(w.EntryId) && w.DoneAt != null));
            var recipients = await check.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKind.EntryShared && n.EntryId != null && ids.Contains(n.EntryId.Value))
                .GroupBy(n => n.EntryId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(ids.Count, recipients.Count);
            Assert.Single(recipients.Distinct());
            Assert.True(recipients[0] > 0);
            var since = written.Min(x => x.RecordedAt);
            Assert.Equal(ids.Count, await check.Entries.CountAsync(e => e.Kind == EntryKinds.InformationShared.Code && e.RecordedAt >= since));
            // The retried answers that were played back are audited too.
            Assert.Contains(await check.AuditEntries.AsNoTracking().Select(a => a.Detail).ToListAsync(), d => d != null && d.StartsWith("replayed", StringComparison.Ordinal));
            output.WriteLine($"{provider}: {written.Count} writes, {unanswered.Count} unanswered at the kill, {pendingAtRestart} observer work items pending at restart");
        }
        finally
        {
            Directory.Delete(scenarios, recursive: true);
        }
    }

    private static object Entry(TeamApp team, Guid workerId, string key) => new
    {
        kind = "observation",
        details = new { topic = "home-conditions", text = "Home visit: the home was warm and the child was seen" },
        narrative = $"Crash test write {key}",
        occurredAt = "2015-01-26T10:30:00Z",
        occurredPrecision = "exact",
        recordedByProfessionalId = workerId,
        subjects = new[] { team.Child },
        source = "seen-by-recorder",
    };

    private static Task<HttpResponseMessage> Send(HttpClient client, string key, object body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/entries") { Content = JsonContent.Create(body, options: ChronicleApp.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, ct);
    }

    /// <summary>Chronicle.Web as a process of its own on a loopback port, over the given database.</summary>
    private sealed class WebProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Uri _address;

        private WebProcess(Process process, Uri address) => (_process, _address) = (process, address);

        public static async Task<WebProcess> StartAsync(Core.Persistence.DatabaseSettings database, string scenarios)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Chronicle.Web.dll"));
            start.ArgumentList.Add("--contentRoot");
            start.ArgumentList.Add(RepositoryFiles.Path("src/Chronicle.Web"));
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__Postgres"] = database.PostgresConnectionString ?? "";
            start.Environment["Chronicle__SqlitePath"] = database.UsesPostgres ? "" : database.SqlitePath;
            start.Environment["Chronicle__ScenariosFolder"] = scenarios;
            start.Environment["Chronicle__Audit__KeyFile"] = database.Audit.KeyFile ?? "";
            start.Environment["Chronicle__Audit__CheckpointFile"] = database.Audit.CheckpointFile ?? "";
            start.Environment["Chronicle__SignIn__AttemptsPerMinute"] = "10000";
            start.Environment["Chronicle__Alerts__Sweep"] = "false";
            start.Environment["Chronicle__Delivery__Enabled"] = "false";
            start.Environment["Chronicle__Escalation__Enabled"] = "false";
            start.Environment["Chronicle__ObserverWork__GraceSeconds"] = "1";
            start.Environment["Chronicle__ObserverWork__PollSeconds"] = "1";
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app");
            // Never outlives the test run, even if the test is abandoned on its timeout.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { }
            };
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
            await web.UntilAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"The web app exited with {process.ExitCode}");
                try
                {
                    using var probe = new HttpClient { BaseAddress = web._address };
                    return (await probe.GetAsync("/sign-in")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromSeconds(90));
            return web;
        }

        public async Task<HttpClient> SignInAsync(string userName)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = _address };
            var response = await ChronicleApp.PostFormAsync(client, "/sign-in", new() { ["userName"] = userName, ["password"] = Chronicle.Web.Hosting.DemoAccounts.Password });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return client;
        }

        public async Task UntilAsync(Func<Task<bool>> done, TimeSpan within)
        {
            var until = DateTime.UtcNow + within;
            while (!await done())
            {
                if (DateTime.UtcNow > until) throw new TimeoutException("The web app did not get there in time");
                await Task.Delay(1000);
            }
        }

        /// <summary>SIGKILL: no shutdown, no flushing, exactly as a crash.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
