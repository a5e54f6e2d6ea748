using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Delivery;

public sealed record DeliveryOptions
{
    public int BatchSize { get; init; } = 20;
    /// <summary>How long a claim holds: longer than a batch takes to send, or a slow batch may be claimed twice.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
    public int MaxAttempts { get; init; } = 8;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);
    public string From { get; init; } = "Chronicle <chronicle@localhost>";
}

/// <summary>What one pass over the outbox did.</summary>
public sealed record DeliveryBatch(int Claimed, int Sent, int Failed);

/// <summary>
/// Sends the outbox. Each pass claims a batch of due messages with a fresh token and a lease, sends each through
/// the transport, and only then marks it sent, and only if the claim is still its own. If the process dies after
/// sending and before marking, the lease expires and the message is sent again under the same Message-ID: the
/// folder transport replaces its file, and a mail system can recognise the repeat. Nothing is lost, because a
/// message leaves the outbox only once it is marked sent.
/// </summary>
public sealed class DeliveryWorker(Func<ChronicleDb> openDb, IMailTransport transport, TimeProvider clock, DeliveryOptions? options = null)
{
    private readonly DeliveryOptions _options = options ?? new DeliveryOptions();

    public async Task<DeliveryBatch> RunOnceAsync(CancellationToken ct = default)
    {
        await using var db = openDb();
        var now = clock.GetUtcNow();
        await GiveUpOnExhaustedAsync(db, now, ct);
        var token = Guid.NewGuid().ToString("N");
        var batch = await ClaimAsync(db, token, now, ct);
        int sent = 0, failed = 0;
        foreach (var message in batch)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await transport.SendAsync(new OutgoingMail(message.MessageId, _options.From, message.ToAddress, message.Subject, message.Body, message.CreatedAt), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await ReleaseAfterFailureAsync(db, message, token, ex.Message, ct);
                failed++;
                continue;
            }
            var at = clock.GetUtcNow();
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, at).SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);
            sent++;
        }
        return new DeliveryBatch(batch.Count, sent, failed);
    }

    /// <summary>Passes until nothing is left that can be claimed now; returns how many were sent.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var sent = 0;
        while (true)
        {
            var batch = await RunOnceAsync(ct);
            sent += batch.Sent;
            if (batch.Claimed == 0 || batch.Sent == 0) return sent;
        }
    }

    /// <summary>Drains the outbox, waits the poll interval, and again, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await DrainAsync(ct);
            try
            {
                await Task.Delay(_options.PollInterval, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(ChronicleDb db, string token, DateTimeOffset now, CancellationToken ct)
    {
        // One statement claims the batch, so two workers never hold the same message: SQLite runs one writer at a
        // time, and PostgreSQL skips rows another worker has locked. EF Core cannot say SKIP LOCKED, hence raw SQL.
        var until = now + _options.Lease;
        if (db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE outbox_messages SET claim_token = {0}, lease_until = {1}, attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox_messages
                             WHERE sent_at IS NULL AND failed_at IS NULL AND attempts < {3} AND (lease_until IS NULL OR lease_until < {2})
                             ORDER BY created_at, id LIMIT {4})
                """,
                [token, until.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), _options.MaxAttempts, _options.BatchSize], ct);
        else
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE outbox_messages SET claim_token = {0}, lease_until = {1}, attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox_messages
                             WHERE sent_at IS NULL AND failed_at IS NULL AND attempts < {3} AND (lease_until IS NULL OR lease_until < {2})
                             ORDER BY created_at, id LIMIT {4} FOR UPDATE SKIP LOCKED)
                """,
                [token, until.ToUniversalTime(), now.ToUniversalTime(), _options.MaxAttempts, _options.BatchSize], ct);
        return (await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).ToListAsync(ct))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
    }

    private async Task ReleaseAfterFailureAsync(ChronicleDb db, OutboxMessage message, string token, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var retryAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, message.Attempts)));
        var giveUp = message.Attempts >= _options.MaxAttempts;
        var reason = error.Length > 1000 ? error[..1000] : error;
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimToken, (string?)null)
                .SetProperty(m => m.LeaseUntil, retryAt)
                .SetProperty(m => m.LastError, reason)
                .SetProperty(m => m.FailedAt, giveUp ? now : null), ct);
    }

    /// <summary>Messages claimed as often as allowed and never sent (their worker died each time) are marked failed, for a person to look at.</summary>
    private async Task GiveUpOnExhaustedAsync(ChronicleDb db, DateTimeOffset now, CancellationToken ct) =>
        await db.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts >= _options.MaxAttempts && m.LeaseUntil < now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LastError, m => m.LastError ?? "Gave up: claimed as often as allowed without being sent"), ct);
}
