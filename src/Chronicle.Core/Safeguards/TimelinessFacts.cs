using System.Globalization;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards;

/// <summary>An action someone must do that nothing on record has yet settled.</summary>
public sealed record OpenAction(CaseEntry Entry, string Description, Guid? OwnerProfessionalId);

/// <summary>
/// Questions the pattern, timeliness and transition safeguards ask of a case file: what was known by a moment,
/// who is around the child, who owns a step, and when a clock becomes near.
/// </summary>
public static class TimelinessFacts
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>When an entry became known: when it happened, or when it was recorded if that was later.</summary>
    public static DateTimeOffset Knowable(this CaseEntry entry) => entry.RecordedAt > entry.When ? entry.RecordedAt : entry.When;

    /// <summary>
    /// The entry's lasting identity, for cause keys: a correction keeps the id of the entry it corrects, so
    /// correcting an entry neither resolves its alert nor raises it again.
    /// </summary>
    public static Guid CauseId(this CaseEntry entry) => entry.Entry.SupersedesEntryId ?? entry.Id;

    /// <summary>Whether a reference made by another entry points at this entry, or at the entry it corrects.</summary>
    public static bool IsReferencedBy(this CaseEntry entry, Guid? id) =>
        id is { } value && (value == entry.Id || value == entry.Entry.SupersedesEntryId);

    /// <summary>Whether a decision about the entry (optionally on one topic) was recorded by <paramref name="now"/>.</summary>
    public static bool HasDecisionAbout(this CaseFile file, CaseEntry entry, DateTimeOffset now, DecisionTopic? topic = null) =>
        file.KnownDecisionsAbout(entry, now).Any(d => topic is null || ((DecisionRecorded)d.Details).Topic == topic);

    /// <summary>The decisions about the entry, or about the entry it corrects, recorded by <paramref name="at"/>.</summary>
    public static IEnumerable<CaseEntry> KnownDecisionsAbout(this CaseFile file, CaseEntry entry, DateTimeOffset at)
    {
        var about = entry.Entry.SupersedesEntryId is { } corrected ? file.DecisionsAbout(entry.Id).Concat(file.DecisionsAbout(corrected)) : file.DecisionsAbout(entry.Id);
        return about.Where(d => d.RecordedAt <= at);
    }

    /// <summary>The case file as it stood at a moment: only what had been recorded by then.</summary>
    public static CaseFile AsAt(this CaseFile file, DateTimeOffset moment) => new()
    {
        Child = file.Child,
        People = file.People,
        Relationships = file.Relationships,
        Households = file.Households,
        Involvements = file.Involvements,
        Addresses = [.. file.Addresses.Where(a => a.RecordedAt <= moment)],
        Professionals = file.Professionals,
        Agencies = file.Agencies,
        Entries = [.. file.Entries.Where(e => e.RecordedAt <= moment)],
        CorrectedBy = file.CorrectedBy,
    };

    /// <summary>The child and their brothers and sisters: by relationship, by a shared parent, or living in the same household.</summary>
    public static IReadOnlySet<Guid> SiblingGroup(this CaseFile file, DateOnly on) =>
        SiblingGroupOn(file, on);

    private static HashSet<Guid> SiblingGroupOn(CaseFile file, DateOnly on)
    {
        var group = new HashSet<Guid>(file.SiblingsByRelationship());
        foreach (var id in file.HouseholdOn(on))
            if (IsChild(file, id)) group.Add(id);
        return group;
    }

    /// <summary>
    /// The child and their brothers and sisters by relationship or through a shared parent: the sibling group on any
    /// day, before the children the child lives with are added.
    /// </summary>
    public static IReadOnlySet<Guid> SiblingsByRelationship(this CaseFile file)
    {
        var child = file.Child.Id;
        var group = new HashSet<Guid> { child };
        var parents = new HashSet<Guid>(file.Parents);
        foreach (var r in file.Relationships)
        {
            if (r.Kind is RelationshipKind.Sibling or RelationshipKind.HalfSibling)
            {
                if (r.PersonId == child) group.Add(r.RelatedPersonId);
                if (r.RelatedPersonId == child) group.Add(r.PersonId);
            }
            else if (Relationship.IsParental(r.Kind) && parents.Contains(r.PersonId) && IsChild(file, r.RelatedPersonId))
            {
                group.Add(r.RelatedPersonId);
            }
        }
        return group;
    }

    /// <summary>The child's parents and carers, and the adults living with the child on a day.</summary>
    public static IReadOnlySet<Guid> ParentsAndHouseholdAdults(this CaseFile file, DateOnly on)
    {
        var people = new HashSet<Guid>(file.Parents);
        foreach (var id in file.HouseholdOn(on))
            if (file.People.TryGetValue(id, out var p) && p.Kind == PersonKind.Adult) people.Add(id);
        return people;
    }

    /// <summary>
    /// The local authority area the child's case is worked in: the area of the lead professional's agency, or
    /// failing that the area most of the partnership's agencies serve.
    /// </summary>
    public static string? HomeArea(this CaseFile file, DateOnly on)
    {
        var lead = file.LeadProfessional(on);
        if (lead is not null && file.Agencies.TryGetValue(lead.AgencyId, out var agency) && !string.IsNullOrWhiteSpace(agency.Area)) return agency.Area;
        return PartnershipFacts.Of(file.Agencies, "commonest-area", static agencies => agencies.Values.Where(a => !string.IsNullOrWhiteSpace(a.Area))
            .GroupBy(a => AreaKey(a.Area!))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(a => a.Name, StringComparer.Ordinal).First().Area)
            .FirstOrDefault());
    }

    /// <summary>Area names compare without regard to case, spacing or punctuation.</summary>
    public static string AreaKey(string area) => PartnershipFacts.AreaKey(area);

    public static bool SameArea(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && AreaKey(a) == AreaKey(b);

    public static Professional? FindProfessional(this CaseFile file, Guid? id) =>
        id is { } value && file.Professionals.TryGetValue(value, out var p) ? p : null;

    public static Professional? ManagerOf(this CaseFile file, Guid? professionalId) =>
        file.FindProfessional(file.FindProfessional(professionalId)?.ManagerId);

    /// <summary>
    /// The front door worker who holds the child's case: who last received a contact or referral about the child, decided
    /// on one or was sent information about them. None when no front door worker has.
    /// </summary>
    public static Professional? FrontDoorWorker(this CaseFile file)
    {
        Professional? worker = null;
        var at = DateTimeOffset.MinValue;
        void Consider(Guid id, DateTimeOffset when)
        {
            if (when >= at && file.FindProfessional(id) is { Role: ProfessionalRole.FrontDoorWorker } p) (worker, at) = (p, when);
        }
        foreach (var e in file.OfAboutChild<ContactReceived>()) Consider(e.Entry.RecordedByProfessionalId, e.When);
        foreach (var e in file.OfAboutChild<ContactDecision>()) Consider(e.Entry.RecordedByProfessionalId, e.When);
        foreach (var e in file.OfAboutChild<InformationShared>())
            foreach (var id in ((InformationShared)e.Details).RecipientProfessionalIds) Consider(id, e.When);
        return worker;
    }

    /// <summary>
    /// The manager of the front door the child's case came through: of the front door worker who last received a
    /// contact or referral about the child, decided on one or was sent information about them; failing that, of the
    /// front door of the child's area (its workers' manager, the first by name). The worker themselves when they have no
    /// manager on record. Never the front door of another area or another child's case: no one when neither is known.
    /// </summary>
    public static Professional? FrontDoorManager(this CaseFile file)
    {
        var worker = file.FrontDoorWorker();
        if (worker is null)
        {
            var area = file.HomeArea(file.EntriesAboutChild.Count > 0 ? WorkingDayCalendar.UkDate(file.EntriesAboutChild[^1].When) : DateOnly.MaxValue);
            worker = file.Professionals.Values
                .Where(p => p.Role == ProfessionalRole.FrontDoorWorker && file.Agencies.TryGetValue(p.AgencyId, out var a) && SameArea(a.Area, area))
                .OrderBy(p => p.ManagerId is null).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).FirstOrDefault();
        }
        return file.ManagerOf(worker?.Id) ?? worker;
    }

    /// <summary>
    /// When a clock due at <paramref name="due"/> becomes near: once no more than <paramref name="warnWorkingDays"/>
    /// working days are left, that is from the end of the working day that many working days before the due day
    /// (due at the end of Monday with a warning of 2: from the end of Thursday). Never before the end of the day
    /// the clock started, because a step cannot be late on the day its clock starts. A warning of 0 means only
    /// once the due time has passed.
    /// </summary>
    public static DateTimeOffset NearFrom(this WorkingDayCalendar calendar, DateTimeOffset trigger, DateTimeOffset due, int warnWorkingDays)
    {
        var warnDay = calendar.WorkingDaysBefore(WorkingDayCalendar.UkDate(due), warnWorkingDays);
        var triggerDay = WorkingDayCalendar.UkDate(trigger);
        return WorkingDayCalendar.StartOfUkDay((warnDay > triggerDay ? warnDay : triggerDay).AddDays(1));
    }

    /// <summary>The Nth working day before <paramref name="day"/> (the day itself not counted).</summary>
    public static DateOnly WorkingDaysBefore(this WorkingDayCalendar calendar, DateOnly day, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var counted = 0;
        while (counted < workingDays)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>The end of the UK day <paramref name="months"/> calendar months after the UK date of <paramref name="instant"/>.</summary>
    public static DateTimeOffset DueAfterMonths(DateTimeOffset instant, int months) =>
        WorkingDayCalendar.EndOfUkDay(WorkingDayCalendar.UkDate(instant).AddMonths(months));

    /// <summary>A due time in words: "the end of Monday 19 January 2015", or "14:30 on Monday 19 January 2015".</summary>
    public static string Describe(DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, WorkingDayCalendar.UkTime);
        var day = local.ToString("dddd d MMMM yyyy", English);
        return local.TimeOfDay >= new TimeSpan(0, 23, 59, 59, 0) ? $"the end of {day}" : $"{local.ToString("HH:mm", English)} on {day}";
    }

    /// <summary>A day in words: "19 January 2015".</summary>
    public static string Describe(DateOnly day) => day.ToString("d MMMM yyyy", English);

    /// <summary>
    /// Actions recorded about the child up to <paramref name="upTo"/> (since the case was last closed) that nothing
    /// known by <paramref name="now"/> has settled. Chronicle has no "action done" entry: an action on a medical,
    /// strategy discussion, meeting or supervision is settled by a decision recorded about that entry; a plan item
    /// by a review marking it achieved, or by the plan ending.
    /// </summary>
    public static IReadOnlyList<OpenAction> OutstandingActions(this CaseFile file, DateTimeOffset upTo, DateTimeOffset now)
    {
        var reopened = file.KnownAboutChild<CaseClosure>(now)
            .Where(c => c.Details.Stage == ClosureStage.Closed && c.Entry.When < upTo)
            .Select(c => c.Entry.When).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var open = new List<OpenAction>();
        foreach (var (entry, actions) in EntriesAskingForActions(file))
        {
            if (entry.RecordedAt > now || entry.When <= reopened || entry.When > upTo || file.HasDecisionAbout(entry, now)) continue;
            open.AddRange(actions.Select(a => new OpenAction(entry, a.Description, a.OwnerProfessionalId)));
        }

        var ended = file.Known<PlanEnded>(now).Select(p => p.Details.PlanEntryId).ToList();
        foreach (var (planEntry, plan) in file.ActivePlans(upTo).Where(p => p.Entry.RecordedAt <= now && p.Entry.When > reopened && !ended.Exists(id => p.Entry.IsReferencedBy(id) || file.CurrentIdOf(id) == p.Entry.Id)))
        {
            var achieved = file.Known<PlanReviewed>(now).Where(r => planEntry.IsReferencedBy(r.Details.PlanEntryId))
                .SelectMany(r => r.Details.Progress).Where(p => p.Achieved).Select(p => p.ItemIndex).ToHashSet();
            open.AddRange(plan.Items.Where((_, i) => !achieved.Contains(i)).Select(item => new OpenAction(planEntry, item.Action, item.OwnerProfessionalId)));
        }
        return open;
    }

    /// <summary>The entries about the child that ask for actions (a medical, strategy discussion, meeting or supervision), in chronology order.</summary>
    private static List<(CaseEntry Entry, IReadOnlyList<ActionItem> Actions)> EntriesAskingForActions(CaseFile file)
    {
        var asking = new List<(CaseEntry, IReadOnlyList<ActionItem>)>();
        foreach (var entry in file.EntriesAboutChild)
        {
            var actions = entry.Details switch
            {
                ChildProtectionMedical m => m.Actions,
                StrategyDiscussion s => s.Actions,
                MeetingHeld h => h.Actions,
                Supervision s => s.Actions,
                _ => [],
            };
            if (actions.Count > 0) asking.Add((entry, actions));
        }
        return asking;
    }

    /// <summary>
    /// Each time closing the child's case was put forward: a proposal, or a closure recorded with no proposal
    /// before it (since the case was last closed). A closure that follows its proposal is the same occasion.
    /// </summary>
    public static IReadOnlyList<(CaseEntry Entry, CaseClosure Closure)> ClosureProposals(this CaseFile file, DateTimeOffset now)
    {
        var proposals = new List<(CaseEntry, CaseClosure)>();
        var proposed = false;
        foreach (var (entry, closure) in file.KnownAboutChild<CaseClosure>(now))
        {
            if (closure.Stage == ClosureStage.Proposed)
            {
                if (!proposed) proposals.Add((entry, closure));
                proposed = true;
            }
            else
            {
                if (!proposed) proposals.Add((entry, closure));
                proposed = false;
            }
        }
        return proposals;
    }

    /// <summary>A listing of short descriptions in words: "a, b and c".</summary>
    public static string InWords(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    /// <summary>An assessment's "considered" list holds a topic ("physical-harm", "physical harm" and "Physical Harm" match).</summary>
    public static bool Considers(this AssessmentCompleted assessment, string topic)
    {
        foreach (var considered in assessment.Considered)
            if (SameTopic(considered, topic)) return true;
        return false;
    }

    /// <summary>The same letters and digits, whatever their case, whatever lies between them.</summary>
    private static bool SameTopic(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i])) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (char.ToUpperInvariant(a[i++]) != char.ToUpperInvariant(b[j++])) return false;
        }
    }

    private static bool IsChild(CaseFile file, Guid id) => file.People.TryGetValue(id, out var p) && p.IsChild;
}
