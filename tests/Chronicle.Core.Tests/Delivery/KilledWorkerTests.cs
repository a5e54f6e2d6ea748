using System.Diagnostics;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Delivery;

/// <summary>
/// The outbox's promise, tested the hard way: the delivery worker runs as a process of its own against a real
/// database, is killed mid-batch just after writing a message and before marking it sent, and is started again.
/// Every message must then be delivered, and none twice.
/// </summary>
public sealed class KilledWorkerTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private const int Messages = 30;
    private const int SentBeforeTheKill = 7;

    [Theory(Timeout = 180_000), MemberData(nameof(Providers))]
    public async Task A_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var work = Directory.CreateTempSubdirectory("chronicle-killed-worker-").FullName;
        try
        {
            var folder = Path.Combine(work, "outbox");
            var log = Path.Combine(work, "sent.log");
            var messages = await DeliveryWorkerTests.EnqueueAsync(database, Messages, DateTimeOffset.UtcNow.AddMinutes(-1));
            string[] common = ["--once", "--folder", folder, "--batch", "10", "--lease-seconds", "2",
                .. database.Settings.UsesPostgres ? ["--postgres", database.Settings.PostgresConnectionString!] : new[] { "--database", database.Settings.SqlitePath }];

            // First run: writes seven messages and marks them sent, writes the eighth, and hangs before marking it.
            using (var first = Start(common, log, pauseAfter: SentBeforeTheKill))
            {
                var paused = await ReadUntilAsync(first, "paused after writing ", TimeSpan.FromSeconds(90));
                Assert.Equal(messages[SentBeforeTheKill].MessageId, paused);
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
            await using (var db = database.Open())
            {
                Assert.Equal(SentBeforeTheKill, await db.OutboxMessages.CountAsync(m => m.SentAt != null));
                // The rest of its batch of ten is claimed and unsent: it must not be lost.
                Assert.Equal(10 - SentBeforeTheKill, await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.ClaimToken != null));
            }
            Assert.Equal(SentBeforeTheKill + 1, Directory.GetFiles(folder, "*.eml").Length);

            // Second run, once the dead worker's lease has expired: delivers everything left.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            using (var second = Start(common, log, pauseAfter: null))
            {
                var output = second.StandardOutput.ReadToEndAsync();
                await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
                Assert.True(second.ExitCode == 0, $"The second run failed: {await second.StandardError.ReadToEndAsync()}{await output}");
                Assert.Contains($"Delivered {Messages - SentBeforeTheKill} messages", await output);
            }

            await using (var db = database.Open())
            {
                var all = await db.OutboxMessages.AsNoTracking().ToListAsync();
                Assert.All(all, m => Assert.NotNull(m.SentAt));
                Assert.Equal(Messages, all.Count);
            }
            var files = Directory.GetFiles(folder, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(messages.Select(m => m.MessageId + ".eml").Order(StringComparer.Ordinal), files);
            foreach (var message in messages)
                Assert.Contains($"Message-ID: <{message.MessageId}>", await File.ReadAllTextAsync(Path.Combine(folder, message.MessageId + ".eml")));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            // Only the message caught between writing and marking was written twice, to the same file.
            var writes = (await File.ReadAllLinesAsync(log)).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(messages.Select(m => m.MessageId).Order(StringComparer.Ordinal), writes.Keys.Order(StringComparer.Ordinal));
            Assert.Equal([messages[SentBeforeTheKill].MessageId], writes.Where(w => w.Value > 1).Select(w => w.Key));
            Assert.Equal(2, writes[messages[SentBeforeTheKill].MessageId]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Process Start(IEnumerable<string> args, string log, int? pauseAfter)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Chronicle.Delivery.TestHost.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment["CHRONICLE_TEST_SEND_LOG"] = log;
        if (pauseAfter is { } n) start.Environment["CHRONICLE_TEST_PAUSE_AFTER"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else start.Environment.Remove("CHRONICLE_TEST_PAUSE_AFTER");
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the delivery worker");
    }

    /// <summary>Reads the worker's output until a line starts with <paramref name="prefix"/>; returns the rest of that line.</summary>
    private static async Task<string> ReadUntilAsync(Process process, string prefix, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..];
        throw new InvalidOperationException($"The worker stopped without pausing: {await process.StandardError.ReadToEndAsync()}");
    }
}
