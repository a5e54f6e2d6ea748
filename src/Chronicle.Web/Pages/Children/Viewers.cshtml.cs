using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Web.Children;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>One line of a child's viewing history: who, from which agency, did what to the record, when and from where.</summary>
public sealed record ViewingLine(DateTimeOffset At, string Who, string Agency, AuditAction Action, string What, string? Detail, string? From);

/// <summary>Who has viewed (or changed, or tried to open) a child's record, from the audit: for the lead professional and information governance.</summary>
[Permission(Permissions.ReadViewingHistory)]
[OwnAccessRule("the viewing history's own rule (AccessPolicy.ToViewingHistory, checked by its permission): information governance reads it without seeing the child's record")]
public sealed partial class ViewersModel(ChronicleDb db, CurrentPartnership partnership, RecordAudit audit) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public string Child { get; private set; } = "";
    public IReadOnlyList<ViewingLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        var child = found is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id && p.PartnershipId == found.Id, ct);
        if (child is null || found is null) return NotFound();
        Child = child.DisplayName;
        await audit.AppendAsync(AuditAction.Read, Id, "viewing history", ct: ct);

        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectPersonId == Id).OrderByDescending(a => a.Sequence).Take(500).ToListAsync(ct);
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == found.Id).ToDictionaryAsync(a => a.Id, ct);
        var agencies = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == found.Id)
            .Join(db.Agencies, p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, a.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        Lines = [.. entries.Select(e => new ViewingLine(e.At,
            e.UserId is { } u && accounts.TryGetValue(u, out var account) ? account.DisplayName : "Unknown account",
            e.ProfessionalId is { } p ? agencies.GetValueOrDefault(p, "") : "",
            e.Action, e.Target, e.Detail, e.RemoteAddress))];
        return Page();
    }

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
