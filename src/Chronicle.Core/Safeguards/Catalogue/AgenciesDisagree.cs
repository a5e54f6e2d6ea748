using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-06: two agencies' current records disagree on where the child, a parent or a household member lives, which
/// household they belong to, or their date of birth. The lead professional records which is right, or that it is
/// not known (a conflicting-facts decision about that person).
/// </summary>
public sealed class AgenciesDisagree : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "The lead professional records which is right within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    public string Id => "SG-06";
    public int Version => 1;
    public string Title => "Agencies disagree on the facts";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we know about the family and what happened",
            "Health records show Father living with Mother and the children continuously; the S47 assessment recorded him as living at a separate address."),
        new("000", "Baby R", "What we can do differently in the future",
            "Check even the basic information about a family with each other – different addresses, contact details, or dates of birth can be important."),
        new("003", "Emily", "Keeping plans up-to-date and reflecting changes in circumstances",
            "Health professionals who become aware that a family has moved home ensure that relevant professionals are informed of the change of address as soon as possible."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    private sealed record Disagreement(string Cause, Guid PersonId, string What, DateTimeOffset Since, IReadOnlyList<Guid> Evidence);

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var today = context.Now.Day();
        var lead = file.LeadProfessional(today);
        foreach (var personId in file.ChildParentsAndHousehold(today).Order())
        {
            foreach (var d in Addresses(file, context, personId, today).Concat(Households(file, context, personId, today)).Concat(BirthDates(file, context, personId)))
            {
                var settled = file.Known<DecisionRecorded>(context.Now).Any(x =>
                    x.Details.Topic == DecisionTopic.ConflictingFacts && x.Details.AboutPersonId == personId && x.Entry.RecordedAt >= d.Since);
                if (settled) continue;
                var due = context.Calendar.DueAfterWorkingDays(d.Since, respondWithin);
                yield return new Finding(
                    d.Cause,
                    $"Agencies' current records disagree on {(personId == file.Child.Id ? "the child's" : "a family member's")} {d.What}.",
                    $"The lead professional records which is right, or that it is not known (a conflicting-facts decision about the person), {FindingWords.By(due)}.",
                    due,
                    d.Evidence,
                    lead?.Id);
            }
        }
    }

    /// <summary>Each agency's current address for the person; a disagreement when two or more different addresses remain.</summary>
    private static IEnumerable<Disagreement> Addresses(CaseFile file, SafeguardContext context, Guid personId, DateOnly today)
    {
        var current = file.Addresses
            .Where(a => a.PersonId == personId && a.RecordedAt <= context.Now && (a.From is null || a.From <= today) && (a.To is null || a.To >= today))
            .GroupBy(a => a.ReportedByAgencyId)
            .Select(g => g.OrderBy(a => a.From ?? DateOnly.MinValue).ThenBy(a => a.RecordedAt).Last())
            .ToList();
        // One representative per distinct address (the first agency to report it), so an agency agreeing later changes nothing.
        var distinct = current.GroupBy(a => AddressFact.Normalise(a.Address))
            .Select(g => g.OrderBy(a => a.RecordedAt).ThenBy(a => a.Id).First())
            .OrderBy(a => a.Id).ToList();
        if (distinct.Count < 2) yield break;
        yield return new Disagreement(
            $"address:{personId}:{string.Join(':', distinct.Select(a => a.Id))}", personId, "address",
            distinct.Max(a => a.RecordedAt),
            [.. current.Where(a => a.EntryId is not null).Select(a => a.EntryId!.Value).Distinct()]);
    }

    /// <summary>The person currently a member of different households by different agencies' reports.</summary>
    private static IEnumerable<Disagreement> Households(CaseFile file, SafeguardContext context, Guid personId, DateOnly today)
    {
        var homes = file.Households
            .Where(m => m.PersonId == personId && m.ReportedByAgencyId is not null && m.RecordedAt <= context.Now && m.IsCurrentOn(today))
            .GroupBy(m => m.HouseholdId).ToList();
        var disagree = homes.Exists(a => homes.Exists(b => b.Key != a.Key && a.Any(x => b.Any(y => x.ReportedByAgencyId != y.ReportedByAgencyId))));
        if (!disagree) yield break;
        var distinct = homes.Select(g => g.OrderBy(m => m.RecordedAt).ThenBy(m => m.Id).First()).OrderBy(m => m.Id).ToList();
        yield return new Disagreement(
            $"household:{personId}:{string.Join(':', distinct.Select(m => m.Id))}", personId, "household",
            distinct.Max(m => m.RecordedAt), []);
    }

    /// <summary>Births recorded by different agencies with different dates.</summary>
    private static IEnumerable<Disagreement> BirthDates(CaseFile file, SafeguardContext context, Guid personId)
    {
        var distinct = file.Known<Birth>(context.Now).Where(b => b.Details.ChildPersonId == personId)
            .GroupBy(b => b.Details.BornOn)
            .Select(g => g.OrderBy(b => b.Entry.RecordedAt).First().Entry)
            .OrderBy(b => b.Id).ToList();
        if (distinct.Count < 2 || distinct.Select(b => b.Entry.RecordedByAgencyId).Distinct().Count() < 2) yield break;
        yield return new Disagreement(
            $"birth:{personId}:{string.Join(':', distinct.Select(b => b.Id))}", personId, "date of birth",
            distinct.Max(b => b.RecordedAt), [.. distinct.Select(b => b.Id)]);
    }
}
