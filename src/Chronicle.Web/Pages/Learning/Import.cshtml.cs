using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning;

/// <summary>Importing a learning document (pasted, or a .txt file) as a draft review for a person to check before it is confirmed.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class ImportModel(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    public const int MaxFileBytes = 1024 * 1024;

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await StartAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        string? text = Text;
        string? source = null;
        if (Upload is { Length: > 0 } file)
        {
            if (!file.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                return Refused("file", "The file must be a text file (.txt)");
            if (file.Length > MaxFileBytes)
                return Refused("file", "The file must be smaller than 1 MB");
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
            source = Path.GetFileName(file.FileName);
            // A file's name and text are held to the limits of the same fields pasted into the form (docs/security.md, "Input limits").
            if (TextLimits.Problem(source, TextKind.Name, "The file's name") is { } badName) return Refused("file", badName);
            if (TextLimits.Problem(text, TextKind.Document, "The file") is { } badText) return Refused("file", badText);
        }
        else if (!string.IsNullOrWhiteSpace(Text) && !string.IsNullOrWhiteSpace(Request.Form["source"]))
        {
            source = Request.Form["source"].ToString().Trim();
        }
        if (string.IsNullOrWhiteSpace(text)) return Refused("text", "Paste the document's text or choose a .txt file");
        var imported = BriefImporter.Import(text);
        if (!imported.Succeeded) return Refused("text", imported.Errors[0].Message);
        var review = await DraftReviews.CreateAsync(Db, Clock, PartnershipId, imported.Value!, source, ct);
        return RedirectToPage("/Learning/Reviews/Draft", new { id = review.Id, done = Saved.Imported });
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(string field, string message)
    {
        Refuse([new FieldError(field, message)]);
        return Page();
    }
}
