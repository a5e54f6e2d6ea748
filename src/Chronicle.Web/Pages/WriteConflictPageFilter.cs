using Chronicle.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages;

/// <summary>
/// A form whose write lost to someone else's (the alert was closed, the meeting recorded, the entry corrected a moment
/// before) is not a failure page: the page is shown again as it now is, with what changed and that nothing was saved.
/// </summary>
public sealed class WriteConflictPageFilter(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public const string Key = "WriteConflict";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var conflict = executed.Exception switch
        {
            WriteConflictException c => c,
            DbUpdateException e => Writes.Conflict(e),
            _ => null,
        };
        if (conflict is null) return;
        context.HttpContext.RequestServices.GetRequiredService<ChronicleDb>().ChangeTracker.Clear();
        tempData.GetTempData(context.HttpContext)[Key] = conflict.Message;
        executed.ExceptionHandled = true;
        var request = context.HttpContext.Request;
        executed.Result = new RedirectResult($"{request.PathBase}{request.Path}{request.QueryString}");
    }
}
