using Chronicle.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages;

/// <summary>The one error page: it says what kind of problem there was and nothing internal.</summary>
[Permission(Permissions.Anonymous)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(CurrentUser currentUser) : PageModel
{
    public int Status { get; private set; }
    public bool PageNotFound => Status == StatusCodes.Status404NotFound;
    /// <summary>The child id of a record link that was not found, for the break-glass offer (shown whether or not the child exists).</summary>
    public Guid? ChildLink { get; private set; }
    /// <summary>A form's fields refused by the input limits (a 400), named for the error summary.</summary>
    public IReadOnlyList<Core.Validation.FieldError> RefusedFields { get; private set; } = [];

    public Task OnGetAsync(int? status) => ShowAsync(status);

    // A POST that fails is shown the same page.
    public Task OnPostAsync(int? status) => ShowAsync(status);

    private async Task ShowAsync(int? status)
    {
        Status = status ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Items[Api.RequestLimits.RefusedFormFields] is IReadOnlyList<Core.Validation.FieldError> refused)
        {
            RefusedFields = refused;
            ViewData["HasErrors"] = true;
        }
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        if (PageNotFound && original is { } path && path.StartsWith("/children/", StringComparison.Ordinal)
            && Guid.TryParse(path["/children/".Length..].Split('/')[0], out var id)
            && await currentUser.GetAsync(HttpContext.RequestAborted) is { WorksWithChildren: true })
            ChildLink = id;
    }
}
