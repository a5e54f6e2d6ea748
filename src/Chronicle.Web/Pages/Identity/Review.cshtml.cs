using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Identity;

/// <summary>What each side says, for comparing: a name, date of birth, sex, NHS numbers and addresses.</summary>
public sealed record Side(string Heading, string Name, string Born, string Sex, IReadOnlyList<string> NhsNumbers, IReadOnlyList<string> Addresses, IReadOnlyList<string> OtherNames);

/// <summary>One item of the review queue, side by side with its candidates; the front door or a manager decides.</summary>
[Permission(Permissions.ResolveIdentity)]
public sealed class ReviewModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, LinkService links, RecordAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Choice { get; set; }

    public IdentityReview? Item { get; private set; }
    public Side? Submitted { get; private set; }
    public IReadOnlyList<(ReviewCandidate Candidate, Side Side)> Candidates { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Redirect("/identity/reviews");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/identity/reviews");
        var me = await user.RequireAsync(ct);
        Guid? chosen = Choice == "new" ? null : Guid.TryParse(Choice, out var g) ? g : Guid.Empty;
        if (chosen == Guid.Empty || (chosen is { } c && Candidates.All(x => x.Candidate.PersonId != c)))
        {
            Error = "Choose one of the people on record, or a new person";
            ViewData["HasErrors"] = true;
            return Page();
        }
        if (Item!.Kind == ReviewKind.LinkPossible)
        {
            var outcome = await links.DecideAsync(partnership.Id, Item.Id, chosen, me.Professional?.Id, ct);
            if (!outcome.Succeeded) { Error = outcome.Errors[0].Message; return Page(); }
        }
        else
        {
            var item = await db.Set<IdentityReview>().FirstAsync(r => r.Id == Item.Id, ct);
            item.Status = ReviewStatus.Decided;
            item.DecidedAt = DateTimeOffset.UtcNow;
            item.DecidedByProfessionalId = me.Professional?.Id;
            item.Decision = chosen is null ? "new" : "existing";
            item.PersonId = chosen;
            await db.SaveChangesAsync(ct);
        }
        return Redirect("/identity/reviews");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        ViewData["Partnership"] = (await partnership.FindAsync(ct))?.Name;
        if (Id is null) return false;
        Item = await db.Set<IdentityReview>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id && r.PartnershipId == partnership.Id && r.Status == ReviewStatus.Open, ct);
        if (Item is null) return false;
        if (Item.Kind == ReviewKind.LinkPossible)
        {
            var row = await db.Set<AgencyRecord>().AsNoTracking().FirstAsync(r => r.Id == Item.LinkedRecordId, ct);
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == row.AgencyId).Select(a => a.Name).FirstAsync(ct);
            Submitted = new Side($"{agency}'s record {row.AgencyRecordId}", Join(row.GivenName, row.FamilyName), row.DateOfBirth?.ToString("d MMMM yyyy") ?? "Not known", row.Sex.ToString(),
                row.NhsNumber is { } n ? [NhsNumber.Format(n)] : [], [.. new[] { row.Address, row.Postcode }.OfType<string>()], []);
        }
        else
        {
            var s = JsonSerializer.Deserialize<SubmittedPersonView>(Item.Submitted, ChronicleJson.Options)!;
            Submitted = new Side("Being added", Join(s.GivenName, s.FamilyName), s.DateOfBirth?.ToString("d MMMM yyyy") ?? "Not known", s.Sex?.ToString() ?? "Not known",
                s.NhsNumber is { } n ? [n] : [], [.. new[] { s.Address, s.Postcode }.OfType<string>()], []);
        }
        var candidates = JsonSerializer.Deserialize<List<ReviewCandidate>>(Item.Candidates) ?? [];
        var ids = candidates.Select(c => c.PersonId).ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Identifiers).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var addresses = (await db.AddressFacts.AsNoTracking().Where(a => ids.Contains(a.PersonId)).ToListAsync(ct)).ToLookup(a => a.PersonId);
        var names = (await db.Set<PersonName>().AsNoTracking().Where(n => ids.Contains(n.PersonId)).ToListAsync(ct)).ToLookup(n => n.PersonId);
        Candidates = [.. candidates.Where(c => people.ContainsKey(c.PersonId)).Select(c =>
        {
            var p = people[c.PersonId];
            return (c, new Side("On record", p.DisplayName, p.BirthDate.ToString(), p.Sex.ToString(),
                [.. p.Identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => NhsNumber.Format(i.Value))],
                [.. addresses[p.Id].Select(a => a.Postcode is null ? a.Address : $"{a.Address} ({a.Postcode})")], [.. names[p.Id].Select(n => $"{Join(n.GivenName, n.FamilyName)} ({n.Source})")]));
        })];
        // Comparing is reading: each candidate shown, and every child they concern, is audited as read, whether or not
        // the viewer may otherwise see them.
        var shown = Candidates.Select(c => c.Candidate.PersonId).ToHashSet();
        shown.UnionWith(await Family.ChildrenConcernedAsync(db, shown, ct));
        await audit.ReadAsync(shown, "identity review", ct);
        return true;
    }

    private static string Join(string? given, string? family) => string.Join(' ', new[] { given, family }.Where(x => !string.IsNullOrWhiteSpace(x))) is { Length: > 0 } s ? s : "Name not known";

    private sealed record SubmittedPersonView(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, Sex? Sex, string? NhsNumber, string? Postcode, string? Address);
}
