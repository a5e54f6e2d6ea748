namespace Chronicle.Core.Persistence;

/// <summary>
/// A write that carried an idempotency key, with what it answered. The key belongs to the account that sent it and
/// the operation (method and route pattern) it was sent to: a retry by that account, to that operation, with the same
/// request gets the same answer and writes nothing; anything else with the key is refused without disclosing it.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    public required string Operation { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public string? Location { get; set; }
    /// <summary>The children the write concerned, comma-separated: a replay is audited against them too.</summary>
    public string? WrittenAbout { get; set; }
    /// <summary>
    /// The children the write was about (its subjects), comma-separated: a replay is answered only while the caller
    /// still sees each of them. Null for a record kept before schema 14, or a write about no child.
    /// </summary>
    public string? AboutChildren { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
