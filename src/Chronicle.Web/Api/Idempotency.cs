using System.Security.Cryptography;
using Chronicle.Core.Persistence;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace Chronicle.Web.Api;

/// <summary>
/// Writes that carry an Idempotency-Key header happen once. The key, a hash of the request and the response are
/// kept in idempotency_records: a retry with the same key and request gets the stored response and writes nothing;
/// the same key with a different request is refused with 422.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Whether an endpoint's result is a stored response played back: the write it answers happened before.</summary>
    public static bool IsReplay(object? result) => result is Replayed;

    /// <summary>Keeps the request body readable after binding, so that it can be hashed.</summary>
    public static void UseIdempotencyBuffering(this WebApplication app) => app.Use((context, next) =>
    {
        if (context.Request.Headers.ContainsKey(Header)) context.Request.EnableBuffering();
        return next(context);
    });

    /// <summary>
    /// Makes a write idempotent. With <paramref name="joinTransaction"/>, the write and its record are saved in one
    /// transaction. ChronologyService runs its own transaction and dedupes on the key itself, so for entries the
    /// record is saved just after the entry.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, bool joinTransaction = true)
    {
        builder.AddEndpointFilter((context, next) => new IdempotencyFilter(joinTransaction).InvokeAsync(context, next));
        builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key the client chooses for this write (up to 200 characters). Retrying with the same key and body returns the first response and writes nothing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxKeyLength },
            });
            return Task.CompletedTask;
        });
        return builder;
    }

    private sealed class IdempotencyFilter(bool joinTransaction)
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            if (key.Length == 0) return await next(context);
            if (key.Length > MaxKeyLength || string.IsNullOrWhiteSpace(key))
                return ApiResults.Refused(Header, $"The idempotency key must be between 1 and {MaxKeyLength} characters");

            var ct = http.RequestAborted;
            var db = http.RequestServices.GetRequiredService<ChronicleDb>();
            var partnershipId = http.RequestServices.GetRequiredService<CurrentPartnership>().Id;
            var hash = await HashAsync(http.Request, ct);
            if (await FindAsync(db, partnershipId, key, ct) is { } stored) return Answer(stored, hash);

            await using var transaction = joinTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
            var result = await next(context);
            if (result is not IResult answer) return result;
            var body = await CaptureAsync(answer, http);
            if (http.Response.StatusCode is >= 200 and < 300)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord
                {
                    PartnershipId = partnershipId,
                    Key = key,
                    RequestHash = hash,
                    StatusCode = http.Response.StatusCode,
                    ResponseBody = System.Text.Encoding.UTF8.GetString(body),
                    Location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                    CreatedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    if (transaction is not null) await transaction.CommitAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // A concurrent request with the same key saved first: undo this one's write and answer as it did.
                    if (transaction is not null) await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    var winner = await FindAsync(db, partnershipId, key, ct) ?? throw new InvalidOperationException("An idempotency record could not be saved.");
                    http.Response.Headers.Clear();
                    return Answer(winner, hash);
                }
            }
            return new Captured(body);
        }

        private static Task<IdempotencyRecord?> FindAsync(ChronicleDb db, Guid partnershipId, string key, CancellationToken ct) =>
            db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.PartnershipId == partnershipId && r.Key == key, ct);

        private static IResult Answer(IdempotencyRecord stored, string hash) =>
            stored.RequestHash == hash
                ? new Replayed(stored)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "This idempotency key was used for a different request",
                    detail: "An Idempotency-Key can be used for one request only. Send a new key with a new or changed request.");

        /// <summary>SHA-256 of the method, path and body: what makes two requests the same request.</summary>
        private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
            request.Body.Position = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        /// <summary>Runs the endpoint's result into memory, so that it can be stored before anything is sent.</summary>
        private static async Task<byte[]> CaptureAsync(IResult result, HttpContext http)
        {
            var original = http.Features.Get<IHttpResponseBodyFeature>()!;
            using var buffer = new MemoryStream();
            var capture = new StreamResponseBodyFeature(buffer);
            http.Features.Set<IHttpResponseBodyFeature>(capture);
            try
            {
                await result.ExecuteAsync(http);
                await capture.CompleteAsync();
            }
            finally
            {
                http.Features.Set(original);
            }
            return buffer.ToArray();
        }
    }

    private sealed class Captured(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }

    private sealed class Replayed(IdempotencyRecord stored) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = stored.StatusCode;
            http.Response.ContentType = "application/json; charset=utf-8";
            if (stored.Location is { } location) http.Response.Headers.Location = location;
            http.Response.Headers[ReplayedHeader] = "true";
            return http.Response.WriteAsync(stored.ResponseBody);
        }
    }
}
