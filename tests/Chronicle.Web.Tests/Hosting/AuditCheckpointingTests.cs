using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Testing;

namespace Chronicle.Web.Tests.Hosting;

/// <summary>The app's audit key (created on first start, owner only) and its signed checkpoints: at start, every N rows, on shutdown.</summary>
public sealed class AuditCheckpointingTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_app_creates_its_key_and_writes_checkpoints_at_start_every_few_rows_and_on_shutdown(Provider provider)
    {
        var folder = Directory.CreateTempSubdirectory("chronicle-audit-").FullName;
        try
        {
            var keyFile = Path.Combine(folder, "keys", AuditChainSettings.KeyFileName);
            var checkpoints = Path.Combine(folder, "keys", AuditChainSettings.CheckpointFileName);
            var app = await ChronicleApp.StartAsync(provider, ["family-a.json"], settings: new()
            {
                ["Chronicle:Audit:KeyFile"] = keyFile,
                ["Chronicle:Audit:CheckpointFile"] = checkpoints,
                ["Chronicle:Audit:CheckpointEvery"] = "5",
                ["Chronicle:Audit:CheckpointSeconds"] = "1",
            });
            var audit = new AuditChainSettings(keyFile, checkpoints, createKey: false);
            long head;
            try
            {
                Assert.True(File.Exists(keyFile));
                if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
                var key = (await File.ReadAllTextAsync(keyFile)).Trim();
                Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
                Assert.Contains(app.Logs.Lines, l => l.Contains("Audit key created at", StringComparison.Ordinal));

                var atStart = await WaitForCheckpointAsync(checkpoints, audit, 1);
                var client = await app.SignInAsync(await app.UserNameOfAsync("Social worker (Family A)"));
                for (var i = 0; i < 6; i++) await client.GetAsync("/");
                var later = await WaitForCheckpointAsync(checkpoints, audit, atStart.Sequence + 5);

                await using var db = new ChronicleDb((app.Database.Settings with { Audit = audit }).Options());
                var verification = await new AuditLog(db, TimeProvider.System).VerifyAsync();
                Assert.True(verification.Intact, verification.Problem);
                Assert.True(verification.EntriesSealed > 0);
                Assert.True(verification.LastCheckpoint!.Sequence >= later.Sequence);

                // One more row, fewer than the five that make a checkpoint: only the one on shutdown records it.
                await client.GetAsync("/");
                head = (await AuditChain.ReadHeadAsync(db, default)).Sequence;
                Assert.True(head > verification.Head.Sequence);
            }
            finally
            {
                await app.DisposeAsync();
            }
            Assert.Equal(head, AuditCheckpoints.Read(checkpoints, audit.Key).Last!.Sequence);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<AuditCheckpoint> WaitForCheckpointAsync(string path, AuditChainSettings audit, long atLeast)
    {
        for (var i = 0; i < 100; i++)
        {
            if (File.Exists(path) && AuditCheckpoints.Read(path, audit.Key) is { BadLines.Count: 0, Last: { } last } && last.Sequence >= atLeast) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No checkpoint of row {atLeast} or later was written");
    }
}
