using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Sharing;

/// <summary>
/// An escalation whose cause has since been dealt with is no longer waiting for its manager: an overdue
/// acknowledgement once the information is acknowledged; an overdue action once it is done, handed on, withdrawn or
/// given to someone else; an absence once the absent person owns no open action. Each is marked once, with when and
/// what settled it (<see cref="Notification.CauseSettledAt"/>); the escalation itself stays as it was, in the inbox's
/// history. One handled by a manager is left as they handled it.
/// </summary>
public static class EscalationCauses
{
    /// <summary>Marks the partnership's escalations still waiting whose cause is gone; returns how many. The caller saves.</summary>
    public static async Task<int> SettleAsync(ChronicleDb db, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        var kinds = Notification.EscalationKinds.ToList();
        var waiting = await db.Notifications
            .Where(n => n.PartnershipId == partnershipId && kinds.Contains(n.Kind) && n.HandledAt == null && n.CauseSettledAt == null)
            .ToListAsync(ct);
        if (waiting.Count == 0) return 0;

        var about = waiting.Where(n => n.Kind == NotificationKind.AcknowledgementOverdue).Select(n => n.AboutNotificationId).OfType<Guid>().Distinct().ToList();
        var acknowledged = await db.Notifications.AsNoTracking().Where(n => about.Contains(n.Id) && n.AcknowledgedAt != null)
            .ToDictionaryAsync(n => n.Id, n => n.AcknowledgedAt!.Value, ct);

        var actionIds = waiting.Where(n => n.Kind == NotificationKind.ActionOverdue).Select(n => n.ActionId).OfType<Guid>().Distinct().ToList();
        var changes = (await db.ActionChanges.AsNoTracking()
                .Where(c => actionIds.Contains(c.ActionId) && c.Type != ActionChangeType.Escalated && c.Type != ActionChangeType.Created && c.Type != ActionChangeType.Corrected)
                .ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToLookup(c => c.ActionId);

        var absenceEntries = waiting.Where(n => n.Kind == NotificationKind.ActionsNeedReassigning).Select(n => n.EntryId).OfType<Guid>().Distinct().ToList();
        var absent = (await db.Entries.AsNoTracking().Where(e => absenceEntries.Contains(e.Id)).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => DetailsReader.ReadStored(e.Kind, e.Details) is StaffAbsence a ? a.ProfessionalId : (Guid?)null);
        var absentIds = absent.Values.OfType<Guid>().Distinct().ToList();
        var stillOwning = (await db.Actions.AsNoTracking().Where(a => a.OwnerProfessionalId != null && absentIds.Contains(a.OwnerProfessionalId.Value) && a.Status == ActionStatus.Open)
            .Select(a => a.OwnerProfessionalId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

        var settled = 0;
        foreach (var n in waiting)
        {
            (DateTimeOffset At, string Because)? cause = n.Kind switch
            {
                NotificationKind.AcknowledgementOverdue when n.AboutNotificationId is { } item && acknowledged.TryGetValue(item, out var at) =>
                    (at, $"The information was acknowledged on {Day(at)}"),
                // The first thing that happened to the action after it was escalated: done, handed on, withdrawn, reassigned.
                NotificationKind.ActionOverdue when n.ActionId is { } action && changes[action].FirstOrDefault(c => c.At >= n.CreatedAt) is { } change =>
                    (change.At, $"The action was {Words(change.Type)} on {Day(change.At)}"),
                NotificationKind.ActionsNeedReassigning when n.EntryId is { } entry && absent.GetValueOrDefault(entry) is { } person && !stillOwning.Contains(person) =>
                    (now, $"No open action of theirs was left to reassign on {Day(now)}"),
                _ => null,
            };
            if (cause is not { } found) continue;
            n.CauseSettledAt = found.At;
            n.CauseSettled = found.Because;
            settled++;
        }
        return settled;
    }

    private static string Day(DateTimeOffset at) => WorkingDayCalendar.UkDate(at).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Words(ActionChangeType type) => type switch
    {
        ActionChangeType.Done => "done",
        ActionChangeType.HandedOn => "handed on",
        ActionChangeType.Withdrawn => "withdrawn",
        _ => "reassigned",
    };
}
