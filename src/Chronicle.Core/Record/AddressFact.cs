namespace Chronicle.Core.Record;

/// <summary>
/// Where an agency says a person lives, from when. Agencies may disagree: each keeps its own facts, and the record
/// shows every agency's current one beside its source. A later fact from the same agency replaces the earlier one
/// as that agency's current view; nothing is deleted.
/// </summary>
public sealed class AddressFact
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid PersonId { get; set; }
    public required string Address { get; set; }
    public string? Postcode { get; set; }
    /// <summary>The local authority area of the address, for moves between areas.</summary>
    public string? LocalAuthority { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid ReportedByAgencyId { get; set; }
    public Guid? ReportedByProfessionalId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The chronology entry that recorded this fact, where one did.</summary>
    public Guid? EntryId { get; set; }

    /// <summary>Addresses are compared loosely: case, spacing and punctuation do not make two addresses differ.</summary>
    public static string Normalise(string address) =>
        new(address.ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
}
