using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Validation;
using Chronicle.Web.Identity;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.People;

/// <summary>
/// Adding a person to the record, with the duplicate check (docs/identity.md): the first post checks; if people
/// the user may see may be the same person, they are shown with the reasons and the user chooses one of them or a
/// new record; the choice is recorded. A candidate the user may not see is never shown: the page says only that
/// the front door has been asked.
/// </summary>
[Permission(Permissions.WriteRecord)]
public sealed class NewModel(DuplicateCheck check, IdentityService identity, RecordService record, CurrentUser user, CurrentPartnership partnership, ChildAccess access, ChronicleDb db) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? Address { get; set; }
    /// <summary>Empty on the first post (check); then a candidate's id, or "new".</summary>
    [BindProperty] public string? Choice { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public IReadOnlyList<(MatchCandidate Candidate, Person Person)> Candidates { get; private set; } = [];
    public bool AskFrontDoor { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await partnership.FindAsync(ct);
        var problems = new Problems();
        var input = Input(problems);
        if (problems.Any) return Refuse(problems.Errors);
        if (!await check.MayCheckAsync(ct))
        {
            var refused = Refuse([new FieldError("givenName", CheckLimit.Words)]);
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }
        var (matches, offered) = await check.CheckAsync(input, Postcode, Address, ct);
        AskFrontDoor = matches.AskFrontDoor;
        var me = await user.RequireAsync(ct);
        if (Choice is null or "")
        {
            if (offered.Count > 0)
            {
                var ids = offered.Select(c => c.PersonId).ToList();
                var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
                Candidates = [.. matches.Candidates.Select(c => (c, people[c.PersonId]))];
                return Page();
            }
        }
        else if (Choice != "new")
        {
            if (!Guid.TryParse(Choice, out var chosen) || offered.All(c => c.PersonId != chosen)) return Refuse([new FieldError("choice", "Choose one of the people offered, or a new record")]);
            await identity.RecordChoiceAsync(partnership.Id, me.Professional?.Id, MatchChoice.Existing, chosen, offered, ct);
            await access.NoteWriteAboutAsync([chosen], ct);
            return await access.ThroughChildAsync(chosen, ct) is { } child ? RedirectToPage("/Children/Child", new { id = child.ChildId }) : RedirectToPage("/Index");
        }
        var created = await record.CreatePersonAsync(partnership.Id, input with { CreatedByProfessionalId = me.Professional?.Id }, ct);
        if (!created.Succeeded) return Refuse(created.Errors);
        var person = created.Value!;
        await access.NoteWriteAboutAsync([person.Id], ct);
        if (offered.Count > 0) await identity.RecordChoiceAsync(partnership.Id, me.Professional?.Id, MatchChoice.New, person.Id, offered, ct);
        if (!string.IsNullOrWhiteSpace(Address) && me.Agency is { } agency)
            await record.ReportAddressAsync(partnership.Id, new AddressInput(person.Id, Address, agency.Id, Postcode, ReportedByProfessionalId: me.Professional?.Id), ct);
        if (person.IsChild && me.Agency is { } own && me.Professional is { } professional)
            await record.AddInvolvementAsync(partnership.Id, new InvolvementInput(person.Id, own.Id, "recorded the child", Core.Time.WorkingDayCalendar.UkDate(DateTimeOffset.UtcNow), professional.Id), ct);
        return person.IsChild ? RedirectToPage("/Children/Child", new { id = person.Id, done = "added" }) : RedirectToPage("/Index");
    }

    private PersonInput Input(Problems p)
    {
        PersonKind? kind = Kind switch { "child" => PersonKind.Child, "unborn-child" => PersonKind.UnbornChild, "adult" => PersonKind.Adult, _ => null };
        if (kind is null) p.Add("kind", "Select whether the person is a child, an unborn child or an adult");
        DateOnly? dob = null;
        if (!string.IsNullOrWhiteSpace(DateOfBirth))
        {
            if (Forms.DateText.TryParse(DateOfBirth, out var d)) dob = d;
            else p.Add("dateOfBirth", "Enter the date of birth as day/month/year, for example 27/3/2015");
        }
        Core.Record.Sex? sex = Sex switch { "female" => Core.Record.Sex.Female, "male" => Core.Record.Sex.Male, _ => Core.Record.Sex.NotKnown };
        var identifiers = new List<IdentifierInput>();
        if (!string.IsNullOrWhiteSpace(NhsNumber))
        {
            var nhs = Core.Record.NhsNumber.Parse(NhsNumber, "nhsNumber");
            if (nhs.Succeeded) identifiers.Add(new IdentifierInput(IdentifierScheme.NhsNumber, nhs.Value, "NHS"));
            else p.AddRange(nhs.Errors);
        }
        if (string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(FamilyName)) p.Add("givenName", "Enter the person's name");
        return new PersonInput { Kind = kind, GivenName = GivenName, FamilyName = FamilyName, DateOfBirth = dob, Sex = sex, Identifiers = identifiers };
    }

    private PageResult Refuse(IReadOnlyList<FieldError> errors)
    {
        Errors = errors;
        ViewData["HasErrors"] = true;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
