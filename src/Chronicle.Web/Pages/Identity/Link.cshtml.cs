using Chronicle.Core.Audit;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Identity;

/// <summary>
/// What an upload tells the uploader: the rows read, those unchanged since an earlier run, those that added to people
/// the uploader works with, and the rest, which went to the front door's linking (a match to a record the uploader may
/// not see, a possible match for the review queue, or a new person) without saying which: the counts never tell
/// whether someone hidden from the uploader is on record.
/// </summary>
public sealed record LinkReport(int Rows, int Unchanged, int Visible, int ForFrontDoor)
{
    public string Describe() =>
        $"{Rows} rows read: {Unchanged} unchanged since an earlier run, {Visible} added to people you work with, and {ForFrontDoor} for the front door to link " +
        "(each is matched to someone on record, put in the review queue, or recorded as a new person)";
}

/// <summary>
/// Uploading an agency's list (CSV or FHIR R4 Patients) to link it, as `chronicle link` does. The list is always the
/// uploader's own agency's: nothing in the form or the file names another. Every fact it adds to someone already on
/// record is audited against that person and every child they concern, whether or not the uploader may see them.
/// </summary>
[Permission(Permissions.ResolveIdentity)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class LinkModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, LinkService links, ChildAccess access, RecordAudit audit) : PageModel
{
    public const long MaxBytes = 50 * 1024 * 1024;

    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    /// <summary>The uploader's own agency, whose list this is.</summary>
    public (Guid Id, string Name)? Agency { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public LinkReport? Report { get; private set; }
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new List<string>();
        if (Agency is null) errors.Add("Your account belongs to no agency in this partnership, so there is no list of yours to link");
        if (Upload is null || Upload.Length == 0) errors.Add("Choose the file to link");
        else if (Upload.Length > MaxBytes) errors.Add("The file is larger than 50 MB: split it, or link it with `chronicle link`");
        if (errors.Count > 0) return Refuse(errors);
        string text;
        using (var reader = new StreamReader(Upload!.OpenReadStream())) text = await reader.ReadToEndAsync(ct);
        var read = AgencyListReader.Read(Upload.FileName, text);
        if (!read.Succeeded) return Refuse([.. read.Errors.Take(50).Select(e => $"{e.Field}: {e.Message}")]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var summary = await links.LinkAsync(partnership.Id, Agency!.Value.Id, read.Value!.Rows, null, ct);
        var visible = 0;
        foreach (var person in summary.AddedTo.Distinct())
        {
            var rows = summary.AddedTo.Count(p => p == person);
            if (await access.MaySeePersonAsync(person, ct)) visible += rows;
            // A fact added is a write to that person's record, and to the record of every child they concern.
            var subjects = await Family.ChildrenConcernedAsync(db, [person], ct);
            subjects.Add(person);
            foreach (var subject in subjects.Order()) await audit.AppendAsync(AuditAction.Write, subject, "agency list linked", ct: ct);
        }
        await tx.CommitAsync(ct);
        Report = new LinkReport(summary.Rows, summary.Unchanged, visible, summary.Rows - summary.Unchanged - visible);
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
        await partnership.FindAsync(ct);
        var own = (await user.RequireAsync(ct)).Agency?.Id;
        Agency = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership.Id && a.Id == own).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct) is { } a ? (a.Id, a.Name) : null;
    }
}
