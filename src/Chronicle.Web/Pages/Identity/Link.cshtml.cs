using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Identity;

/// <summary>Uploading an agency's list (CSV or FHIR R4 Patients) to link it, as `chronicle link` does.</summary>
[Permission(Permissions.ResolveIdentity)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class LinkModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, LinkService links) : PageModel
{
    public const long MaxBytes = 50 * 1024 * 1024;

    [BindProperty] public Guid? AgencyId { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public LinkSummary? Summary { get; private set; }
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new List<string>();
        if (AgencyId is null) errors.Add("Whose list is it: select your agency");
        else if (Agencies.All(a => a.Id != AgencyId)) errors.Add("Whose list is it: you can only link your own agency's list");
        if (Upload is null || Upload.Length == 0) errors.Add("Choose the file to link");
        else if (Upload.Length > MaxBytes) errors.Add("The file is larger than 50 MB: split it, or link it with `chronicle link`");
        if (errors.Count > 0) return Refuse(errors);
        string text;
        using (var reader = new StreamReader(Upload!.OpenReadStream())) text = await reader.ReadToEndAsync(ct);
        var read = AgencyListReader.Read(Upload.FileName, text);
        if (!read.Succeeded) return Refuse([.. read.Errors.Take(50).Select(e => $"{e.Field}: {e.Message}")]);
        Summary = await links.LinkAsync(partnership.Id, AgencyId!.Value, read.Value!.Rows, null, ct);
        Warnings = read.Value.Warnings;
        return Page();
    }

    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ViewData["Partnership"] = (await partnership.FindAsync(ct))?.Name;
        // An agency links its own list only: the uploader's agency is the one offered and the one accepted.
        var own = (await user.RequireAsync(ct)).Agency?.Id;
        Agencies = [.. (await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership.Id && a.Id == own).ToListAsync(ct)).Select(a => (a.Id, a.Name))];
    }
}
