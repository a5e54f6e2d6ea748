using Chronicle.Core.Persistence;
using Chronicle.Core.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Delivery;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the notification it announces, so that one is
/// never saved without the other. A worker claims it with a token and a lease, sends it, then marks it sent; a
/// worker that dies mid-send leaves the lease to expire and the message is claimed again.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid? NotificationId { get; set; }
    /// <summary>The Message-ID the email carries on every attempt, so that a resend replaces rather than duplicates.</summary>
    public required string MessageId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>How many times it has been claimed: a message that kills its worker every time still runs out of attempts.</summary>
    public int Attempts { get; set; }
    public string? ClaimToken { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Adds messages to the outbox; the caller's SaveChanges writes them with whatever they announce.</summary>
public static class Outbox
{
    public static OutboxMessage Enqueue(ChronicleDb db, Guid partnershipId, Guid? notificationId, string to, string subject, string body, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var message = new OutboxMessage
        {
            Id = id, PartnershipId = partnershipId, NotificationId = notificationId, MessageId = $"{id:N}@chronicle",
            ToAddress = to.Trim(), Subject = subject, Body = body, CreatedAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasOne<Notification>().WithMany().HasForeignKey(x => x.NotificationId);
        b.HasIndex(x => x.MessageId).IsUnique();
    }
}
