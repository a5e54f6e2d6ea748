using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>The signed-in user holds one of the roles a permission needs.</summary>
public sealed record RoleRequirement(string Description, Func<SignedInUser, bool> Allows) : IAuthorizationRequirement;

/// <summary>What part of the record a route's <c>{id}</c> names, for <see cref="RecordRequirement"/>.</summary>
public enum RecordKind { Child, Person, Entry, Household, ViewingHistory, Alert }

/// <summary>The record the route names is visible to the signed-in user. When it is not, the answer is 404: nobody learns that it exists.</summary>
public sealed record RecordRequirement(RecordKind Kind) : IAuthorizationRequirement;

/// <summary>
/// A write that acts on a child's case, named by the route (the child, or an alert about the child), is not made
/// through break glass: emergency access reads the record and may record what the reader did, but does not act on
/// alerts, change the team, the lead or the plans, share, hold meetings, close the case or decide proposals
/// (docs/security.md, "Break glass"). Reads, and a page marked <see cref="EmergencyAccessMayRecordAttribute"/>, pass;
/// a page marked <see cref="OnlyActsOnCaseAttribute"/> is refused its form too, as there is nothing on it to read.
/// </summary>
public sealed record NotThroughBreakGlassRequirement(RecordKind Kind) : IAuthorizationRequirement;

/// <summary>A page whose writes emergency access may make: recording what the reader did (an entry).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EmergencyAccessMayRecordAttribute : Attribute;

/// <summary>A page that is a form acting on the case (schedule a meeting, start a plan, share): break glass is refused it when read too.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnlyActsOnCaseAttribute : Attribute;

public sealed class NotThroughBreakGlassHandler(ChildAccess access, ChronicleDb db, CurrentUser currentUser, RecordAudit audit) : AuthorizationHandler<NotThroughBreakGlassRequirement>
{
    public const string Refused = "Emergency access reads the record and records what was done; it does not act on the case";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, NotThroughBreakGlassRequirement requirement)
    {
        if (context.Resource is not HttpContext http) return;
        var ct = http.RequestAborted;
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if ((reading && http.GetEndpoint()?.Metadata.GetMetadata<OnlyActsOnCaseAttribute>() is null)
            || http.GetEndpoint()?.Metadata.GetMetadata<EmergencyAccessMayRecordAttribute>() is not null
            || !Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id)
            || await currentUser.GetAsync(ct) is not { } user)
        {
            context.Succeed(requirement);
            return;
        }
        var child = requirement.Kind == RecordKind.Alert
            ? await db.Alerts.AsNoTracking().Where(a => a.Id == id && a.PartnershipId == user.Account.PartnershipId).Select(a => (Guid?)a.SubjectPersonId).FirstOrDefaultAsync(ct)
            : id;
        // A child the user may not see at all is the record requirement's to refuse (as missing); this one only refuses break glass.
        if (child is { } c && await access.ChildAsync(c, ct) is { Basis: AccessBasis.BreakGlass })
        {
            await audit.AppendAsync(AuditAction.Denied, c, "refused: break glass does not act on the case", ct: ct);
            context.Fail(new AuthorizationFailureReason(this, Refused));
            return;
        }
        context.Succeed(requirement);
    }
}

/// <summary>
/// The kinds of entry that act on a child's case rather than record what someone did or saw: plans, meetings,
/// supervision, closure, sharing. Through break glass they are refused, whichever way they are recorded (the entries
/// API, the recording page), as the team's own pages and API for them are (<see cref="NotThroughBreakGlassHandler"/>).
/// </summary>
public static class EmergencyAccess
{
    public static readonly IReadOnlySet<string> CaseKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "plan-started", "plan-reviewed", "plan-ended", "meeting-scheduled", "meeting-held", "supervision", "case-closure",
        "information-shared", "information-acknowledged",
    };

    /// <summary>
    /// Whether an entry of this kind would act on the case of a child the user sees only through break glass: a child
    /// among its subjects (or the entries its details name) seen that way, or an adult seen through no other child.
    /// </summary>
    public static async Task<bool> WouldActOnCaseAsync(ChildAccess access, ChronicleDb db, string? kind, IReadOnlyCollection<Guid> subjects, System.Text.Json.JsonElement? details, CancellationToken ct)
    {
        if (kind is null || !CaseKinds.Contains(kind)) return false;
        var people = new HashSet<Guid>(subjects);
        if (details is { ValueKind: System.Text.Json.JsonValueKind.Object } json && Core.Chronology.EntryKinds.Find(kind) is { } entryKind
            && Core.Chronology.DetailsReader.Read(entryKind, json) is { Succeeded: true } read)
        {
            var entries = Core.Chronology.References.In(read.Value!).Where(r => r.Target == Core.Chronology.ReferenceTarget.Entry).Select(r => r.Id).Distinct().ToList();
            if (entries.Count > 0)
                people.UnionWith(await db.EntrySubjects.AsNoTracking().Where(s => entries.Contains(s.EntryId)).Select(s => s.PersonId).ToListAsync(ct));
        }
        return await OnlyThroughBreakGlassAsync(access, people, ct);
    }

    /// <summary>
    /// Whether a correction of this entry would, through break glass, replace what someone else recorded: emergency
    /// access records what the reader did, and may correct that, but not rewrite another professional's record of a
    /// child (an injury's cause, a medical opinion) that the safeguards and the team read from then on.
    /// </summary>
    public static async Task<bool> WouldRewriteAsync(ChildAccess access, Guid recordedBy, IEnumerable<Guid> subjects, Guid? me, CancellationToken ct) =>
        recordedBy != me && await OnlyThroughBreakGlassAsync(access, subjects, ct);

    /// <summary>Whether one of these people is seen only through break glass: a child of the user's grant, or an adult seen through no other child.</summary>
    public static async Task<bool> OnlyThroughBreakGlassAsync(ChildAccess access, IEnumerable<Guid> people, CancellationToken ct)
    {
        foreach (var person in people)
        {
            var through = await access.ThroughChildrenAsync(person, ct);
            if (through.Count > 0 && through.All(v => v.Basis == AccessBasis.BreakGlass)) return true;
        }
        return false;
    }
}

public sealed class RoleHandler(CurrentUser currentUser) : AuthorizationHandler<RoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (await currentUser.GetAsync() is { } user && requirement.Allows(user)) context.Succeed(requirement);
    }
}

public sealed class RecordHandler(CurrentUser currentUser, ChildAccess access, ChronicleDb db) : AuthorizationHandler<RecordRequirement>
{
    public const string NotVisible = "The record is not visible to this user";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RecordRequirement requirement)
    {
        if (context.Resource is not HttpContext http || await currentUser.GetAsync(http.RequestAborted) is not { } user) return;
        var ct = http.RequestAborted;
        var visible = Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id) && requirement.Kind switch
        {
            RecordKind.Child => await access.ChildOrDecoyAsync(id, ct) is not null,
            RecordKind.Person => await access.MaySeePersonAsync(id, ct),
            RecordKind.Entry => await access.VisibleEntryAsync(id, ct) is not null,
            RecordKind.Household => await access.MaySeeHouseholdAsync(id, ct),
            RecordKind.ViewingHistory => await access.FactsAsync(id, ct) is { } facts && AccessPolicy.ToViewingHistory(user.Viewer, facts),
            RecordKind.Alert => await AlertVisibleAsync(id, user, ct),
            _ => false,
        };
        if (visible) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, NotVisible));
    }

    private async Task<bool> AlertVisibleAsync(Guid id, SignedInUser user, CancellationToken ct)
    {
        var child = await db.Alerts.AsNoTracking().Where(a => a.Id == id && a.PartnershipId == user.Account.PartnershipId)
            .Select(a => (Guid?)a.SubjectPersonId).FirstOrDefaultAsync(ct);
        return child is { } c && await access.ChildAsync(c, ct) is not null;
    }
}

/// <summary>
/// How a refusal is answered: a record the user may not see is a plain 404 with nothing in it (and the attempt is
/// audited), exactly as if it did not exist; everything else as usual (sign in, or 403).
/// </summary>
public sealed class HiddenRecordResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is RecordHandler) == true)
        {
            var subject = Guid.TryParse(context.GetRouteValue("id")?.ToString(), out var id) ? id : (Guid?)null;
            // A refused look at an alert is a refused look at its child's record.
            if (subject is { } alertId && policy.Requirements.OfType<RecordRequirement>().Any(r => r.Kind == RecordKind.Alert))
                subject = await AlertChildAsync(context, alertId);
            await context.RequestServices.GetRequiredService<RecordAudit>().AppendAsync(AuditAction.Denied, subject, ct: context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static async Task<Guid?> AlertChildAsync(HttpContext context, Guid alertId)
    {
        if (await context.RequestServices.GetRequiredService<CurrentUser>().GetAsync(context.RequestAborted) is not { } user) return null;
        return await context.RequestServices.GetRequiredService<ChronicleDb>().Alerts.AsNoTracking()
            .Where(a => a.Id == alertId && a.PartnershipId == user.Account.PartnershipId).Select(a => (Guid?)a.SubjectPersonId).FirstOrDefaultAsync(context.RequestAborted);
    }
}

/// <summary>The policies behind <see cref="Permissions"/>.</summary>
public static class Authorization
{
    public static void AddChroniclePolicies(this AuthorizationBuilder auth)
    {
        auth.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        auth.AddPolicy(Permissions.Anonymous, p => p.RequireAssertion(_ => true));
        auth.AddPolicy(Permissions.SignedIn, p => p.RequireAuthenticatedUser());
        auth.AddPolicy(Permissions.ListChildren, p => p.RequireAuthenticatedUser());
        auth.AddPolicy(Permissions.ReadChild, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Child)));
        auth.AddPolicy(Permissions.ReadPerson, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Person)));
        auth.AddPolicy(Permissions.ReadEntry, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Entry)));
        auth.AddPolicy(Permissions.ReadHousehold, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Household)));
        auth.AddPolicy(Permissions.ReadViewingHistory, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.ViewingHistory)));
        auth.AddPolicy(Permissions.WriteRecord, p => p.RequireAuthenticatedUser().AddRequirements(WorksWithChildren));
        auth.AddPolicy(Permissions.BreakGlass, p => p.RequireAuthenticatedUser().AddRequirements(WorksWithChildren));
        auth.AddPolicy(Permissions.ReadBreakGlassLog, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("information governance", u => u.Viewer.Has(Role.InformationGovernance))));
        auth.AddPolicy(Permissions.WorkOnCase, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Child), new NotThroughBreakGlassRequirement(RecordKind.Child)));
        auth.AddPolicy(Permissions.OwnWork, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("an account of a professional", u => u.Professional is not null)));
        auth.AddPolicy(Permissions.ManageStaff, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("a team manager or conference chair", u => u.Viewer.Has(Role.TeamManager) || u.Viewer.Has(Role.ConferenceChair))));
        auth.AddPolicy(Permissions.Administer, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("administrator", u => u.Viewer.Has(Role.Administrator))));
        auth.AddPolicy(Permissions.ActOnAlert, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Alert), new NotThroughBreakGlassRequirement(RecordKind.Alert)));
        auth.AddPolicy(Permissions.CloseAlert, p => p.RequireAuthenticatedUser().AddRequirements(new RecordRequirement(RecordKind.Alert), new NotThroughBreakGlassRequirement(RecordKind.Alert),
            new RoleRequirement("team manager or conference chair", Alerts.ChildAlertsViewComponent.MayClose)));
        auth.AddPolicy(Permissions.MyAlerts, p => p.RequireAuthenticatedUser().AddRequirements(WorksWithChildren));
        auth.AddPolicy(Permissions.AlertsOverview, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("team manager, conference chair or business unit", Alerts.AlertsSetup.MaySeeOverview)));
        auth.AddPolicy(Permissions.SetPolicy, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("business unit", Alerts.SafeguardPolicy.MaySet)));
        auth.AddPolicy(Permissions.ReadLearning, p => p.RequireAuthenticatedUser());
        // A briefing is for practitioners (docs/learning.md): those who run the cycle or hold no practice role do not answer it.
        auth.AddPolicy(Permissions.GiveBriefingFeedback, p => p.RequireAuthenticatedUser().AddRequirements(WorksWithChildren));
        auth.AddPolicy(Permissions.WriteLearning, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("business unit or reviewer", Learning.LearningAccess.Manages)));
        auth.AddPolicy(Permissions.ScrutiniseLearning, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("reviewer, business unit or team manager", u => u.Viewer.Has(Role.Reviewer) || u.Viewer.Has(Role.BusinessUnit) || u.Viewer.Has(Role.TeamManager))));
        auth.AddPolicy(Permissions.ResolveIdentity, p => p.RequireAuthenticatedUser().AddRequirements(
            new RoleRequirement("front door", u => u.Viewer.Has(Role.FrontDoor))));
    }

    private static readonly RoleRequirement WorksWithChildren = new("a role that works with children", u => u.WorksWithChildren);
}
