using Chronicle.Core.Delivery;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;

namespace Chronicle.Core.Sharing;

/// <summary>
/// Puts a notification in an inbox and, when it asks something of the recipient, its email in the outbox, in the
/// caller's transaction. Emails say only that there is something to read: case details stay in Chronicle, where
/// access is checked and recorded (Caldicott principles 3 and 4).
/// </summary>
internal static class Notifier
{
    public static Notification Send(ChronicleDb db, Notification notification, string? email, DateTimeOffset now)
    {
        db.Notifications.Add(notification);
        if (!string.IsNullOrWhiteSpace(email) && (notification.Kind != NotificationKind.EntryShared || notification.NeedsAcknowledgement))
            Outbox.Enqueue(db, notification.PartnershipId, notification.Id, email, Subject(notification), Body(notification), now);
        return notification;
    }

    private static string Subject(Notification n) => "Chronicle: " + n.Kind switch
    {
        NotificationKind.EntryShared => "information shared with you needs acknowledging",
        NotificationKind.AcknowledgementOverdue => "shared information not acknowledged in time",
        NotificationKind.ActionAssigned => "an action has been assigned to you",
        NotificationKind.ActionOverdue => "an action is overdue",
        NotificationKind.ActionsNeedReassigning => "actions may need reassigning during an absence",
        NotificationKind.ActionReassigned => "an action has been reassigned to you",
        _ => "a new item in your inbox",
    };

    private static string Body(Notification n)
    {
        var due = n.DueAt is { } at ? $" by {WorkingDayCalendar.UkDate(at):d MMMM yyyy}" : "";
        var line = n.Kind switch
        {
            NotificationKind.EntryShared => $"Information has been shared with you that you need to acknowledge{due}.",
            NotificationKind.AcknowledgementOverdue => "Someone you manage has not acknowledged information shared with them by the time it was due.",
            NotificationKind.ActionAssigned => "An action has been assigned to you.",
            NotificationKind.ActionOverdue => "An action owned by someone you manage, or with no owner, is past its due date.",
            NotificationKind.ActionsNeedReassigning => "Someone you manage is recorded as absent and owns open actions that may need reassigning.",
            NotificationKind.ActionReassigned => "An action has been reassigned to you.",
            _ => "There is a new item in your inbox.",
        };
        return $"""
            {line}

            Sign in to Chronicle and open your inbox to read it. For the family's privacy this email contains no details of the case.

            Reference: {n.Id}
            """;
    }
}
