using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Meetings;

public enum MeetingStatus { Scheduled, Held, Cancelled }

/// <summary>
/// A meeting about a child while it is arranged and after it is held: who was proposed, invited, replied, sent a
/// report and came. The chronology holds its record (meeting-scheduled, meeting-held); this is the working state
/// the organiser and chair need between the two. A meeting moved keeps the time it was first arranged for in its
/// <see cref="Changes"/> (and its meeting-scheduled entry); <see cref="ScheduledFor"/> is when it is arranged for now.
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
    /// <summary>When the meeting was last moved: a reply given before then was for the old date, and is asked again.</summary>
    public DateTimeOffset? LastMovedAt { get; set; }
    public List<MeetingInvitee> Invitees { get; set; } = [];
    /// <summary>Each move and the cancellation, oldest first once ordered by <see cref="MeetingChangeRecord.ChangedAt"/>.</summary>
    public List<MeetingChangeRecord> Changes { get; set; } = [];

    /// <summary>When the meeting was first arranged for: before its first move, if it was moved.</summary>
    public DateTimeOffset FirstArrangedFor => Changes.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).FirstOrDefault()?.WasFor ?? ScheduledFor;

    /// <summary>Whether this invitee's reply stands for the meeting as it is arranged now: one given before the meeting was moved does not.</summary>
    public bool ReplyStands(MeetingInvitee invitee) => invitee.Reply is not null && (LastMovedAt is not { } moved || invitee.RepliedAt > moved);
}

/// <summary>A meeting moved or cancelled: what it was arranged for until then, when to, why, by whom and when. Never changed once written.</summary>
public sealed class MeetingChangeRecord
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public MeetingChange Change { get; set; }
    public DateTimeOffset WasFor { get; set; }
    public DateTimeOffset? MovedTo { get; set; }
    public string Reason { get; set; } = "";
    public Guid ByProfessionalId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? EntryId { get; set; }
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
        b.HasMany(x => x.Changes).WithOne().HasForeignKey(x => x.MeetingId);
        b.Ignore(x => x.FirstArrangedFor);
    }
}

internal sealed class MeetingChangeConfiguration : IEntityTypeConfiguration<MeetingChangeRecord>
{
    public void Configure(EntityTypeBuilder<MeetingChangeRecord> b)
    {
        b.ToTable("meeting_changes");
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.ByProfessionalId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.EntryId);
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
