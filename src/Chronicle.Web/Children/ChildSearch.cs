using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Children;

/// <summary>What a search for a child gives: part of a name, a date of birth, an NHS number; at least one.</summary>
public sealed record ChildSearchQuery(string? Name, DateOnly? DateOfBirth, string? NhsNumber)
{
    /// <summary>Precise enough to pick out one child for break glass: an NHS number, or a name with a date of birth.</summary>
    public bool IsPrecise => NhsNumber is not null || (Name is not null && DateOfBirth is not null);

    /// <summary>The query in words, for the break-glass page ("NHS number 943 476 5919").</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Name is null ? null : $"name ‘{Name}’",
        DateOfBirth is null ? null : $"date of birth {Display.Date(DateOfBirth)}",
        NhsNumber is null ? null : $"NHS number {Core.Record.NhsNumber.Format(NhsNumber)}",
    }.Where(p => p is not null));
}

/// <summary>
/// Finds children by name, date of birth or NHS number, among the children the caller says may be searched: the
/// home page passes only those the user may see, so a search never shows (or counts) anyone else.
/// </summary>
public static class ChildSearch
{
    public const int MaxNameLength = 100;

    public static Outcome<ChildSearchQuery> Parse(string? name, string? dateOfBirth, string? nhsNumber)
    {
        var p = new Problems();
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        p.MaxLength("name", trimmedName, MaxNameLength, "The name");
        DateOnly? dob = null;
        if (!string.IsNullOrWhiteSpace(dateOfBirth))
        {
            if (Forms.DateText.TryParse(dateOfBirth, out var day)) dob = day;
            else p.Add("dateOfBirth", "Date of birth must be a real date, like 27/1/2015");
        }
        string? nhs = null;
        if (!string.IsNullOrWhiteSpace(nhsNumber))
        {
            var parsed = NhsNumber.Parse(nhsNumber, "nhsNumber");
            if (parsed.Succeeded) nhs = parsed.Value;
            else p.AddRange(parsed.Errors);
        }
        if (!p.Any && trimmedName is null && dob is null && nhs is null) p.Add("name", "Enter a name, a date of birth or an NHS number");
        return p.Then(() => new ChildSearchQuery(trimmedName, dob, nhs));
    }

    /// <summary>The children among <paramref name="among"/> that match every part of the query, by name.</summary>
    public static async Task<IReadOnlyList<Person>> FindAsync(ChronicleDb db, Guid partnershipId, ChildSearchQuery query, IReadOnlyCollection<Guid> among, CancellationToken ct = default)
    {
        if (among.Count == 0) return [];
        var children = await db.People.AsNoTracking().Include(p => p.Identifiers)
            .Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult && among.Contains(p.Id)).ToListAsync(ct);
        return [.. children.Where(c => Matches(c, query)).OrderBy(c => c.DisplayName, StringComparer.CurrentCulture)];
    }

    public static bool Matches(Person child, ChildSearchQuery query) =>
        (query.Name is not { } name || child.DisplayName.Contains(name, StringComparison.CurrentCultureIgnoreCase)) &&
        (query.DateOfBirth is not { } dob || child.DateOfBirth == dob) &&
        (query.NhsNumber is not { } nhs || child.Identifiers.Any(i => i.Scheme == IdentifierScheme.NhsNumber && i.Value == nhs));
}
