using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Children;

/// <summary>A child's case opened for a page: the partnership, the child as the user may see them, and the user.</summary>
public sealed record CaseOpen(Guid PartnershipId, VisibleChild Child, Person Person, SignedInUser User)
{
    public Guid ChildId => Person.Id;
    /// <summary>The user's professional: a user who may see a child is always one (<see cref="SignedInUser.WorksWithChildren"/>).</summary>
    public Guid Me => User.Professional!.Id;
    /// <summary>Whether the user reads this child only through break glass: a page shows what is recorded and offers no case work.</summary>
    public bool ThroughBreakGlass => Child.Basis == Core.Security.AccessBasis.BreakGlass;
}

/// <summary>A page about one child, the child's id in its route: <see cref="Case"/> is opened by <see cref="OpenChildFilter"/> before any handler runs.</summary>
public abstract class ChildPageModel : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>The child's case as the user may see it.</summary>
    public CaseOpen Case { get; internal set; } = null!;
    public string ChildName => Case.Person.DisplayName;
}

/// <summary>A page in a child's folder whose subject is not opened by <see cref="OpenChildFilter"/>: it has its own rule for who may see it (said where it is used).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OwnAccessRuleAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>
/// The one way a page opens the child its route names (<c>{id}</c>): the user's partnership, the child as
/// <see cref="ChildAccess"/> lets the user see them, and the child's record. A child the user may not see, or one that
/// does not exist, is a 404 with nothing in it (never a 403, which would say that the child exists), and the attempt is
/// audited; otherwise the page finds the case in <see cref="ChildPageModel.Case"/> and on the request
/// (<c>HttpContext.Features.Get&lt;CaseOpen&gt;()</c>). Each page appends its own read to the audit, saying what it read.
/// </summary>
public sealed class OpenChildFilter(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit) : IAsyncPageFilter
{
    /// <summary>The folders of pages about one child, each applied this filter by <see cref="AddChildPageConventions"/>.</summary>
    public static readonly IReadOnlyList<string> Folders = ["/Children", "/TeamAroundChild", "/Recording"];

    public static void AddChildPageConventions(PageConventionCollection conventions)
    {
        foreach (var folder in Folders)
            conventions.AddFolderApplicationModelConvention(folder, model =>
            {
                var routed = model.ActionDescriptor.AttributeRouteInfo?.Template?.Contains("{id", StringComparison.Ordinal) == true;
                if (!routed || model.HandlerType.IsDefined(typeof(OwnAccessRuleAttribute), inherit: false)) return;
                if (!typeof(ChildPageModel).IsAssignableFrom(model.ModelType ?? model.HandlerType))
                    throw new InvalidOperationException($"{model.ViewEnginePath} names a child in its route: its model must be a {nameof(ChildPageModel)}, or say its own access rule with [{nameof(OwnAccessRuleAttribute)}].");
                model.Filters.Add(new ServiceFilterAttribute(typeof(OpenChildFilter)));
            });
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var id = Guid.TryParse(context.RouteData.Values["id"]?.ToString(), out var routed) ? routed : (Guid?)null;
        var open = id is { } childId ? await OpenAsync(childId, ct) : null;
        if (open is null)
        {
            await audit.AppendAsync(AuditAction.Denied, id, ct: ct);
            context.Result = new NotFoundResult();
            return;
        }
        http.Features.Set(open);
        if (context.HandlerInstance is ChildPageModel page) page.Case = open;
        await next();
    }

    private async Task<CaseOpen?> OpenAsync(Guid childId, CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return null;
        if (await access.ChildAsync(childId, ct) is not { } child) return null;
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == childId && p.PartnershipId == found.Id, ct);
        if (person is null) return null;
        var user = await currentUser.GetAsync(ct);
        return user?.Professional is null ? null : new CaseOpen(found.Id, child, person, user);
    }
}
