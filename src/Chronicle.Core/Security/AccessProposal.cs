using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Security;

/// <summary>The facts that put someone in a child's team, and so open the child's record to them.</summary>
public enum GrantKind
{
    /// <summary>A professional or agency working with a person in the child's case (with the lead flag, the lead).</summary>
    Involvement,
    /// <summary>Someone living in a household with the child (a household created with members, a member added, a household-change "joined").</summary>
    HouseholdMembership,
    /// <summary>A parent or carer of the child.</summary>
    Relationship,
    /// <summary>Someone added to the team around the child.</summary>
    TeamAddition,
    /// <summary>Two records of one person merged: the merged person's involvements, relationships and households become the survivor's.</summary>
    Merge,
    /// <summary>A merge undone: what moved goes back to the person it came from.</summary>
    Unmerge,
}

public enum ProposalStatus { Proposed, Accepted, Declined }

/// <summary>
/// A fact that would widen access to a child, recorded by someone without the authority to grant it
/// (<see cref="AccessPolicy.MayGrant"/>): it waits, with no effect on anyone's access, until the child's lead
/// professional (or the owning team's manager) accepts or declines it. The payload is the fact as it would be written.
/// </summary>
public sealed class AccessProposal
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public GrantKind Kind { get; set; }
    /// <summary>The child whose lead decides (the first of <see cref="Children"/>).</summary>
    public Guid ChildPersonId { get; set; }
    /// <summary>Every child whose team the fact would widen, comma-separated: the decider needs authority over each.</summary>
    public required string Children { get; set; }
    /// <summary>The fact as JSON, in the shape of the input that writes it.</summary>
    public required string Payload { get; set; }
    /// <summary>What is proposed, in words for the decider.</summary>
    public required string Summary { get; set; }
    public Guid ProposedByProfessionalId { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    /// <remarks>A concurrency token: a proposal is decided once; of two deciders at once, the second is refused, not saved over the first.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public ProposalStatus Status { get; set; }
    public Guid? DecidedByProfessionalId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>The household-change entry whose effect waits on the decision, where there is one.</summary>
    public Guid? EntryId { get; set; }

    public IReadOnlyList<Guid> ChildIds => [.. Children.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
}

internal sealed class AccessProposalConfiguration : IEntityTypeConfiguration<AccessProposal>
{
    public void Configure(EntityTypeBuilder<AccessProposal> b)
    {
        b.ToTable("access_proposals");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ProposedByProfessionalId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.DecidedByProfessionalId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.EntryId);
        b.Ignore(x => x.ChildIds);
    }
}
