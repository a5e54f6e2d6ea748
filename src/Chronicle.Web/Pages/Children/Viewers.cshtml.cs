using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Forms;
using Chronicle.Web.GovUk;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>One line of a child's viewing history: who, from which agency, did what to the record, when and from where.</summary>
public sealed record ViewingLine(DateTimeOffset At, string Who, string Agency, AuditAction Action, string What, string? Detail, string? From);

/// <summary>What kind of look at a child's record a line of its viewing history is, to filter by.</summary>
public enum LookKind
{
    /// <summary>Everything but the lists: every look at the record itself, every change, refusal and break glass.</summary>
    Record,
    /// <summary>Every line.</summary>
    All,
    /// <summary>The child's name in a list (the home page's work tray, the reminders): a read of the list, not of the record.</summary>
    Lists,
    /// <summary>A break-glass grant, and everything read through it.</summary>
    BreakGlass,
    /// <summary>Something written about the child.</summary>
    Changes,
    /// <summary>A refusal.</summary>
    Refused,
}

/// <summary>
/// Who has viewed (or changed, or tried to open) a child's record, from the audit: for the lead professional and
/// information governance. Newest first, 50 a page, filtered by who looked, the kind of look and the dates, each
/// filter part of one query over the child's audit lines (ix_audit_entries_subject: the child, then the time). The
/// lists that name the child (a work tray on a home page) are left out unless asked for, and always counted: nothing
/// of the audit is dropped, only filtered in view.
/// </summary>
[Permission(Permissions.ReadViewingHistory)]
[OwnAccessRule("the viewing history's own rule (AccessPolicy.ToViewingHistory, checked by its permission): information governance reads it without seeing the child's record")]
public sealed partial class ViewersModel(ChronicleDb db, CurrentPartnership partnership, RecordAudit audit) : PageModel
{
    public const int PageSize = 50;

    [FromRoute] public Guid Id { get; set; }
    /// <summary>The account whose looks are shown, or everyone's.</summary>
    [FromQuery(Name = "who")] public Guid? Who { get; set; }
    [FromQuery(Name = "look")] public string? Look { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public string Child { get; private set; } = "";
    public LookKind Kind { get; private set; }
    public IReadOnlyList<ViewingLine> Lines { get; private set; } = [];
    /// <summary>The lines the filters match, on every page.</summary>
    public int Total { get; private set; }
    /// <summary>The lines naming the child in a list that the filters leave out (the default leaves every list out).</summary>
    public int ListsLeftOut { get; private set; }
    public int FirstShown { get; private set; }
    public Pagination? Pages { get; private set; }
    /// <summary>Everyone who has looked at the record, by name, to filter by.</summary>
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Filtered => Who is not null || Kind != LookKind.Record || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        var child = found is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id && p.PartnershipId == found.Id, ct);
        if (child is null || found is null) return NotFound();
        Child = child.DisplayName;
        await audit.AppendAsync(AuditAction.Read, Id, "viewing history", ct: ct);

        Kind = KindOf(Look);
        var p = new Problems();
        var from = DateText.Read(From, "from", "The date from", p);
        var to = DateText.Read(To, "to", "The date to", p);
        if (from is { } f && to is { } t && t < f) p.Add("to", "The date to must be the same as or after the date from");
        Kinds = [.. Enum.GetValues<LookKind>().Select(k => new SelectListItem(Describe(k), Code(k), k == Kind))];

        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == found.Id).ToDictionaryAsync(a => a.Id, ct);
        var lookers = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectPersonId == Id && a.UserId != null).Select(a => a.UserId!.Value).Distinct().ToListAsync(ct);
        People = [new SelectListItem("Everyone", "", Who is null),
            .. lookers.Where(accounts.ContainsKey).Select(u => accounts[u]).OrderBy(a => a.DisplayName, StringComparer.CurrentCulture)
                .Select(a => new SelectListItem(a.DisplayName, a.Id.ToString(), a.Id == Who))];
        if (p.Any)
        {
            Errors = p.Errors;
            ViewData["HasErrors"] = true;
            return Page();
        }

        var mine = db.AuditEntries.AsNoTracking().Where(a => a.SubjectPersonId == Id);
        if (Who is { } who) mine = mine.Where(a => a.UserId == who);
        if (from is { } start) { var at = WorkingDayCalendar.StartOfUkDay(start); mine = mine.Where(a => a.At >= at); }
        if (to is { } end) { var before = WorkingDayCalendar.StartOfUkDay(end.AddDays(1)); mine = mine.Where(a => a.At < before); }
        // A look at the record names the child in its address; a list that shows the child does not.
        var (id, upper) = (Id.ToString(), Id.ToString().ToUpperInvariant());
        var lists = mine.Where(a => a.Action == AuditAction.Read && !a.Target.Contains(id) && !a.Target.Contains(upper));
        var shown = Kind switch
        {
            LookKind.All => mine,
            LookKind.Lists => lists,
            LookKind.BreakGlass => mine.Where(a => a.Action == AuditAction.BreakGlass || (a.Action == AuditAction.Read && a.Detail != null && a.Detail.Contains("as BreakGlass"))),
            LookKind.Changes => mine.Where(a => a.Action == AuditAction.Write),
            LookKind.Refused => mine.Where(a => a.Action == AuditAction.Denied),
            _ => mine.Where(a => a.Action != AuditAction.Read || a.Target.Contains(id) || a.Target.Contains(upper)),
        };
        Total = await shown.CountAsync(ct);
        ListsLeftOut = Kind is LookKind.All or LookKind.Lists ? 0 : await lists.CountAsync(ct);
        var pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        FirstShown = (PageNumber - 1) * PageSize + 1;
        var entries = await shown.OrderByDescending(a => a.At).ThenByDescending(a => a.Sequence).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var agencies = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == found.Id)
            .Join(db.Agencies, x => x.AgencyId, a => a.Id, (x, a) => new { x.Id, a.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        Lines = [.. entries.Select(e => new ViewingLine(e.At,
            e.UserId is { } u && accounts.TryGetValue(u, out var account) ? account.DisplayName : "Unknown account",
            e.ProfessionalId is { } x ? agencies.GetValueOrDefault(x, "") : "",
            e.Action, e.Target, e.Detail, e.RemoteAddress))];
        Pages = Pagination.Of(PageNumber, pages, Url, Filters());
        return Page();
    }

    /// <summary>The page's route and its filters, for the pages' links.</summary>
    public RouteValueDictionary Filters(LookKind? kind = null) => new()
    {
        ["id"] = Id, ["who"] = Who, ["look"] = (kind ?? Kind) == LookKind.Record ? null : Code(kind ?? Kind),
        ["from"] = string.IsNullOrWhiteSpace(From) ? null : From.Trim(), ["to"] = string.IsNullOrWhiteSpace(To) ? null : To.Trim(),
    };

    public static string Code(LookKind kind) => kind switch
    {
        LookKind.All => "all",
        LookKind.Lists => "lists",
        LookKind.BreakGlass => "break-glass",
        LookKind.Changes => "changes",
        LookKind.Refused => "refused",
        _ => "record",
    };

    public static LookKind KindOf(string? code) => Enum.GetValues<LookKind>().FirstOrDefault(k => Code(k) == code);

    public static string Describe(LookKind kind) => kind switch
    {
        LookKind.All => "Everything, with the lists that name the child",
        LookKind.Lists => "The child named in a list, such as a work tray",
        LookKind.BreakGlass => "Break-glass access and what was read through it",
        LookKind.Changes => "Changes",
        LookKind.Refused => "Refusals",
        _ => "Every look at the record, change, refusal and break glass",
    };

    /// <summary>The part of the record an audited request was for, in words ("the chronology"), never its address.</summary>
    public static string Part(string target)
    {
        var path = target.Split(' ', 2) is [_, var p] ? p : target;
        var segments = path.Split('?', 2)[0].Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != "children") return path.StartsWith("/api/", StringComparison.Ordinal) ? "the record, through the API" : "the record";
        return segments.Length == 2 ? "the summary" : segments[2] switch
        {
            "chronology" => "the chronology",
            "people" => "the people and household",
            "team" => "the team",
            "plans" => "the plans",
            "meetings" or "meeting" => "the meetings",
            "alerts" => "the alerts",
            "viewers" => "the viewing history",
            "entries" => "an entry",
            "sharing" => "the sharing",
            "supervision" => "the supervision",
            "closure" => "the case's closure",
            "family-workers" => "who is working with the family",
            _ => "the record",
        };
    }

    /// <summary>
    /// An audit line's detail in words: the basis a read was made on ("chronology as BreakGlass") as "with break-glass
    /// access", and a moment ("until 2026-12-06T16:43:41Z") in UK time as every page says it. The audit keeps what it recorded.
    /// </summary>
    public static string? Detail(string? detail)
    {
        if (detail is null) return null;
        if (!detail.Contains("reason:", StringComparison.Ordinal))
            detail = AsBasis().Replace(detail, m => m.Groups[1].Value switch
            {
                "BreakGlass" => "with break-glass access",
                "FrontDoor" => "as the front door",
                "ManagerOfTeamMember" => "as a team member's manager",
                _ => "as a member of the team",
            });
        // What the audit names by id ("alert 01a2...") is said without it ("an alert"): ids mean nothing to a reader.
        detail = Named().Replace(detail, m => $"{("aeiou".Contains(m.Groups[1].Value[0]) ? "an" : "a")} {m.Groups[1].Value}");
        detail = Reminders().Replace(detail, "the reminders");
        return Instant().Replace(detail, m => DateTimeOffset.TryParse(m.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? Display.Time(at) : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b([a-z]+) [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial System.Text.RegularExpressions.Regex Named();

    [System.Text.RegularExpressions.GeneratedRegex(@"\breminders of \d+ of \d+ children\b")]
    private static partial System.Text.RegularExpressions.Regex Reminders();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bas (BreakGlass|FrontDoor|ManagerOfTeamMember|Team)\b")]
    private static partial System.Text.RegularExpressions.Regex AsBasis();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")]
    private static partial System.Text.RegularExpressions.Regex Instant();

    public static string Describe(AuditAction action) => action switch
    {
        AuditAction.Read => "Viewed",
        AuditAction.Write => "Recorded",
        AuditAction.Denied => "Was refused",
        AuditAction.BreakGlass => "Used break-glass access to open",
        _ => action.ToString(),
    };
}
