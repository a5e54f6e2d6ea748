namespace Chronicle.Core.Persistence;

/// <summary>
/// A write that carried an idempotency key, with what it answered: a retry with the same key and the same request
/// gets the same answer and writes nothing; the same key with a different request is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid PartnershipId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
