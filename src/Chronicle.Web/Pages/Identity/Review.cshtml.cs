using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Children;
using Chronicle.Web.Identity;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Identity;

/// <summary>What each side says, for comparing: a name, date of birth, sex, NHS numbers and addresses; <paramref name="Masked"/> when only part is shown.</summary>
public sealed record Side(string Heading, string Name, string Born, string Sex, IReadOnlyList<string> NhsNumbers, IReadOnlyList<string> Addresses, IReadOnlyList<string> OtherNames, bool Masked = false);

/// <summary>
/// One item of the review queue, side by side with its candidates; the front door decides. A candidate the reviewer
/// may not otherwise see is shown masked (the NHS number's last three digits, addresses as postcode districts), and
/// every look is audited against each candidate and every child they concern. Two decisions on one item: the second
/// is answered 409 and changes nothing.
/// </summary>
[Permission(Permissions.ResolveIdentity)]
public sealed class ReviewModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, LinkService links, RecordAudit audit, ChildAccess access, TimeProvider clock) : PageModel
{
    public const string AlreadyDecided = "Someone else decided this item while you were looking at it: nothing you chose was saved.";

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Choice { get; set; }

    public IdentityReview? Item { get; private set; }
    public Side? Submitted { get; private set; }
    public IReadOnlyList<(ReviewCandidate Candidate, Side Side)> Candidates { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) && Item!.Status == ReviewStatus.Open ? Page() : RedirectToPage("/Identity/Reviews");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return RedirectToPage("/Identity/Reviews");
        if (Item!.Status != ReviewStatus.Open) return Conflict();
        var me = await user.RequireAsync(ct);
        Guid? chosen = Choice == "new" ? null : Guid.TryParse(Choice, out var g) ? g : Guid.Empty;
        if (chosen == Guid.Empty || (chosen is { } c && Candidates.All(x => x.Candidate.PersonId != c)))
        {
            Error = "Choose one of the people on record, or a new person";
            ViewData["HasErrors"] = true;
            return Page();
        }
        try
        {
            if (Item.Kind == ReviewKind.LinkPossible)
            {
                var outcome = await links.DecideAsync(partnership.Id, Item.Id, chosen, me.Professional?.Id, ct);
                if (!outcome.Succeeded) { Error = outcome.Errors[0].Message; return Page(); }
            }
            else
            {
                // Decided only if still open: of two deciders, the second changes nothing.
                var now = clock.GetUtcNow();
                var decision = chosen is null ? "new" : "existing";
                var professional = me.Professional?.Id;
                var updated = await db.Set<IdentityReview>().Where(r => r.Id == Item.Id && r.PartnershipId == partnership.Id && r.Status == ReviewStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReviewStatus.Decided).SetProperty(r => r.DecidedAt, now)
                        .SetProperty(r => r.DecidedByProfessionalId, professional).SetProperty(r => r.Decision, decision).SetProperty(r => r.PersonId, chosen), ct);
                if (updated != 1) throw new WriteConflictException(AlreadyDecided);
            }
        }
        catch (WriteConflictException)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }
        return RedirectToPage("/Identity/Reviews");
    }

    private PageResult Conflict()
    {
        Error = AlreadyDecided;
        ViewData["HasErrors"] = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is null || Id is null) return false;
        Item = await db.Set<IdentityReview>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id && r.PartnershipId == partnership.Id, ct);
        if (Item is null) return false;
        if (Item.Status != ReviewStatus.Open) return true;
        if (Item.Kind == ReviewKind.LinkPossible)
        {
            var row = await db.Set<AgencyRecord>().AsNoTracking().FirstAsync(r => r.Id == Item.LinkedRecordId, ct);
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == row.AgencyId).Select(a => a.Name).FirstAsync(ct);
            Submitted = new Side($"{agency}'s record {row.AgencyRecordId}", Join(row.GivenName, row.FamilyName), Display.Date(row.DateOfBirth), row.Sex.ToString(),
                row.NhsNumber is { } n ? [NhsNumber.Format(n)] : [], [.. new[] { row.Address, row.Postcode }.OfType<string>()], []);
        }
        else
        {
            // The details someone was adding, as the duplicate check kept them.
            var s = JsonSerializer.Deserialize<SubmittedPerson>(Item.Submitted, ChronicleJson.Options)!;
            Submitted = new Side("Being added", Join(s.GivenName, s.FamilyName), Display.Date(s.DateOfBirth), s.Sex?.ToString() ?? "Not known",
                s.NhsNumber is { } n ? [NhsNumber.Format(n)] : [], [.. new[] { s.Address, s.Postcode }.OfType<string>()], s.KnownAs is { Length: > 0 } k ? [$"Known as {k}"] : []);
        }
        var candidates = JsonSerializer.Deserialize<List<ReviewCandidate>>(Item.Candidates) ?? [];
        var ids = candidates.Select(c => c.PersonId).ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Identifiers).Where(p => ids.Contains(p.Id) && p.PartnershipId == partnership.Id).ToDictionaryAsync(p => p.Id, ct);
        var addresses = (await db.AddressFacts.AsNoTracking().Where(a => ids.Contains(a.PersonId)).ToListAsync(ct)).ToLookup(a => a.PersonId);
        var names = (await db.Set<PersonName>().AsNoTracking().Where(n => ids.Contains(n.PersonId)).ToListAsync(ct)).ToLookup(n => n.PersonId);
        var shown = new List<(ReviewCandidate, Side)>();
        foreach (var c in candidates.Where(c => people.ContainsKey(c.PersonId)))
        {
            var p = people[c.PersonId];
            var visible = await access.MaySeePersonAsync(p.Id, ct);
            var nhs = p.Identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => visible ? NhsNumber.Format(i.Value) : Masking.NhsNumber(i.Value));
            var held = addresses[p.Id].Select(a => visible ? (a.Postcode is null ? a.Address : $"{a.Address} ({a.Postcode})") : Masking.Address(a.Postcode));
            shown.Add((c, new Side("On record", p.DisplayName, p.BirthDate.ToString(), p.Sex.ToString(), [.. nhs.Distinct()], [.. held.Distinct()],
                // Comparing needs the names; which agency knows someone the reviewer does not work with is not theirs to see.
                [.. names[p.Id].Select(n => visible ? $"{Join(n.GivenName, n.FamilyName)} ({n.Source})" : Join(n.GivenName, n.FamilyName)).Distinct()], !visible)));
        }
        Candidates = shown;
        // Comparing is reading: each candidate shown, and every child they concern, is audited as read, whether or not
        // the viewer may otherwise see them.
        var read = Candidates.Select(c => c.Candidate.PersonId).ToHashSet();
        read.UnionWith(await Family.ChildrenConcernedAsync(db, read, ct));
        await audit.ReadAsync(read, "identity review", ct);
        return true;
    }

    private static string Join(string? given, string? family) => string.Join(' ', new[] { given, family }.Where(x => !string.IsNullOrWhiteSpace(x))) is { Length: > 0 } s ? s : Core.Record.Person.NameNotKnown;
}
