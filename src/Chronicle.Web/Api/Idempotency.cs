using System.Security.Cryptography;
using Chronicle.Core.Persistence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace Chronicle.Web.Api;

/// <summary>
/// Writes that carry an Idempotency-Key header happen once. A key belongs to the account that sent it and to the
/// operation (the method and route pattern) it was sent to; idempotency_records keeps it with a hash of the request
/// (method, path and body) and the response. A retry by the same account, to the same operation, with the same request
/// gets the stored response and writes nothing (the replay is audited); the key with a different request is refused
/// with 422, and another account's key is simply another key. The record is saved in the write's transaction
/// (<see cref="WriteTransactionFilter"/>), so a write and its record are committed together or not at all.
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
    /// Makes a write idempotent. Every API write runs in one transaction (<see cref="WriteTransactionFilter"/>), which
    /// the idempotency record joins, so <paramref name="joinTransaction"/> no longer changes anything.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, bool joinTransaction = true)
    {
        _ = joinTransaction;
        builder.WithMetadata(new IdempotentWrite());
        builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key the client chooses for this write (up to 200 characters), its own and this operation's. Retrying with the same key and body returns the first response and writes nothing; the same key with another body is refused with 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxKeyLength },
            });
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Marks an endpoint whose writes honour the Idempotency-Key header.</summary>
    public sealed class IdempotentWrite;

    /// <summary>The key a request carries to an idempotent endpoint, checked; null when it carries none.</summary>
    internal static (string? Key, IResult? Refusal) KeyOf(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentWrite>() is null) return (null, null);
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0) return (null, null);
        if (key.Length > MaxKeyLength || string.IsNullOrWhiteSpace(key))
            return (null, ApiResults.Refused(Header, $"The idempotency key must be between 1 and {MaxKeyLength} characters"));
        return (key, null);
    }

    /// <summary>The operation a key belongs to: the method and the route pattern, not the ids in the path.</summary>
    internal static string OperationOf(HttpContext http) =>
        $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.ToString()}";

    internal static Task<IdempotencyRecord?> FindAsync(ChronicleDb db, Guid userId, string operation, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Operation == operation && r.Key == key, ct);

    /// <summary>How long a key is remembered (<c>Chronicle:Idempotency:Hours</c>, 24 by default): after that a retry is a new request, and the record is purged.</summary>
    public static TimeSpan Lifetime(IConfiguration configuration) => TimeSpan.FromHours(configuration.GetValue("Chronicle:Idempotency:Hours", 24.0));

    /// <summary>Forgets one record that has outlived its lifetime, so that its key starts afresh.</summary>
    internal static Task ForgetAsync(ChronicleDb db, IdempotencyRecord stored, CancellationToken ct) =>
        db.IdempotencyRecords.Where(r => r.UserId == stored.UserId && r.Operation == stored.Operation && r.Key == stored.Key).ExecuteDeleteAsync(ct);

    /// <summary>Deletes every record written before <paramref name="before"/> (their stored answers hold personal data); answers how many.</summary>
    public static Task<int> PurgeAsync(ChronicleDb db, DateTimeOffset before, CancellationToken ct = default) =>
        db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);

    /// <summary>The answer to a retry whose first request wrote about a child the caller may no longer see: nothing of it is given back.</summary>
    internal static IResult NoLongerYours() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "This request was made before, and you no longer have access to what it wrote",
        detail: "Nothing was written again. If you need the record, ask the child's lead professional.");

    /// <summary>The stored answer for the same request; for any other request a 422 that says nothing of the first.</summary>
    internal static IResult Answer(IdempotencyRecord stored, string hash) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored.RequestHash), System.Text.Encoding.ASCII.GetBytes(hash))
            ? new Replayed(stored)
            : Mismatch();

    internal static IResult Mismatch() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "This idempotency key was used for a different request",
        detail: "An Idempotency-Key can be used for one request only. Send a new key with a new or changed request.");

    /// <summary>SHA-256 of the method, path and body: what makes two requests the same request.</summary>
    internal static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
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
    internal static async Task<byte[]> CaptureAsync(IResult result, HttpContext http)
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

    internal sealed class Captured(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }

    internal sealed class Replayed(IdempotencyRecord stored) : IResult
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
