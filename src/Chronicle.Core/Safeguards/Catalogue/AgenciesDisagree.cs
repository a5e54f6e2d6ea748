using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-06: two agencies' current records disagree on where the child, a parent or a household member lives, which
/// household they belong to, or their date of birth; or an account of what happened contradicts what another entry
/// records (a parent's denial against what staff saw). The lead professional records which is right, or that it is
/// not known (a conflicting-facts decision about that person, or about the account or the incident). A referral whose
/// facts are corrected after children's social care decided on it asks for the decision to be reconsidered.
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

    private sealed record Disagreement(string Cause, IReadOnlyList<Guid> People, string What, DateTimeOffset Since, IReadOnlyList<Guid> Evidence);

    /// <summary>
    /// Current records are read on the day, so what disagrees changes with the days households, involvements and
    /// addresses start and end; an account or corrected referral not settled turns from reminder to alert at its due time.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var next = new NextMoment(now).NextDayAroundChildChanges(file).NextEntryHappens(file);
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        foreach (var (entry, account) in file.KnownAboutChild<IncidentAccount>(now))
            if (account.Contradicts.Count > 0) next.At(context.Calendar.DueAfterWorkingDays(entry.RecordedAt, respondWithin));
        foreach (var (correction, _) in file.KnownAboutChild<ContactReceived>(now))
            if (correction.Entry.SupersedesEntryId is not null) next.At(context.Calendar.DueAfterWorkingDays(correction.RecordedAt, respondWithin));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var unsettled = MayDisagree(file, now, now.Day()) ? Unsettled(file, now, now.Day()) : None;
        var facts = unsettled.Count == 0 ? [] : Findings(file, context, unsettled);
        return file.OfAboutChild<IncidentAccount>().Count == 0 && file.OfAboutChild<ContactReceived>().Count == 0
            ? facts
            : facts.Concat(AccountsAndCorrections(file, context));
    }

    /// <summary>
    /// Accounts about the child that contradict another entry, with no conflicting-facts decision since about the account,
    /// its incident or what it contradicts; and referrals corrected after a decision on them, with no decision since.
    /// </summary>
    private IEnumerable<Finding> AccountsAndCorrections(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var lead = file.LeadProfessional(now.Day());
        foreach (var (entry, account) in file.KnownAboutChild<IncidentAccount>(now))
        {
            if (account.Contradicts.Count == 0) continue;
            var settled = file.Known<DecisionRecorded>(now).Any(d =>
                d.Details.Topic == DecisionTopic.ConflictingFacts && d.Entry.RecordedAt >= entry.RecordedAt
                && d.Details.AboutEntryId is { } about && (entry.IsReferencedBy(about) || about == account.AboutEntryId || account.Contradicts.Contains(about)));
            if (settled) continue;
            var due = context.Calendar.DueAfterWorkingDays(entry.RecordedAt, respondWithin);
            yield return new Finding(
                $"account:{entry.CauseId()}",
                $"Accounts of what happened disagree: {(account.GivenByName ?? "an account")} contradicts what {account.Contradicts.Count} other entr{(account.Contradicts.Count == 1 ? "y records" : "ies record")}.",
                $"The lead professional records which account is right, or that it is not known, and what follows for the child (a conflicting-facts decision about the incident), {FindingWords.By(due)}.",
                due,
                [entry.Id, account.AboutEntryId, .. account.Contradicts],
                lead?.Id,
                Reminder: now <= due);
        }
        foreach (var (correction, _) in file.KnownAboutChild<ContactReceived>(now))
        {
            if (correction.Entry.SupersedesEntryId is not { } original) continue;
            var decidedBefore = file.KnownAboutChild<ContactDecision>(now).Any(d => correction.IsReferencedBy(d.Details.ContactEntryId) && d.Entry.RecordedAt < correction.RecordedAt);
            if (!decidedBefore) continue;
            var reconsidered = file.KnownAboutChild<ContactDecision>(now).Any(d => correction.IsReferencedBy(d.Details.ContactEntryId) && d.Entry.RecordedAt >= correction.RecordedAt)
                || file.DecisionsAbout(original).Concat(file.DecisionsAbout(correction.Id)).Any(d => d.RecordedAt >= correction.RecordedAt && d.RecordedAt <= now
                    && file.RecordedBy(d, AgencyKind.ChildrensSocialCare));
            if (reconsidered) continue;
            var due = context.Calendar.DueAfterWorkingDays(correction.RecordedAt, respondWithin);
            yield return new Finding(
                $"corrected-referral:{correction.CauseId()}",
                "A referral's facts were corrected after children's social care had decided on it: the decision rests on facts since found wrong.",
                $"Reconsider the decision on the corrected referral, or record why it stands, {FindingWords.By(due)}.",
                due,
                [correction.Id],
                file.FrontDoorManager()?.Id ?? lead?.Id,
                Reminder: now <= due);
        }
    }

    private static readonly List<Disagreement> None = [];

    /// <summary>
    /// The disagreements on <paramref name="today"/> in what is known by then that no conflicting-facts decision since
    /// settles. Everything here follows from who is around the child and what each agency records on the day.
    /// </summary>
    private static List<Disagreement> Unsettled(CaseFile file, DateTimeOffset known, DateOnly today)
    {
        var unsettled = new List<Disagreement>();
        foreach (var d in Disagreements(file, known, today))
        {
            var settled = file.Known<DecisionRecorded>(known).Any(x =>
                x.Details.Topic == DecisionTopic.ConflictingFacts && x.Details.AboutPersonId is { } about && d.People.Contains(about) && x.Entry.RecordedAt >= d.Since);
            if (!settled) unsettled.Add(d);
        }
        return unsettled;
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<Disagreement> unsettled)
    {
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var lead = file.LeadProfessional(context.Now.Day());
        foreach (var d in unsettled)
        {
            var due = context.Calendar.DueAfterWorkingDays(d.Since, respondWithin);
            var whose = d.People.Count > 1 ? $"the {d.What} of {d.People.Count} people in the child's family"
                : d.People[0] == file.Child.Id ? $"the child's {d.What}" : $"a family member's {d.What}";
            yield return new Finding(
                d.Cause,
                $"Agencies' current records disagree on {whose}.",
                $"The lead professional records which is right, or that it is not known (a conflicting-facts decision about the person), {FindingWords.By(due)}.",
                due,
                d.Evidence,
                lead?.Id);
        }
    }

    /// <summary>
    /// Whether any agencies' records about the child, a parent or a household member could disagree at all: two
    /// agencies' latest current addresses differ, two agencies report different current households, or two births
    /// give different dates. Most families have none of these, and then there is nothing to describe.
    /// </summary>
    private static bool MayDisagree(CaseFile file, DateTimeOffset now, DateOnly today)
    {
        var byPerson = AddressesByPerson(file);
        var memberships = AnyReportedMembership(file);
        var births = file.Of<Birth>().Count > 1;
        foreach (var person in file.ChildParentsAndHousehold(today))
        {
            if (byPerson.TryGetValue(person, out var facts) && !AllTheSame(facts, now, today)) return true;
            if (memberships && HouseholdsMayDisagree(file, person, now, today)) return true;
            if (births && BirthDatesMayDisagree(file, person, now)) return true;
        }
        return false;
    }

    private static IEnumerable<Disagreement> Disagreements(CaseFile file, DateTimeOffset known, DateOnly today)
    {
        var people = file.ChildParentsAndHousehold(today).Order().ToList();
        var disagreements = Addresses(file, known, people, today);
        if (AnyReportedMembership(file)) disagreements = disagreements.Concat(people.SelectMany(p => Households(file, known, p, today)));
        if (file.Of<Birth>().Count > 1) disagreements = disagreements.Concat(people.SelectMany(p => BirthDates(file, known, p)));
        return disagreements;
    }

    /// <summary>
    /// Each agency's current address for each person; a disagreement where two or more different addresses remain.
    /// People whose records disagree between the same addresses (a family's move known to one agency) are one
    /// disagreement, named by those addresses: an agency catching up later changes nothing, a new address is a new cause.
    /// </summary>
    private static IEnumerable<Disagreement> Addresses(CaseFile file, DateTimeOffset known, IReadOnlyList<Guid> people, DateOnly today)
    {
        var found = new List<(Guid Person, string Addresses, DateTimeOffset Since, IEnumerable<Guid> Evidence)>();
        var byPerson = AddressesByPerson(file);
        foreach (var personId in people)
        {
            if (!byPerson.TryGetValue(personId, out var facts) || AllTheSame(facts, known, today)) continue;
            var current = file.Addresses
                .Where(a => a.PersonId == personId && a.RecordedAt <= known && (a.From is null || a.From <= today) && (a.To is null || a.To >= today))
                .GroupBy(a => a.ReportedByAgencyId)
                .Select(g => g.OrderBy(a => a.From ?? DateOnly.MinValue).ThenBy(a => a.RecordedAt).Last())
                .ToList();
            var distinct = current.GroupBy(a => AddressFact.Normalise(a.Address)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (distinct.Count < 2) continue;
            found.Add((personId, string.Join('|', distinct.Select(g => g.Key)), distinct.Max(g => g.Min(a => a.RecordedAt)),
                current.Where(a => a.EntryId is not null).Select(a => a.EntryId!.Value)));
        }
        foreach (var same in found.GroupBy(f => f.Addresses, StringComparer.Ordinal))
            yield return new Disagreement(
                $"address:{Fingerprint(same.Key)}", [.. same.Select(f => f.Person)], "address", same.Max(f => f.Since),
                [.. same.SelectMany(f => f.Evidence).Distinct()]);
    }

    /// <summary>Each person's address facts with their addresses normalised.</summary>
    private static Dictionary<Guid, List<(AddressFact Fact, string Key)>> AddressesByPerson(CaseFile file)
    {
        var byPerson = new Dictionary<Guid, List<(AddressFact, string)>>();
        foreach (var fact in file.Addresses)
        {
            if (!byPerson.TryGetValue(fact.PersonId, out var facts)) byPerson[fact.PersonId] = facts = [];
            facts.Add((fact, AddressFact.Normalise(fact.Address)));
        }
        return byPerson;
    }

    /// <summary>
    /// Each agency's latest current fact names the same address (as <see cref="Addresses"/> picks them, without
    /// building its groups): then there is no disagreement to describe.
    /// </summary>
    private static bool AllTheSame(List<(AddressFact Fact, string Key)> facts, DateTimeOffset now, DateOnly today)
    {
        string? first = null;
        for (var i = 0; i < facts.Count; i++)
        {
            var (a, key) = facts[i];
            if (!IsCurrent(a, now, today) || !IsAgencysLatest(facts, i, now, today)) continue;
            if (first is null) first = key;
            else if (!string.Equals(key, first, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static bool IsCurrent(AddressFact a, DateTimeOffset now, DateOnly today) =>
        a.RecordedAt <= now && (a.From is not { } from || from <= today) && (a.To is not { } to || to >= today);

    /// <summary>
    /// The fact at <paramref name="index"/> is the one <see cref="Addresses"/> takes for its agency: no later current
    /// fact from the same agency sorts after it or level with it.
    /// </summary>
    private static bool IsAgencysLatest(List<(AddressFact Fact, string Key)> facts, int index, DateTimeOffset now, DateOnly today)
    {
        var a = facts[index].Fact;
        for (var j = 0; j < facts.Count; j++)
        {
            var b = facts[j].Fact;
            if (j == index || b.ReportedByAgencyId != a.ReportedByAgencyId || !IsCurrent(b, now, today)) continue;
            if (j > index ? NotBefore(b, a) : !NotBefore(a, b)) return false;
        }
        return true;
    }

    /// <summary>Two agencies report the person currently in two different households.</summary>
    private static bool HouseholdsMayDisagree(CaseFile file, Guid personId, DateTimeOffset now, DateOnly today)
    {
        var homes = file.Households;
        for (var i = 0; i < homes.Count; i++)
        {
            var x = homes[i];
            if (!IsReportedHome(x, personId, now, today)) continue;
            for (var j = i + 1; j < homes.Count; j++)
            {
                var y = homes[j];
                if (IsReportedHome(y, personId, now, today) && y.HouseholdId != x.HouseholdId && y.ReportedByAgencyId != x.ReportedByAgencyId) return true;
            }
        }
        return false;
    }

    private static bool IsReportedHome(HouseholdMembership m, Guid personId, DateTimeOffset now, DateOnly today) =>
        m.PersonId == personId && m.ReportedByAgencyId is not null && m.RecordedAt <= now && m.IsCurrentOn(today);

    /// <summary>Two births known by now give the person different dates of birth.</summary>
    private static bool BirthDatesMayDisagree(CaseFile file, Guid personId, DateTimeOffset now)
    {
        DateOnly? first = null;
        foreach (var (_, birth) in file.Known<Birth>(now))
        {
            if (birth.ChildPersonId != personId) continue;
            if (first is null) first = birth.BornOn;
            else if (birth.BornOn != first) return true;
        }
        return false;
    }

    /// <summary>In the order <see cref="Addresses"/> sorts an agency's facts (from, then recorded), a later fact or one tied with it.</summary>
    private static bool NotBefore(AddressFact a, AddressFact b)
    {
        var (fromA, fromB) = (a.From ?? DateOnly.MinValue, b.From ?? DateOnly.MinValue);
        return fromA != fromB ? fromA > fromB : a.RecordedAt >= b.RecordedAt;
    }

    private static bool AnyReportedMembership(CaseFile file)
    {
        foreach (var m in file.Households)
            if (m.ReportedByAgencyId is not null) return true;
        return false;
    }

    /// <summary>A short stable name for a set of addresses, so the cause key carries no address.</summary>
    private static string Fingerprint(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>The person currently a member of different households by different agencies' reports.</summary>
    private static IEnumerable<Disagreement> Households(CaseFile file, DateTimeOffset known, Guid personId, DateOnly today)
    {
        var homes = file.Households
            .Where(m => m.PersonId == personId && m.ReportedByAgencyId is not null && m.RecordedAt <= known && m.IsCurrentOn(today))
            .GroupBy(m => m.HouseholdId).ToList();
        var disagree = homes.Exists(a => homes.Exists(b => b.Key != a.Key && a.Any(x => b.Any(y => x.ReportedByAgencyId != y.ReportedByAgencyId))));
        if (!disagree) yield break;
        var distinct = homes.Select(g => g.OrderBy(m => m.RecordedAt).ThenBy(m => m.Id).First()).OrderBy(m => m.Id).ToList();
        yield return new Disagreement(
            $"household:{personId}:{string.Join(':', distinct.Select(m => m.Id))}", [personId], "household",
            distinct.Max(m => m.RecordedAt), []);
    }

    /// <summary>Births recorded by different agencies with different dates.</summary>
    private static IEnumerable<Disagreement> BirthDates(CaseFile file, DateTimeOffset known, Guid personId)
    {
        var distinct = file.Known<Birth>(known).Where(b => b.Details.ChildPersonId == personId)
            .GroupBy(b => b.Details.BornOn)
            .Select(g => g.OrderBy(b => b.Entry.RecordedAt).First().Entry)
            .OrderBy(b => b.Id).ToList();
        if (distinct.Count < 2 || distinct.Select(b => b.Entry.RecordedByAgencyId).Distinct().Count() < 2) yield break;
        yield return new Disagreement(
            $"birth:{personId}:{string.Join(':', distinct.Select(b => b.Id))}", [personId], "date of birth",
            distinct.Max(b => b.RecordedAt), [.. distinct.Select(b => b.Id)]);
    }
}
