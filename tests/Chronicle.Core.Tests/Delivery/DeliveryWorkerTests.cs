using System.Text;
using Chronicle.Core.Delivery;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Delivery;

public sealed class DeliveryWorkerTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    internal static async Task<List<OutboxMessage>> EnqueueAsync(TestDatabase database, int count, DateTimeOffset from)
    {
        await using var db = database.Open();
        var partnership = Guid.NewGuid();
        var messages = Enumerable.Range(1, count)
            .Select(i => Outbox.Enqueue(db, partnership, null, $"worker{i}@example.org", $"Chronicle: message {i}", $"Body of message {i}", from.AddMilliseconds(i)))
            .ToList();
        await db.SaveChangesAsync();
        return messages;
    }

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chronicle-outbox-").FullName;
        public string[] Mail => [.. Directory.GetFiles(Path, "*.eml").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Sends through the folder, except that the chosen messages fail, or the batch is cut short as by a dying process.</summary>
    private sealed class Flaky(IMailTransport inner) : IMailTransport
    {
        public HashSet<string> Failing { get; } = [];
        public int? DieAfter { get; set; }
        public CancellationTokenSource Death { get; } = new();
        private int _sent;

        public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
        {
            if (Failing.Contains(mail.MessageId)) throw new IOException("Mail relay refused the connection");
            await inner.SendAsync(mail, ct);
            if (++_sent == DieAfter) await Death.CancelAsync();
        }
    }

    [Fact]
    public async Task The_folder_transport_names_each_file_by_its_message_id_and_a_resend_replaces_it()
    {
        using var folder = new Folder();
        var transport = new FolderMailTransport(folder.Path);
        var mail = new OutgoingMail("0193abc@chronicle", "Chronicle <chronicle@localhost>", "gp@example.org", "Chronicle: café", "Line one\nLine two", new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero));

        await transport.SendAsync(mail, default);
        await transport.SendAsync(mail with { Body = "Sent again" }, default);

        Assert.Equal(["0193abc@chronicle.eml"], folder.Mail);
        var text = await File.ReadAllTextAsync(System.IO.Path.Combine(folder.Path, "0193abc@chronicle.eml"), Encoding.UTF8);
        Assert.StartsWith("Message-ID: <0193abc@chronicle>\r\nDate: Mon, 02 Feb 2015 09:00:00 +0000\r\n", text);
        Assert.Contains("Subject: =?utf-8?B?Q2hyb25pY2xlOiBjYWbDqQ==?=\r\n", text);
        Assert.EndsWith("\r\n\r\nSent again\r\n", text);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_message_is_sent_once_and_marked_sent(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new Folder();
        var clock = new SimulatedClock(new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var messages = await EnqueueAsync(database, 25, clock.GetUtcNow());
        var worker = new DeliveryWorker(database.Open, new FolderMailTransport(folder.Path), clock, new DeliveryOptions { BatchSize = 10 });

        Assert.Equal(new DeliveryBatch(10, 10, 0), await worker.RunOnceAsync());
        Assert.Equal(15, await worker.DrainAsync());
        Assert.Equal(0, await worker.DrainAsync());

        Assert.Equal(messages.Select(m => m.MessageId + ".eml").Order(StringComparer.Ordinal), folder.Mail);
        await using var db = database.Open();
        Assert.All(await db.OutboxMessages.AsNoTracking().ToListAsync(), m => Assert.Equal((clock.GetUtcNow(), 1, (string?)null), (m.SentAt!.Value, m.Attempts, m.ClaimToken)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_failed_send_is_retried_later_and_given_up_after_the_last_attempt(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new Folder();
        var clock = new SimulatedClock(new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var messages = await EnqueueAsync(database, 3, clock.GetUtcNow());
        var transport = new Flaky(new FolderMailTransport(folder.Path));
        transport.Failing.Add(messages[1].MessageId);
        var worker = new DeliveryWorker(database.Open, transport, clock, new DeliveryOptions { MaxAttempts = 3 });

        Assert.Equal(new DeliveryBatch(3, 2, 1), await worker.RunOnceAsync());
        Assert.Equal(new DeliveryBatch(0, 0, 0), await worker.RunOnceAsync());
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new DeliveryBatch(1, 0, 1), await worker.RunOnceAsync());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new DeliveryBatch(1, 0, 1), await worker.RunOnceAsync());
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new DeliveryBatch(0, 0, 0), await worker.RunOnceAsync());

        await using var db = database.Open();
        var failed = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messages[1].Id);
        Assert.Equal((3, "Mail relay refused the connection", (DateTimeOffset?)null), (failed.Attempts, failed.LastError, failed.SentAt));
        Assert.NotNull(failed.FailedAt);
        Assert.Equal(2, folder.Mail.Length);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Messages_held_by_a_worker_that_died_are_sent_again_once_their_lease_expires(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new Folder();
        var clock = new SimulatedClock(new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var messages = await EnqueueAsync(database, 5, clock.GetUtcNow());
        var options = new DeliveryOptions { Lease = TimeSpan.FromMinutes(5) };
        var dying = new Flaky(new FolderMailTransport(folder.Path)) { DieAfter = 2 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DeliveryWorker(database.Open, dying, clock, options).RunOnceAsync(dying.Death.Token));
        var next = new DeliveryWorker(database.Open, new FolderMailTransport(folder.Path), clock, options);
        Assert.Equal(0, await next.DrainAsync());
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        // The second message was written as the worker died, before it could be marked sent: it goes again, to the same file.
        Assert.Equal(4, await next.DrainAsync());

        Assert.Equal(messages.Select(m => m.MessageId + ".eml").Order(StringComparer.Ordinal), folder.Mail);
        await using var db = database.Open();
        Assert.Equal([1, 2, 2, 2, 2], (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync()).Select(m => m.Attempts));
    }
}
