using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Meetings;

public enum MeetingStatus { Scheduled, Held }

/// <summary>
/// A meeting about a child while it is arranged and after it is held: who was proposed, invited, replied, sent a
/// report and came. The chronology holds its record (meeting-scheduled, meeting-held); this is the working state
/// the organiser and chair need between the two.
/// </summary>
public sealed class Meeting
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid ChildPersonId { get; set; }
    public MeetingType Type { get; set; }
    public DateTimeOffset ScheduledFor { get; set; }
    public Guid? ChairProfessionalId { get; set; }
    public Guid OrganiserProfessionalId { get; set; }
    /// <remarks>A concurrency token: a meeting is recorded as held once; a second record at the same time is refused.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public MeetingStatus Status { get; set; }
    public Guid? ScheduledEntryId { get; set; }
    public Guid? HeldEntryId { get; set; }
    public DateTimeOffset? HeldAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<MeetingInvitee> Invitees { get; set; } = [];
}

public enum MeetingReply { Attending, NotAttending }

/// <summary>A professional or agency proposed for or invited to a meeting, and how they responded.</summary>
public sealed class MeetingInvitee
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid? ProfessionalId { get; set; }
    public Guid? AgencyId { get; set; }
    /// <summary>A name, where the invitee is neither a professional nor an agency on record.</summary>
    public string? Name { get; set; }
    /// <summary>Why they were proposed: their part in the child's team, or the rule that expects them.</summary>
    public string? ProposedBecause { get; set; }
    public bool Proposed { get; set; }
    /// <summary>Always expected at this kind of meeting (GP, health visitor or school nurse, school; police at strategy discussions and conferences).</summary>
    public bool Expected { get; set; }
    public bool Invited { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
    public string? NotInvitedReason { get; set; }
    public MeetingReply? Reply { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public string? ApologyReason { get; set; }
    public DateTimeOffset? ReportReceivedAt { get; set; }
    public bool? Attended { get; set; }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ChairProfessionalId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.OrganiserProfessionalId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.ScheduledEntryId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.HeldEntryId);
        b.HasMany(x => x.Invitees).WithOne().HasForeignKey(x => x.MeetingId);
    }
}

internal sealed class MeetingInviteeConfiguration : IEntityTypeConfiguration<MeetingInvitee>
{
    public void Configure(EntityTypeBuilder<MeetingInvitee> b)
    {
        b.ToTable("meeting_invitees");
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ProfessionalId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId);
    }
}
