namespace Chronicle.Core.Record;

/// <summary>A local safeguarding children partnership: the tenant that owns its agencies, people and policy.</summary>
public sealed class Partnership
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Code { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
