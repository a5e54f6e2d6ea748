using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;

namespace Chronicle.Core.Synthetic;

/// <summary>
/// The everyday practice of a partnership that mostly works: once a family's chronology is generated, the entries that
/// follow from it are added. What is significant while a child's case is open is shared with the team and
/// acknowledged; a concern about one child leads to a recorded consideration of the others; an assessment references
/// the risks already on record. Each is left undone for a minority of families or entries, as the seed reviews found.
/// </summary>
internal sealed partial class FamilyGenerator
{
    /// <summary>The share of families whose agencies share poorly (Family L's pattern), and how often each kind of family shares.</summary>
    private const double PoorSharingFamilies = 0.08;

    private void Practice()
    {
        var considered = new HashSet<(Guid Child, DateOnly Day)>();
        var concerns = _children.Count > 1 ? CaseFileLoader.Current(_entries) : [];
        foreach (var child in _children)
            foreach (var entry in concerns)
                if (IsConcern(entry.Details) && entry.Entry.IsAbout(child.Id) && considered.Add((child.Id, entry.Day())))
                    ConsiderOtherChildren(child, entry);
        AddressRisks();

        // Sharing last, so that what practice itself recorded is shared too.
        var current = CaseFileLoader.Current(_entries);
        var poorSharing = Chance(PoorSharingFamilies);
        var shared = new HashSet<Guid>();
        foreach (var child in _children)
        {
            var openAt = CaseFileFor(child, _people, _relationships, _memberships, _involvements, _addresses, staff, current).OpenCaseOverTime();
            foreach (var entry in current)
                if (NeedsSharing(entry, child) && openAt(entry.RecordedAt) && shared.Add(entry.Id))
                    ShareAndAcknowledge(entry, poorSharing);
        }
    }

    /// <summary>Significant, about the child, for the team to see, and not itself sharing.</summary>
    private static bool NeedsSharing(CaseEntry entry, Person child) =>
        entry.Entry.Significance is Significance.Significant or Significance.Critical
        && entry.Entry.SharingLevel == SharingLevel.Team
        && entry.Details is not (InformationShared or InformationAcknowledged)
        && entry.Entry.IsAbout(child.Id);

    /// <summary>The recorder shares the entry with the child's GP and school (or health visitor) within hours; the GP acknowledges it within a day.</summary>
    private void ShareAndAcknowledge(CaseEntry entry, bool poorSharing)
    {
        if (!Chance(poorSharing ? 0.6 : 0.995)) return;
        var about = entry.Entry.Subjects.Select(s => _people[s.PersonId]).ToArray();
        var child = about.FirstOrDefault(p => p.IsChild) ?? _children[0];
        var sharedAt = entry.RecordedAt.AddMinutes(20 + Random.Next(180));
        var by = staff.Professionals[entry.Entry.RecordedByProfessionalId];
        // A move is for the lead professional to know above all (Emily's lesson): the allocated social worker acknowledges it.
        var acknowledger = entry.Details is AddressChange && _allocated.ContainsKey(child.Id) && Chance(0.95) ? _socialWorker : _gp;
        var share = Record(sharedAt, by, new InformationShared
        {
            AboutEntryId = entry.Id,
            RecipientProfessionalIds = [.. new[] { _gp.Id, (_school.GetValueOrDefault(child.Id) ?? _healthVisitor).Id, acknowledger.Id }.Distinct()],
            Summary = "Shared with the team around the child",
        }, about);
        if (share is null || !Chance(poorSharing ? 0.7 : 0.995)) return;
        Record(sharedAt.AddMinutes(30 + Random.Next(20 * 60)), acknowledger, new InformationAcknowledged { SharedEntryId = share.Id, ProfessionalId = acknowledger.Id }, about);
    }

    /// <summary>A contact or referral, an injury, an injury seen in unscheduled care, or a police incident the children were at.</summary>
    private static bool IsConcern(EntryDetails details) => details switch
    {
        ContactReceived or InjuryObserved => true,
        HospitalAttendance h => h.Injury || h.PossiblyNonAccidental,
        PoliceIncident p => p.ChildrenPresent,
        _ => false,
    };

    /// <summary>Most concerns about one child lead the front door to consider the family's other children; Baby R's pattern is the rest.</summary>
    private void ConsiderOtherChildren(Person child, CaseEntry concern)
    {
        if (!Chance(0.96)) return;
        var at = WorkingDayCalendar.StartOfUkDay(Calendar.AddWorkingDays(concern.Day(), Random.Next(3))).AddHours(9 + Random.Next(8));
        if (at < concern.RecordedAt) at = concern.RecordedAt.AddMinutes(30);
        Record(at, Pick(staff.FrontDoorManagers), new DecisionRecorded
        {
            Topic = DecisionTopic.OtherChildren,
            Decision = "The other children in the household considered: seen and safe",
            Rationale = "Recorded with reasons",
            AboutEntryId = concern.Id,
        }, [child]);
    }

    /// <summary>
    /// Most assessments reference every risk indicator on record about the family in the five years before them
    /// (domestic abuse or violence, information about an adult that bears on risk, injuries, child protection plans), and most front-door decisions
    /// to take a contact no further record that they weighed them; Baby R's and Emily's patterns are the rest (a
    /// decision that does not record what it weighed is read as having weighed nothing).
    /// </summary>
    private void AddressRisks()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            EntryDetails? details = _entries[i] switch
            {
                { Details: AssessmentCompleted assessment } when Chance(0.92) && Risks(_entries[i]) is { Count: > 0 } risks => assessment with { RisksAddressed = risks },
                { Details: ContactDecision { StepsDown: true } decision } when Recorded(_entries[i]) && Risks(_entries[i]) is { Count: > 0 } risks => decision with { RisksAnalysed = risks },
                _ => null,
            };
            if (details is null) continue;
            var judgement = _entries[i];
            if (options.JsonDetails) judgement.Entry.Details = DetailsReader.Write(details);
            _entries[i] = new CaseEntry(judgement.Entry, details);
        }
    }

    /// <summary>
    /// Whether a front-door decision records what it weighed, for 92 in 100 decisions: decided by the entry's id rather
    /// than by the family's random sequence, so that everything generated after it is as it was before decisions said.
    /// </summary>
    private static bool Recorded(CaseEntry decision) => (uint)decision.Id.GetHashCode() % 100 < 92;

    /// <summary>The risk indicators on record in the five years up to a judgement.</summary>
    private List<Guid> Risks(CaseEntry judgement)
    {
        var from = judgement.When.AddYears(-5);
        var risks = new List<Guid>();
        foreach (var e in _entries)
            if (e.When >= from && e.When <= judgement.When && IsRisk(e.Details)) risks.Add(e.Id);
        return risks;
    }

    private static bool IsRisk(EntryDetails details) => details switch
    {
        PoliceIncident p => p.Type is IncidentType.DomesticAbuse or IncidentType.Violence,
        AdultConcern a => Safeguards.RiskReading.BearsOnRisk(a),
        InjuryObserved => true,
        HospitalAttendance h => h.Injury || h.PossiblyNonAccidental,
        PlanStarted p => p.Type == PlanType.ChildProtection,
        _ => false,
    };

    /// <summary>An entry recorded at a known moment (what practice adds follows the entry it answers), if that is by now.</summary>
    private CaseEntry? Record(DateTimeOffset at, Professional by, EntryDetails details, Person[] about)
    {
        if (at > options.Now) return null;
        return Keep(at, at, by, details, details is DecisionRecorded ? Significance.Significant : Significance.Routine, about, null);
    }
}
