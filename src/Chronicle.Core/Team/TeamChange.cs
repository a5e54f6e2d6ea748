using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// Not Chronicle.Core.Team: a namespace of that name would hide Record.Team (an agency's team) from the rest of Core.
namespace Chronicle.Core.TeamAroundChild;

public enum TeamChangeType { Added, Removed }

/// <summary>
/// A change to the team around a child that no involvement explains: someone added, or someone removed, with who
/// decided, when and why. The latest change for a member wins, so a removed member can be added back.
/// </summary>
public sealed class TeamChange
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid ChildPersonId { get; set; }
    /// <summary>The professional, or null when the member is an agency with no named professional.</summary>
    public Guid? ProfessionalId { get; set; }
    public Guid AgencyId { get; set; }
    public TeamChangeType Change { get; set; }
    /// <summary>Their part in the work with the child, for an addition.</summary>
    public string? Role { get; set; }
    public required string Reason { get; set; }
    public Guid ByProfessionalId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The decision entry that puts the change in the chronology, where the safeguards can see it.</summary>
    public Guid? EntryId { get; set; }
    /// <summary>
    /// This change's place in the child's team changes (1, 2, ...): unique per child, so of two changes made at once
    /// from the same team only one is saved; the latest is the team's version (<see cref="TeamView.Version"/>).
    /// </summary>
    public int SequenceNumber { get; set; }

    public string MemberKey => TeamMember.KeyOf(ProfessionalId, AgencyId);
}

internal sealed class TeamChangeConfiguration : IEntityTypeConfiguration<TeamChange>
{
    public void Configure(EntityTypeBuilder<TeamChange> b)
    {
        b.ToTable("team_changes");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ProfessionalId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ByProfessionalId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.EntryId);
        b.Ignore(x => x.MemberKey);
    }
}
