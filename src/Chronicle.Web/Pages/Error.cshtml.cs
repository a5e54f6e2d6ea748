using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool PageNotFound { get; private set; }

    public void OnGet(int? status) => PageNotFound = status == StatusCodes.Status404NotFound;
}
