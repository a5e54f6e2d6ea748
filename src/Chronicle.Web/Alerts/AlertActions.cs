using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>
/// What acting on a family event's alerts came to: done, refused with errors by field, or not found (an id the user
/// may not see). A resolve the record does not yet answer is not an error: <paramref name="StillOpenFor"/> names the
/// children whose alert stays open, and <paramref name="ResolvedFor"/> those it was resolved for.
/// </summary>
public sealed record AlertActionResult(bool NotFound, bool Forbidden, IReadOnlyList<FieldError> Errors, IReadOnlyList<string>? StillOpenFor = null, IReadOnlyList<string>? ResolvedFor = null)
{
    public bool Succeeded => !NotFound && !Forbidden && Errors.Count == 0;
}

/// <summary>
/// Acknowledging, resolving, escalating or closing the alerts of one family event from a list, as plain forms that
/// need no script. Every id posted is checked against the user's access (one they may not see is answered as if it
/// did not exist); a refusal names the field on the list it is about: the action's button (<c>resolve-{id}</c>) or
/// its reason (<c>escalate-reason-{id}</c>), where <c>{id}</c> is the first alert of the group.
/// </summary>
public static class AlertActions
{
    public const string Acknowledge = "acknowledged";
    public const string Resolve = "resolved";
    public const string Escalate = "escalated";
    public const string Close = "closed";

    /// <summary>The most alerts one action takes: one family event's, one per child.</summary>
    public const int MaxAlerts = 20;

    public static async Task<AlertActionResult> ActAsync(string action, IReadOnlyList<Guid> ids, string? reason, Guid partnershipId, SignedInUser user,
        ChronicleDb db, ChildAccess access, RecordAudit audit, AlertService alerts, CancellationToken ct)
    {
        if (ids.Count == 0 || ids.Count > MaxAlerts) return new(true, false, []);
        var lead = ids[0];
        var distinct = ids.Distinct().ToList();
        var found = await db.Alerts.AsNoTracking().Where(a => a.PartnershipId == partnershipId && distinct.Contains(a.Id)).ToListAsync(ct);
        if (found.Count != distinct.Count) return new(true, false, []);
        var throughBreakGlass = new List<Guid>();
        foreach (var child in found.Select(a => a.SubjectPersonId).Distinct())
        {
            if (await access.ChildAsync(child, ct) is not { } visible)
            {
                await audit.AppendAsync(AuditAction.Read, child, "refused: alert action on a child not visible", ct: ct);
                return new(true, false, []);
            }
            if (visible.Basis == Core.Security.AccessBasis.BreakGlass) throughBreakGlass.Add(child);
        }
        // Emergency access reads and records; it does not act on alerts (docs/security.md, "Break glass").
        if (throughBreakGlass.Count > 0)
        {
            foreach (var child in throughBreakGlass) await audit.AppendAsync(AuditAction.Denied, child, "refused: break glass does not act on alerts", ct: ct);
            return new(false, true, []);
        }
        if (action == Close && !ChildAlertsViewComponent.MayClose(user)) return new(false, true, []);
        var names = await Core.Chronology.ChronologyReader.NamesAsync(db, partnershipId, found.Select(a => a.SubjectPersonId), [], ct);
        var title = SafeguardCatalogue.Find(found[0].SafeguardId)?.Title ?? found[0].SafeguardId;
        var about = $"{title} about {AlertText.List([.. found.Select(a => names.Person(a.SubjectPersonId)).Distinct()])}";
        var field = action switch { Escalate => $"escalate-reason-{lead}", Close => $"close-reason-{lead}", Resolve => $"resolve-{lead}", _ => $"acknowledge-{lead}" };
        if (user.Professional is not { } me) return new(false, false, [new FieldError(field, "Only a professional can act on an alert")]);
        if (action is Escalate or Close && string.IsNullOrWhiteSpace(reason))
            return new(false, false, [new FieldError(field, action == Escalate
                ? $"Enter why {about} is being escalated to the owner's manager"
                : $"Enter why {about} is being closed without the action it asked for")]);
        if (reason?.Length > Pages.Alerts.CloseModel.MaxReasonLength)
            return new(false, false, [new FieldError(field, $"The reason must be {Pages.Alerts.CloseModel.MaxReasonLength} characters or fewer")]);

        var open = found.Where(a => a.IsOpen).ToList();
        if (open.Count == 0) throw new WriteConflictException($"{about} is already settled: nothing you sent was saved");
        var errors = new List<FieldError>();
        if (action == Resolve)
        {
            // Each child's record is checked on its own: what is on record for one child resolves that child's alert;
            // for a child whose record does not yet show it, the alert stays open, which is an answer, not an error.
            var declined = new List<string>();
            var resolved = new List<string>();
            foreach (var alert in open)
            {
                var outcome = await alerts.ResolveAsync(partnershipId, alert.Id, ct);
                if (outcome.Succeeded)
                {
                    resolved.Add(names.Person(alert.SubjectPersonId));
                    await audit.AppendAsync(AuditAction.Write, alert.SubjectPersonId, $"alert {alert.Id} resolved", ct: ct);
                }
                else declined.Add(names.Person(alert.SubjectPersonId));
            }
            return new(false, false, [], declined, resolved);
        }

        // The others act on every alert of the event or on none.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var alert in open)
        {
            var outcome = action switch
            {
                Escalate => await alerts.EscalateAsync(partnershipId, alert.Id, me.Id, reason, ct),
                Close => await alerts.CloseAsync(partnershipId, alert.Id, me.Id, reason, ct),
                _ => await alerts.AcknowledgeAsync(partnershipId, alert.Id, me.Id, ct),
            };
            if (!outcome.Succeeded)
                errors.AddRange(outcome.Errors.Select(e => new FieldError(field, e.Field == "reason" ? e.Message : $"{title} about {names.Person(alert.SubjectPersonId)}: {e.Message}")));
        }
        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(false, false, [.. errors.DistinctBy(e => e.Message)]);
        }
        await tx.CommitAsync(ct);
        foreach (var alert in open) await audit.AppendAsync(AuditAction.Write, alert.SubjectPersonId, $"alert {alert.Id} {action}", ct: ct);
        return new(false, false, []);
    }
}
