using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>The alerts' API: a child's alerts, the user's own, acknowledging, resolving and closing; the catalogue and the partnership's policy.</summary>
public static class AlertsApi
{
    public static void MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/children/{id:guid}/alerts", ChildAlerts).WithTags("Alerts").Require(Permissions.ReadChild);

        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/mine", Mine).Require(Permissions.MyAlerts);
        alerts.MapPost("/{id:guid}/acknowledge", Acknowledge).WithIdempotency().Require(Permissions.ActOnAlert);
        alerts.MapPost("/{id:guid}/resolve", Resolve).WithIdempotency().Require(Permissions.ActOnAlert);
        alerts.MapPost("/{id:guid}/close", Close).WithIdempotency().Require(Permissions.CloseAlert);

        api.MapGet("/safeguards", Safeguards).WithTags("Safeguards").Require(Permissions.SignedIn);
        var policy = api.MapGroup("/policy").WithTags("Safeguards");
        policy.MapGet("/", Policy).Require(Permissions.SignedIn);
        policy.MapPut("/{key}", ChangePolicy).WithIdempotency().Require(Permissions.SetPolicy);
    }

    private static async Task<Results<Ok<AlertResponse[]>, NotFound>> ChildAlerts(
        Guid id, ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (await access.ChildAsync(id, ct) is not { } child) return TypedResults.NotFound();
        var alerts = await AlertReader.ForChildAsync(db, access, child, partnership.Id, clock.GetUtcNow(), ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(alerts.Select(AlertResponse.Of).ToArray());
    }

    private static async Task<Ok<AlertResponse[]>> Mine(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, TimeProvider clock, CancellationToken ct)
    {
        var mine = await MyAlerts.LoadAsync(db, partnership.Id, await currentUser.RequireAsync(ct), access, clock.GetUtcNow(), ct);
        await audit.ReadAsync([.. mine.Visible.Select(a => a.ChildId).Distinct()], $"my alerts: {mine.Visible.Count}", ct);
        return TypedResults.Ok(mine.Visible.Select(AlertResponse.Of).ToArray());
    }

    private static Task<Results<Ok<AlertResponse>, NotFound, ValidationProblem>> Acknowledge(
        Guid id, AlertService alerts, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, partnership, access, clock, async me => await alerts.AcknowledgeAsync(partnership.Id, id, me, ct), currentUser, ct);

    private static Task<Results<Ok<AlertResponse>, NotFound, ValidationProblem>> Resolve(
        Guid id, AlertService alerts, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, partnership, access, clock, async _ => await alerts.ResolveAsync(partnership.Id, id, ct), currentUser, ct);

    private static Task<Results<Ok<AlertResponse>, NotFound, ValidationProblem>> Close(
        Guid id, CloseAlertInput input, AlertService alerts, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, partnership, access, clock, async me => await alerts.CloseAsync(partnership.Id, id, me, input.Reason, ct), currentUser, ct);

    /// <summary>One action on an alert whose child the user may see, as the signed-in professional; the write is audited against the child.</summary>
    private static async Task<Results<Ok<AlertResponse>, NotFound, ValidationProblem>> ActAsync(
        Guid id, ChronicleDb db, CurrentPartnership partnership, ChildAccess access, TimeProvider clock, Func<Guid, Task<Outcome<Alert>>> act, CurrentUser currentUser, CancellationToken ct)
    {
        var child = await db.Alerts.AsNoTracking().Where(a => a.Id == id && a.PartnershipId == partnership.Id).Select(a => (Guid?)a.SubjectPersonId).FirstOrDefaultAsync(ct);
        if (child is null || await access.ChildAsync(child.Value, ct) is null) return TypedResults.NotFound();
        var me = await currentUser.RequireAsync(ct);
        if (me.Professional is null) return ApiResults.Refused("professionalId", "Only a professional can act on an alert");
        var outcome = await act(me.Professional.Id);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        await access.NoteWriteAboutAsync([child.Value], ct);
        var view = await AlertReader.OneAsync(db, access, id, partnership.Id, clock.GetUtcNow(), ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(AlertResponse.Of(view));
    }

    private static async Task<Ok<SafeguardResponse[]>> Safeguards(ChronicleDb db, CurrentPartnership partnership, PolicyService policy, CancellationToken ct)
    {
        var catalogue = await SafeguardPolicy.LoadAsync(db, policy, partnership.Id, ct);
        return TypedResults.Ok(catalogue.Select(s => s.Response()).ToArray());
    }

    private static async Task<Ok<SettingResponse[]>> Policy(ChronicleDb db, CurrentPartnership partnership, PolicyService policy, CancellationToken ct)
    {
        var catalogue = await SafeguardPolicy.LoadAsync(db, policy, partnership.Id, ct);
        return TypedResults.Ok(catalogue.SelectMany(s => s.Settings).ToArray());
    }

    private static async Task<Results<Ok<PolicyChangeResponse>, ValidationProblem>> ChangePolicy(
        string key, PolicyInput input, PolicyService policy, CurrentPartnership partnership, CurrentUser currentUser, CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (me.Professional is null) return ApiResults.Refused("changedByProfessionalId", "Only a professional can change the policy");
        var outcome = await policy.ChangeAsync(partnership.Id, key, input.Value, me.Professional.Id, input.Reason, ct);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        var change = outcome.Value!;
        return TypedResults.Ok(new PolicyChangeResponse(change.Id, change.Key, change.OldValue, change.NewValue, change.ChangedByProfessionalId, me.Professional.Name, change.ChangedAt, change.Reason));
    }
}
