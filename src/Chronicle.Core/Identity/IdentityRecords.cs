using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Identity;

/// <summary>A name a person is known by, as one source recorded it: an agency's list, or the other side of a merge. The person's own name stays on the person.</summary>
public sealed class PersonName
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid PersonId { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string GivenFolded { get; set; } = "";
    public string FamilyFolded { get; set; } = "";
    /// <summary>Where the name came from, in words ("agency list", "merge").</summary>
    public required string Source { get; set; }
    public Guid? AgencyId { get; set; }
    public Guid? MergeId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public enum MatchChoice
{
    /// <summary>The user chose a record already there.</summary>
    Existing,
    /// <summary>The user created a new person although candidates were offered.</summary>
    New,
}

/// <summary>What a user chose at the duplicate check, with what they were offered.</summary>
public sealed class MatchDecision
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid? ProfessionalId { get; set; }
    public MatchChoice Choice { get; set; }
    /// <summary>The person chosen, or the person created.</summary>
    public Guid PersonId { get; set; }
    /// <summary>The candidates offered, as JSON (person id, band, score).</summary>
    public required string Candidates { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum LinkOutcome
{
    Matched,
    Possible,
    New,
    /// <summary>A possible match that a person has since decided.</summary>
    Reviewed,
}

/// <summary>One row of an agency's own list as linked: the agency's id for the person, what it said, and the person it is.</summary>
public sealed class AgencyRecord
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid AgencyId { get; set; }
    public required string AgencyRecordId { get; set; }
    /// <summary>Null while a possible match waits in the review queue.</summary>
    public Guid? PersonId { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; } = Sex.NotKnown;
    public string? NhsNumber { get; set; }
    public string? Postcode { get; set; }
    public string? Address { get; set; }
    /// <summary>A hash of what the row said, so a row read again unchanged changes nothing.</summary>
    public required string ContentHash { get; set; }
    public LinkOutcome Outcome { get; set; }
    public double? Score { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

public enum ReviewKind
{
    /// <summary>A row of an agency's list that may be someone on record.</summary>
    LinkPossible,
    /// <summary>Someone being created may be a person the user may not see: the front door decides.</summary>
    HiddenCandidate,
}

public enum ReviewStatus
{
    Open,
    Decided,
}

/// <summary>An item in the front door's review queue.</summary>
public sealed class IdentityReview
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public ReviewKind Kind { get; set; }
    public ReviewStatus Status { get; set; }
    public Guid? LinkedRecordId { get; set; }
    public Guid? RequestedByProfessionalId { get; set; }
    /// <summary>The details submitted (the list's row, or the person being created), as JSON.</summary>
    public required string Submitted { get; set; }
    /// <summary>The candidates with band, score and reasons, as JSON.</summary>
    public required string Candidates { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedByProfessionalId { get; set; }
    /// <summary>"existing" or "new".</summary>
    public string? Decision { get; set; }
    public Guid? PersonId { get; set; }
}

/// <summary>
/// Two records found to be one person: the merged person's facts were moved to the survivor, each move listed in
/// <see cref="Moved"/> so an unmerge puts exactly those back. Kept forever; an unmerge is recorded on it.
/// </summary>
public sealed class PersonMerge
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid SurvivorPersonId { get; set; }
    public Guid MergedPersonId { get; set; }
    public required string Reason { get; set; }
    public Guid? ByProfessionalId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    /// <summary>The rows moved to the survivor, by table, as JSON.</summary>
    public required string Moved { get; set; }
    public DateTimeOffset? UnmergedAt { get; set; }
    public Guid? UnmergedByProfessionalId { get; set; }
    public string? UnmergeReason { get; set; }

    public bool IsActive => UnmergedAt is null;
}

internal sealed class PersonNameConfiguration : IEntityTypeConfiguration<PersonName>
{
    public void Configure(EntityTypeBuilder<PersonName> b)
    {
        b.ToTable("person_names");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

internal sealed class MatchDecisionConfiguration : IEntityTypeConfiguration<MatchDecision>
{
    public void Configure(EntityTypeBuilder<MatchDecision> b)
    {
        b.ToTable("match_decisions");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

internal sealed class AgencyRecordConfiguration : IEntityTypeConfiguration<AgencyRecord>
{
    public void Configure(EntityTypeBuilder<AgencyRecord> b)
    {
        b.ToTable("agency_records");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
    }
}

internal sealed class IdentityReviewConfiguration : IEntityTypeConfiguration<IdentityReview>
{
    public void Configure(EntityTypeBuilder<IdentityReview> b)
    {
        b.ToTable("identity_reviews");
        b.HasOne<AgencyRecord>().WithMany().HasForeignKey(x => x.LinkedRecordId);
    }
}

internal sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> b)
    {
        b.ToTable("person_merges");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.SurvivorPersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedPersonId);
        b.Ignore(x => x.IsActive);
    }
}
