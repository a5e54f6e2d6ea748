using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Sharing;

public enum NotificationKind
{
    /// <summary>An entry shared with the recipient (a meeting's record included).</summary>
    EntryShared,
    /// <summary>To a manager: someone they manage has not acknowledged shared information in time.</summary>
    AcknowledgementOverdue,
    ActionAssigned,
    /// <summary>To a manager: an action owned by someone they manage is past its due date.</summary>
    ActionOverdue,
    /// <summary>To a manager: someone they manage is absent and owns open actions.</summary>
    ActionsNeedReassigning,
    ActionReassigned,
    /// <summary>To a child's lead professional and to information governance: someone outside the team used break-glass access.</summary>
    BreakGlassUsed,
}

/// <summary>
/// An item in a professional's inbox. For a shared entry it records the share itself: what was shared, with
/// whom, at which sharing level, on what lawful basis, and whether and when the recipient acknowledged it.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid RecipientProfessionalId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid? ChildPersonId { get; set; }
    /// <summary>The entry it is about.</summary>
    public Guid? EntryId { get; set; }
    /// <summary>The information-shared entry that records the share.</summary>
    public Guid? ShareEntryId { get; set; }
    public Guid? ActionId { get; set; }
    /// <summary>For an escalation, the notification that was not acknowledged.</summary>
    public Guid? AboutNotificationId { get; set; }
    /// <summary>What the inbox shows, in words the recipient may see.</summary>
    public required string Title { get; set; }
    public SharingLevel? SharingLevel { get; set; }
    public string? LawfulBasis { get; set; }
    public bool NeedsAcknowledgement { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <remarks>A concurrency token: shared information is acknowledged once.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>The information-acknowledged entry that records the acknowledgement.</summary>
    public Guid? AcknowledgementEntryId { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public Guid? EscalatedToProfessionalId { get; set; }
    /// <summary>
    /// When an escalation was handled: by its recipient, or by another manager the same matter was escalated to.
    /// </summary>
    /// <remarks>A concurrency token: an escalation is handled once.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public DateTimeOffset? HandledAt { get; set; }
    public Guid? HandledByProfessionalId { get; set; }
    /// <summary>What the manager did, in their words: only on the escalation of the one who handled it.</summary>
    public string? HandledNote { get; set; }

    /// <summary>
    /// When what an escalation was about was dealt with without the manager (the information acknowledged, the action
    /// done, handed on or reassigned, the absent person's actions reassigned): it is then no longer waiting to be handled.
    /// </summary>
    public DateTimeOffset? CauseSettledAt { get; set; }
    /// <summary>What dealt with it, in words the manager may read ("Acknowledged on 3 March 2015").</summary>
    public string? CauseSettled { get; set; }

    /// <summary>The kinds that escalate a matter to a manager, for them to handle.</summary>
    public static readonly IReadOnlyList<NotificationKind> EscalationKinds = [NotificationKind.AcknowledgementOverdue, NotificationKind.ActionOverdue, NotificationKind.ActionsNeedReassigning];

    public bool IsEscalation => EscalationKinds.Contains(Kind);

    /// <summary>An escalation no manager has handled and whose cause still stands.</summary>
    public bool AwaitsHandling => IsEscalation && HandledAt is null && CauseSettledAt is null;

    public bool AwaitsAcknowledgement => NeedsAcknowledgement && AcknowledgedAt is null;

    public bool IsOverdue(DateTimeOffset now) => AwaitsAcknowledgement && DueAt < now;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.RecipientProfessionalId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.ChildPersonId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.EntryId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.ShareEntryId);
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.AcknowledgementEntryId);
        b.HasOne<TrackedAction>().WithMany().HasForeignKey(x => x.ActionId);
        b.HasOne<Notification>().WithMany().HasForeignKey(x => x.AboutNotificationId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.EscalatedToProfessionalId);
        b.HasOne<Professional>().WithMany().HasForeignKey(x => x.HandledByProfessionalId);
        b.Ignore(x => x.AwaitsAcknowledgement);
        b.Ignore(x => x.IsEscalation);
        b.Ignore(x => x.AwaitsHandling);
    }
}
