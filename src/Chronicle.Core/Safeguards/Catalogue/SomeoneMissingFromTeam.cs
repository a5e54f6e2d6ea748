using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-09: while a section 47 enquiry or a plan is open, an agency that has recorded something about the child, a
/// parent or someone the child lives with, at a time it had no involvement with them, is not in the team around the
/// child. Involvements with those people are the team by definition, so the agencies known only from what they
/// recorded are the ones missing.
/// </summary>
public sealed class SomeoneMissingFromTeam : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "Add them, or record why not, within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    /// <summary>Roles that record about a family without working with it: chairs, reviewers, lawyers, administrators.</summary>
    private static readonly HashSet<ProfessionalRole> NotWorkingWithFamilies =
    [
        ProfessionalRole.ConferenceChair, ProfessionalRole.Lawyer, ProfessionalRole.BusinessUnitOfficer, ProfessionalRole.Reviewer,
        ProfessionalRole.Scrutineer, ProfessionalRole.InformationGovernanceOfficer, ProfessionalRole.Administrator,
    ];

    /// <summary>The plans the team works to; a safety plan alone does not make one.</summary>
    private static readonly PlanType[] Plans = [PlanType.ChildInNeed, PlanType.ChildProtection];

    public string Id => "SG-09";
    public int Version => 1;
    public string Title => "Someone missing from the team";
    public Severity Severity => Severity.Prompt;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "What we can do differently in the future",
            "Make sure everyone involved with the family is working together – if you know about someone then share this information with the lead professional. Don’t forget professionals working with the adults in the family."),
        new("000", "Baby R", "What we have learnt",
            "All agencies having contact with a family undergoing S47 assessments should be contacted and have information included in the process."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    /// <summary>While an enquiry or plan is open, the team is read on the day: looked at again each day; otherwise when one opens.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now).NextEntryHappens(file);
        return (file.HasOpenEnquiry(context.Now) || file.IsOnPlan(context.Now, Plans) ? next.Daily(file) : next).Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context) =>
        file.HasOpenEnquiry(context.Now) || file.IsOnPlan(context.Now, Plans) ? Findings(file, context) : [];

    /// <summary>Each agency outside the team today with entries its work does not explain, while an enquiry or plan is open.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        DateTimeOffset? openSince = null;
        var openKnown = false;
        var today = now.Day();
        var team = file.Team(today);
        var household = file.HouseholdOn(today);
        Guid? lead = null;
        var leadKnown = false;

        // What an agency recorded while it was in the team is explained by that involvement; what it recorded outside one is not.
        foreach (var (agencyId, entries) in EntriesByAgency(file))
        {
            if (InTeam(team, agencyId) || RecordedOutsideTheirWork(file, agencyId, entries) is not { } recorder) continue;
            var count = 0;
            var firstKnown = DateTimeOffset.MaxValue;
            foreach (var entry in recorder.Entries)
            {
                if (!Unexplained(file, household, recorder, entry, now)) continue;
                count++;
                if (entry.RecordedAt < firstKnown) firstKnown = entry.RecordedAt;
            }
            if (count == 0 || recorder.ExplainedFrom <= now) continue;
            if (!openKnown) (openSince, openKnown) = (file.EnquiryOrPlanOpenSince(now), true);
            if (openSince is not { } since) yield break;

            var recorded = new Guid[count];
            count = 0;
            foreach (var entry in recorder.Entries)
                if (Unexplained(file, household, recorder, entry, now)) recorded[count++] = entry.Id;
            var agency = recorder.Agency;
            var due = context.Calendar.DueAfterWorkingDays(firstKnown > since ? firstKnown : since, context.Policy.GetInt(Id, RespondWithin));
            if (!leadKnown) (lead, leadKnown) = (file.LeadProfessional(today)?.Id, true);
            yield return new Finding(
                $"agency:{agency.Id}",
                $"{agency.Name} has recorded information about the child or the family but is not in the team around the child.",
                $"Add them to the team around the child, or record a decision (team membership) on why not, {FindingWords.By(due)}.",
                due,
                recorded,
                lead);
        }
    }

    /// <summary>
    /// An agency that has recorded about the family outside its own work with the child and the parents: those entries
    /// (in chronology order), its involvements, and when a team-membership decision naming it, or its own word on its
    /// place in the team, was first recorded.
    /// </summary>
    private sealed record Recorder(Agency Agency, List<CaseEntry> Entries, Involvement[] Involvements, DateTimeOffset ExplainedFrom);

    /// <summary>The file's entries by the agency that recorded them, in chronology order.</summary>
    private static Dictionary<Guid, List<CaseEntry>> EntriesByAgency(CaseFile file)
    {
        var byAgency = new Dictionary<Guid, List<CaseEntry>>();
        foreach (var entry in file.Entries)
        {
            if (!byAgency.TryGetValue(entry.Entry.RecordedByAgencyId, out var entries)) byAgency[entry.Entry.RecordedByAgencyId] = entries = [];
            entries.Add(entry);
        }
        return byAgency;
    }

    /// <summary>
    /// What the agency recorded about the child, a parent or anyone who has lived with the child, at a time it had no
    /// involvement with the child or a parent: worked out for the file the first time the agency is found outside the
    /// team. Whether such an entry counts is settled at each moment, by who lives with the child then. Null when there
    /// is none, and for the partnership's business unit and legal services; what chairs, reviewers and others who do
    /// not work with families record is left out.
    /// </summary>
    private static Recorder? RecordedOutsideTheirWork(CaseFile file, Guid agencyId, List<CaseEntry> entries)
    {
        if (!file.Agencies.TryGetValue(agencyId, out var agency) || agency.Kind is AgencyKind.PartnershipBusinessUnit or AgencyKind.LegalServices) return null;
        var child = file.Child.Id;
        var everLivedWith = new HashSet<Guid>();
        foreach (var home in file.Households)
            if (home.PersonId == child)
                foreach (var m in file.Households)
                    if (m.HouseholdId == home.HouseholdId) everLivedWith.Add(m.PersonId);
        var involvements = new List<Involvement>();
        foreach (var involvement in file.Involvements)
            if (involvement.AgencyId == agencyId) involvements.Add(involvement);

        var outside = new List<CaseEntry>();
        foreach (var entry in entries)
        {
            if (file.Professionals.TryGetValue(entry.Entry.RecordedByProfessionalId, out var by) && NotWorkingWithFamilies.Contains(by.Role)) continue;
            if (AboutAnyoneAround(file, everLivedWith, entry) && !WorkingWithChildOrParent(file, involvements, entry.Day())) outside.Add(entry);
        }
        return outside.Count == 0 ? null : new Recorder(agency, outside, [.. involvements], ExplainedFrom(file, agencyId));
    }

    /// <summary>The entry is about the child, a parent, or someone who has lived with the child.</summary>
    private static bool AboutAnyoneAround(CaseFile file, HashSet<Guid> everLivedWith, CaseEntry entry)
    {
        foreach (var subject in entry.Entry.Subjects)
            if (subject.PersonId == file.Child.Id || everLivedWith.Contains(subject.PersonId) || file.Parents.Contains(subject.PersonId)) return true;
        return false;
    }

    /// <summary>One of the agency's involvements on the day is with the child or a parent, who are always in the family.</summary>
    private static bool WorkingWithChildOrParent(CaseFile file, List<Involvement> involvements, DateOnly day)
    {
        foreach (var involvement in involvements)
            if ((involvement.PersonId == file.Child.Id || file.Parents.Contains(involvement.PersonId)) && involvement.IsActiveOn(day)) return true;
        return false;
    }

    /// <summary>When a team-membership decision naming the agency, or recorded by the agency and naming none, was first recorded.</summary>
    private static DateTimeOffset ExplainedFrom(CaseFile file, Guid agencyId)
    {
        var at = DateTimeOffset.MaxValue;
        foreach (var entry in file.Of<DecisionRecorded>())
        {
            var decision = (DecisionRecorded)entry.Details;
            if (decision.Topic == DecisionTopic.TeamMembership && entry.RecordedAt < at
                && (decision.AboutAgencyId == agencyId || (decision.AboutAgencyId is null && entry.Entry.RecordedByAgencyId == agencyId)))
                at = entry.RecordedAt;
        }
        return at;
    }

    /// <summary>The agency is in the team around the child: it has an involvement with the child or someone the child lives with.</summary>
    private static bool InTeam(IReadOnlyList<Involvement> team, Guid agencyId)
    {
        for (var i = 0; i < team.Count; i++)
            if (team[i].AgencyId == agencyId) return true;
        return false;
    }

    /// <summary>
    /// Recorded by now about the child, a parent or someone the child lives with today, on a day the agency had no
    /// involvement with any of them: what it recorded while in the team is explained by that involvement.
    /// </summary>
    private static bool Unexplained(CaseFile file, IEnumerable<Guid> household, Recorder recorder, CaseEntry entry, DateTimeOffset now)
    {
        if (entry.RecordedAt > now || !AboutFamily(file, household, entry)) return false;
        var day = entry.Day();
        foreach (var involvement in recorder.Involvements)
            if (IsFamily(file, household, involvement.PersonId) && involvement.IsActiveOn(day)) return false;
        return true;
    }

    private static bool AboutFamily(CaseFile file, IEnumerable<Guid> household, CaseEntry entry)
    {
        foreach (var subject in entry.Entry.Subjects)
            if (IsFamily(file, household, subject.PersonId)) return true;
        return false;
    }

    /// <summary>The child, a parent, or someone the child lives with today.</summary>
    private static bool IsFamily(CaseFile file, IEnumerable<Guid> household, Guid person) =>
        person == file.Child.Id || file.Parents.Contains(person) || household.Contains(person);
}
