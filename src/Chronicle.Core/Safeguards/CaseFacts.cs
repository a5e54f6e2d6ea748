using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards;

/// <summary>Questions several safeguards ask of a case file. Each answers "as at" a moment, from entries recorded by then.</summary>
public static class CaseFacts
{
    /// <summary>Plans (non-draft) started at or before the moment and not ended by then.</summary>
    public static IReadOnlyList<(CaseEntry Entry, PlanStarted Plan)> ActivePlans(this CaseFile file, DateTimeOffset at) =>
        Openings(file).ActivePlans(at);

    public static bool IsOnPlan(this CaseFile file, DateTimeOffset at, params PlanType[] types) => Openings(file).AnyActivePlan(at, types);

    public static bool IsOnChildProtectionPlan(this CaseFile file, DateTimeOffset at) => file.IsOnPlan(at, PlanType.ChildProtection);

    /// <summary>Assessments about the child started by the moment and not yet completed (a completion names its start, or is the next of its type).</summary>
    public static IReadOnlyList<(CaseEntry Entry, AssessmentStarted Assessment)> OpenAssessments(this CaseFile file, DateTimeOffset at) =>
        Openings(file).OpenAssessments(at);

    /// <summary>A section 47 enquiry is open: started (or decided at a strategy discussion) and not completed.</summary>
    public static bool HasOpenEnquiry(this CaseFile file, DateTimeOffset at) => Openings(file).HasOpenEnquiry(at);

    /// <summary>An assessment, enquiry or plan is open: the case is live.</summary>
    public static bool IsOpenCase(this CaseFile file, DateTimeOffset at)
    {
        var openings = Openings(file);
        return openings.AnyOpenAssessment(at, null) || openings.HasOpenEnquiry(at) || openings.AnyActivePlan(at, []);
    }

    private static CaseOpenings Openings(CaseFile file) => new(file);

    /// <summary>Looked after: in police protection (72 hours) or under a granted care or emergency protection order not since discharged.</summary>
    public static bool IsLookedAfter(this CaseFile file, DateTimeOffset at)
    {
        if (file.Of<PoliceProtection>().Any(e => e.When <= at && e.When.AddHours(72) > at)) return true;
        var orders = file.Of<CourtOrder>().Where(e => e.When <= at && e.Entry.IsAbout(file.Child.Id))
            .Select(e => e.As<CourtOrder>()!)
            .Where(o => o.Order is CourtOrderType.EmergencyProtectionOrder or CourtOrderType.InterimCareOrder or CourtOrderType.CareOrder)
            .ToList();
        foreach (var type in orders.Select(o => o.Order).Distinct())
        {
            var last = orders.Last(o => o.Order == type);
            if (last.Stage is CourtOrderStage.Granted or CourtOrderStage.Extended && (last.Expires is null || last.Expires >= WorkingDayCalendar.UkDate(at))) return true;
        }
        return false;
    }

    /// <summary>The child's lead professional on a day; failing that, the allocated children's social care worker.</summary>
    public static Professional? LeadProfessional(this CaseFile file, DateOnly on)
    {
        var lead = file.Lead(on);
        if (lead?.ProfessionalId is { } id && file.Professionals.TryGetValue(id, out var p)) return p;
        return file.LeadSocialWorker(on);
    }

    /// <summary>The children's social care professional working with the child on a day (the lead, if it is one).</summary>
    public static Professional? LeadSocialWorker(this CaseFile file, DateOnly on)
    {
        // The lead first, then the latest to start; the first of those on record wins a tie.
        Involvement? first = null;
        foreach (var i in file.Involvements)
        {
            if (i.PersonId != file.Child.Id || !i.IsActiveOn(on) || i.ProfessionalId is null
                || !file.Agencies.TryGetValue(i.AgencyId, out var a) || a.Kind != AgencyKind.ChildrensSocialCare) continue;
            if (first is null || (i.IsLead && !first.IsLead) || (i.IsLead == first.IsLead && i.From > first.From)) first = i;
        }
        return first is not null && file.Professionals.TryGetValue(first.ProfessionalId!.Value, out var p) ? p : null;
    }

    /// <summary>The team around the child on a day: involvements with the child or with anyone in the child's household.</summary>
    public static IReadOnlyList<Involvement> Team(this CaseFile file, DateOnly on)
    {
        var people = file.ChildParentsAndHousehold(on);
        var team = new List<Involvement>();
        foreach (var i in file.Involvements)
            if (people.Contains(i.PersonId) && i.IsActiveOn(on)) team.Add(i);
        return team.ToArray();
    }

    /// <summary>The child's age in whole months on a day, or null if the date of birth is not known to the day or month.</summary>
    public static int? AgeInMonths(this Person child, DateOnly on)
    {
        if (child.Kind == PersonKind.UnbornChild) return null;
        if (child.DateOfBirth is not { } dob || child.DateOfBirthPrecision is not (DatePrecision.Day or DatePrecision.Exact or DatePrecision.Month or DatePrecision.Approximate)) return null;
        if (on < dob) return null;
        var months = (on.Year - dob.Year) * 12 + on.Month - dob.Month;
        if (on.Day < dob.Day) months--;
        return months;
    }

    public static DateOnly Day(this DateTimeOffset instant) => WorkingDayCalendar.UkDate(instant);

    public static DateOnly Day(this CaseEntry entry) => WorkingDayCalendar.UkDate(entry.When);

    /// <summary>
    /// The entry that stands now for the entry a reference names: the last correction in its line of corrections
    /// (the entry itself when it was never corrected).
    /// </summary>
    public static Guid CurrentIdOf(this CaseFile file, Guid entryId)
    {
        for (var steps = 0; steps <= file.CorrectedBy.Count && file.CorrectedBy.TryGetValue(entryId, out var next); steps++) entryId = next;
        return entryId;
    }

    /// <summary>Whether any of the references points at this entry, or at the entry it corrects.</summary>
    public static bool IsReferencedByAny(this CaseEntry entry, IEnumerable<Guid> references) => references.Any(r => entry.IsReferencedBy(r));

    public static Agency? AgencyOfProfessional(this CaseFile file, Guid? professionalId) =>
        professionalId is { } id && file.Professionals.TryGetValue(id, out var p) && file.Agencies.TryGetValue(p.AgencyId, out var a) ? a : null;

    public static bool WorksFor(this CaseFile file, Guid? professionalId, AgencyKind kind) => file.AgencyOfProfessional(professionalId)?.Kind == kind;

    public static bool RecordedBy(this CaseFile file, CaseEntry entry, AgencyKind kind) =>
        file.Agencies.TryGetValue(entry.Entry.RecordedByAgencyId, out var a) && a.Kind == kind;

    /// <summary>The professionals in the team around the child on a day.</summary>
    public static IReadOnlySet<Guid> TeamProfessionals(this CaseFile file, DateOnly on)
    {
        var professionals = new HashSet<Guid>();
        foreach (var i in file.Team(on))
            if (i.ProfessionalId is { } id) professionals.Add(id);
        return professionals;
    }

    /// <summary>The agencies in the team around the child on a day.</summary>
    public static IReadOnlySet<Guid> TeamAgencies(this CaseFile file, DateOnly on)
    {
        var agencies = new HashSet<Guid>();
        foreach (var i in file.Team(on)) agencies.Add(i.AgencyId);
        return agencies;
    }

    /// <summary>The child, the child's parents and everyone the child lives with on a day: whose records the team's work covers.</summary>
    public static IReadOnlySet<Guid> ChildParentsAndHousehold(this CaseFile file, DateOnly on)
    {
        var people = new HashSet<Guid>(file.HouseholdOn(on));
        people.UnionWith(file.Parents);
        people.Add(file.Child.Id);
        return people;
    }

    /// <summary>
    /// <see cref="IsOpenCase"/> for many moments at once. The answer can change only when an assessment, enquiry or plan
    /// entry happens, so it is worked out once for each of those moments and looked up for the rest.
    /// </summary>
    public static Func<DateTimeOffset, bool> OpenCaseOverTime(this CaseFile file)
    {
        var changes = file.Of<AssessmentStarted>().Concat(file.Of<AssessmentCompleted>()).Concat(file.Of<StrategyDiscussion>())
            .Concat(file.Of<PlanStarted>()).Concat(file.Of<PlanEnded>())
            .Select(e => e.When).Distinct().Order().ToArray();
        var states = new bool?[changes.Length];
        return at =>
        {
            var i = Array.BinarySearch(changes, at);
            if (i < 0) i = ~i - 1;
            return i >= 0 && (states[i] ??= file.IsOpenCase(changes[i]));
        };
    }

    /// <summary>When the section 47 enquiry or plan open at the moment began (the earliest, if several are open); null when none is.</summary>
    public static DateTimeOffset? EnquiryOrPlanOpenSince(this CaseFile file, DateTimeOffset at)
    {
        var starts = file.ActivePlans(at).Where(p => p.Plan.Type != PlanType.Safety).Select(p => p.Entry.When).ToList();
        starts.AddRange(file.OpenAssessments(at).Where(a => a.Assessment.Type == AssessmentType.Section47).Select(a => a.Entry.When));
        if (file.HasOpenEnquiry(at)
            && file.OfAboutChild<StrategyDiscussion>().Where(e => e.When <= at && e.As<StrategyDiscussion>()!.InitiatesSection47).LastOrDefault() is { } decided)
            starts.Add(decided.When);
        return starts.Count == 0 ? null : starts.Min();
    }
}
