using Chronicle.Core.Audit;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Api;

/// <summary>
/// Every API write is one transaction: the handler's changes, the chronology entries it writes with the work they leave
/// for the observers (observer_work), the audit entries (<see cref="AuditWritesFilter"/> runs inside this filter) and
/// the idempotency record are committed together or not at all. After the commit the observers' work runs; whatever a
/// crash interrupts, <see cref="ObserverWorkSweep"/> finishes on restart. A write that lost a race (a changed row, a
/// unique constraint another write took first, or a service's <see cref="WriteConflictException"/>) is rolled back
/// and answered 409 with what changed; a retry of a key whose first request won answers as that request did. A stored
/// answer is given back only within the key's lifetime and only while the caller may still see each child it was about.
/// </summary>
public sealed class WriteTransactionFilter(ChronicleDb db, CurrentUser currentUser, RecordAudit audit, ChildAccess access, TimeProvider clock, IEnumerable<IChronologyObserver> observers, IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
        var ct = http.RequestAborted;

        var (key, refusal) = Idempotency.KeyOf(http);
        if (refusal is not null) return refusal;
        var user = key is null ? null : await currentUser.GetAsync(ct);
        var operation = Idempotency.OperationOf(http);
        var hash = user is null ? null : await Idempotency.HashAsync(http.Request, ct);
        if (user is not null && await Idempotency.FindAsync(db, user.Account.Id, operation, key!, ct) is { } stored)
        {
            // A key outlives its lifetime: the request is a new one (the old record goes, as the purge would take it).
            if (stored.CreatedAt < clock.GetUtcNow() - Idempotency.Lifetime(configuration)) await Idempotency.ForgetAsync(db, stored, ct);
            else return await ReplayAsync(stored, hash!, ct);
        }

        object? result;
        byte[]? body = null;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            result = await next(context);
            if (user is not null && result is IResult answer)
            {
                body = await Idempotency.CaptureAsync(answer, http);
                if (http.Response.StatusCode is >= 200 and < 300)
                    db.IdempotencyRecords.Add(new IdempotencyRecord
                    {
                        UserId = user.Account.Id,
                        Operation = operation,
                        Key = key!,
                        RequestHash = hash!,
                        StatusCode = http.Response.StatusCode,
                        ResponseBody = System.Text.Encoding.UTF8.GetString(body),
                        Location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                        WrittenAbout = access.WrittenAbout.Count == 0 ? null : string.Join(',', access.WrittenAbout.Order()),
                        AboutChildren = access.WrittenFor.Count == 0 ? null : string.Join(',', access.WrittenFor.Order()),
                        CreatedAt = clock.GetUtcNow(),
                    });
            }
            // A refused request (400, 404) wrote nothing but may have audited the attempt: that is kept.
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is WriteConflictException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            ObserverWork.Forget(db);
            var conflict = e as WriteConflictException ?? Writes.Conflict((DbUpdateException)e);
            if (conflict is null) throw;
            // The same key sent twice at once: the first committed, and this one answers as it did.
            if (user is not null && e is DbUpdateException update && Writes.IsUniqueViolation(update)
                && await Idempotency.FindAsync(db, user.Account.Id, operation, key!, ct) is { } winner)
            {
                http.Response.Headers.Clear();
                return await ReplayAsync(winner, hash!, ct);
            }
            http.Response.Headers.Clear();
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Someone else changed this first", detail: conflict.Message);
        }
        db.ChangeTracker.Clear();
        await ObserverWork.RunWrittenAsync(db, observers, clock, ct);
        return body is null ? result : new Idempotency.Captured(body);
    }

    /// <summary>Answers with the stored response; a replay is a write the caller was told of again, and is audited as one.</summary>
    private async Task<object?> ReplayAsync(IdempotencyRecord stored, string hash, CancellationToken ct)
    {
        var answer = Idempotency.Answer(stored, hash);
        if (!Idempotency.IsReplay(answer)) return answer;
        var children = stored.WrittenAbout?.Split(',').Select(Guid.Parse).ToList() ?? [];
        var about = stored.AboutChildren?.Split(',').Select(Guid.Parse).ToList() ?? [];
        // The stored answer is given back only while the caller may still see every child the write was about (its
        // subjects), not merely a sibling it touched. A record kept before the subjects were (schema 14) has only the
        // children the write concerned, widely: then at least one of them must still be seen.
        var stillSeen = about.Count > 0;
        foreach (var child in about)
            if (await access.ChildAsync(child, ct) is null) { stillSeen = false; break; }
        if (about.Count == 0)
            foreach (var child in children)
                if (await access.ChildAsync(child, ct) is not null) { stillSeen = true; break; }
        if ((about.Count > 0 || children.Count > 0) && !stillSeen)
        {
            foreach (var child in children) await audit.AppendAsync(AuditAction.Denied, child, "replay refused: no longer has access", ct: ct);
            return Idempotency.NoLongerYours();
        }
        var detail = $"replayed{(stored.Location is { } created ? $": created {created}" : "")}";
        if (children.Count == 0) await audit.AppendAsync(AuditAction.Write, null, detail, ct: ct);
        foreach (var child in children) await audit.AppendAsync(AuditAction.Write, child, detail, ct: ct);
        return answer;
    }
}
