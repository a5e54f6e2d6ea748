using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-15: contacts keep arriving about a child or their brothers and sisters, and none leads to an assessment.
/// The cause is the contact that completes the count; later contacts join the same cause until a manager's
/// decision about the contacts, or a completed assessment, starts the count again.
/// </summary>
public sealed class RepeatedContactsNoAssessment : ISafeguard
{
    public static readonly SettingDefinition Count = new("count", "Contacts or referrals", "3", "contacts");
    public static readonly SettingDefinition Window = new("window", "Within", "12", "months");
    public static readonly SettingDefinition DecideWithin = new("decide-within", "Manager's decision within", "1", "working days");

    /// <summary>The assessments of a child's needs that answer a run of contacts.</summary>
    private static readonly AssessmentType[] Assessments =
        [AssessmentType.ChildAndFamily, AssessmentType.Section47, AssessmentType.EarlyHelp, AssessmentType.PreBirth];

    public string Id => "SG-15";
    public int Version => 1;
    public string Title => "Repeated contacts, no assessment";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "Additional issues: the long-term impact of neglect and domestic abuse",
            "In the subsequent two years there were 12 contacts with CSC expressing concern for the children's welfare, none of which resulted in a further assessment."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Count, Window, DecideWithin];

    /// <summary>
    /// When the open run of contacts is first answered; where the sibling group depends on the day, the days who lives
    /// with the child changes.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var now = context.Now;
        if (file.Of<ContactReceived>().Count < count) return null;
        var about = AboutSiblingGroup.Of(file);
        if (about.Contacts.Length < count) return null;
        var next = new NextMoment(now).NextEntryHappens(file);
        if (!about.SameEveryDay) return next.NextDayAroundChildChanges(file).Earliest;
        var months = context.Policy.GetInt(Id, Window);
        var run = OpenRun(file, about, count, months, now, now.Day());
        return next.At(run.FirstAnswered).Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var months = context.Policy.GetInt(Id, Window);
        var now = context.Now;
        // The contacts counted are among the file's contacts: too few of those, and no run can reach the count.
        if (file.Of<ContactReceived>().Count < count) return [];
        var about = AboutSiblingGroup.Of(file);
        if (about.Contacts.Length < count) return [];
        var day = now.Day();

        var run = OpenRun(file, about, count, months, now, day);
        if (run.Cause is not { } cause || run.FirstAnswered <= now) return [];

        var windowStart = cause.When.Day().AddMonths(-months);
        var contacts = new List<Guid>();
        CaseEntry? firstInWindow = null;
        var inWindow = 0;
        for (var i = run.From; i < about.Contacts.Length; i++)
        {
            if (!about.Counts(file, about.Contacts[i], now, day)) continue;
            var contact = about.Contacts[i].Entry;
            contacts.Add(contact.Id);
            if (contact.When.Day() < windowStart || contact.When > cause.When) continue;
            firstInWindow ??= contact;
            inWindow++;
        }
        var due = context.Calendar.DueAfterWorkingDays(cause.Knowable(), context.Policy.GetInt(Id, DecideWithin));
        var later = contacts.Count - inWindow;
        return
        [
            new Finding(
                $"contacts:{cause.CauseId()}",
                $"{inWindow} contacts or referrals about {file.Child.DisplayName} or their brothers and sisters between " +
                $"{TimelinessFacts.Describe(firstInWindow!.When.Day())} and {TimelinessFacts.Describe(cause.When.Day())}, and no assessment in that time" +
                (later > 0 ? $"; {later} more since." : "."),
                $"A front door manager to review the whole contact history and record a decision about these contacts by {TimelinessFacts.Describe(due)}.",
                due,
                contacts,
                file.FrontDoorManager()?.Id),
        ];
    }

    /// <summary>
    /// The run of contacts still open after the last contact known: the counted contacts from <paramref name="From"/>
    /// among those about the sibling group; the contact that completed the count, if one did since the run was last answered;
    /// and when the first answer to it since then happened (<see cref="DateTimeOffset.MaxValue"/>: none yet).
    /// </summary>
    private sealed record Run(int From, CaseEntry? Cause, DateTimeOffset FirstAnswered);

    /// <summary>
    /// The open run of contacts recorded by <paramref name="known"/> about the sibling group as it is on the day: the
    /// contacts are followed in order, a run ending each time an assessment, or (once the count is reached) a decision
    /// about its contacts, answers it.
    /// </summary>
    private static Run OpenRun(CaseFile file, AboutSiblingGroup about, int count, int months, DateTimeOffset known, DateOnly day)
    {
        var contacts = about.Contacts;
        bool Counted(GroupEntry entry) => about.Counts(file, entry, known, day);

        var counted = 0;
        foreach (var contact in contacts)
            if (Counted(contact)) counted++;
        if (counted < count) return new Run(contacts.Length, null, DateTimeOffset.MaxValue);

        // When the run (the contacts counted from runFrom, before runEnd) was last answered up to a moment: by an
        // assessment, or (once the count is reached) by a decision about its contacts.
        DateTimeOffset? AnsweredBetween(DateTimeOffset after, CaseEntry? trigger, int runFrom, int runEnd, DateTimeOffset upTo)
        {
            DateTimeOffset? answered = null;
            foreach (var assessment in about.Assessed)
                if (assessment.Entry.When > after && assessment.Entry.When <= upTo && Counted(assessment)) answered = Later(answered, assessment.Entry.When);
            if (trigger is null) return answered;
            for (var i = runFrom; i < runEnd; i++)
                if (Counted(contacts[i])) answered = Later(answered, LatestDecisionAbout(file, contacts[i].Entry, trigger.When, upTo, known));
            return answered;
        }

        // How many of the run up to and including the contact at the index are in the window that starts on the day.
        int InWindow(int runFrom, int last, DateOnly windowStart)
        {
            var within = 0;
            for (var i = last; i >= runFrom && contacts[i].Entry.When.Day() >= windowStart; i--)
                if (Counted(contacts[i])) within++;
            return within;
        }

        var since = DateTimeOffset.MinValue;
        CaseEntry? cause = null;
        var runFrom = 0;
        for (var i = 0; i < contacts.Length; i++)
        {
            if (!Counted(contacts[i])) continue;
            var contact = contacts[i].Entry;
            if (AnsweredBetween(since, cause, runFrom, i, contact.When) is { } answered)
            {
                since = answered;
                cause = null;
                // Contacts are oldest first: those up to the answer leave the run from its start.
                while (runFrom < i && contacts[runFrom].Entry.When <= since) runFrom++;
            }
            if (cause is null && InWindow(runFrom, i, contact.When.Day().AddMonths(-months)) >= count) cause = contact;
        }
        if (cause is null) return new Run(runFrom, null, DateTimeOffset.MaxValue);

        var firstAnswered = DateTimeOffset.MaxValue;
        foreach (var assessment in about.Assessed)
            if (assessment.Entry.When > since && assessment.Entry.When < firstAnswered && Counted(assessment)) firstAnswered = assessment.Entry.When;
        for (var i = runFrom; i < contacts.Length; i++)
            if (Counted(contacts[i]) && EarliestDecisionAbout(file, contacts[i].Entry, cause.When, known) is { } decided && decided < firstAnswered) firstAnswered = decided;
        return new Run(runFrom, cause, firstAnswered);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    /// <summary>When the latest decision about the contact (or the entry it corrects) recorded by <paramref name="known"/> happened, from <paramref name="from"/> up to <paramref name="upTo"/>.</summary>
    private static DateTimeOffset? LatestDecisionAbout(CaseFile file, CaseEntry contact, DateTimeOffset from, DateTimeOffset upTo, DateTimeOffset known) =>
        file.KnownDecisionsAbout(contact, known).Where(d => d.When >= from && d.When <= upTo).Select(d => (DateTimeOffset?)d.When).Max();

    /// <summary>When the earliest decision about the contact (or the entry it corrects) recorded by <paramref name="known"/> happened, from <paramref name="from"/> on.</summary>
    private static DateTimeOffset? EarliestDecisionAbout(CaseFile file, CaseEntry contact, DateTimeOffset from, DateTimeOffset known) =>
        file.KnownDecisionsAbout(contact, known).Where(d => d.When >= from).Select(d => (DateTimeOffset?)d.When).Min();

    /// <summary>A contact or assessment about the child's sibling group; <paramref name="AnyDay"/> when it is about someone in the group whatever the day.</summary>
    private readonly record struct GroupEntry(CaseEntry Entry, bool AnyDay);

    /// <summary>
    /// The contacts and the assessments that answer them about the child and their brothers and sisters (the sibling
    /// group of <see cref="TimelinessFacts.SiblingGroup"/>), oldest first. Brothers and sisters by relationship or through
    /// a parent are in the group on any day; other children only on the days they live with the child, so an entry about
    /// those alone counts by the day.
    /// </summary>
    private sealed class AboutSiblingGroup
    {
        private readonly Guid[] _whileLivingTogether;

        public AboutSiblingGroup(CaseFile file)
        {
            var child = file.Child.Id;
            var anyDay = file.SiblingsByRelationship();
            var homes = new HashSet<Guid>();
            foreach (var m in file.Households)
                if (m.PersonId == child) homes.Add(m.HouseholdId);
            var whileLivingTogether = new HashSet<Guid>();
            foreach (var m in file.Households)
                if (homes.Contains(m.HouseholdId) && !anyDay.Contains(m.PersonId) && IsChild(file, m.PersonId)) whileLivingTogether.Add(m.PersonId);
            _whileLivingTogether = [.. whileLivingTogether];

            var contacts = new List<GroupEntry>();
            foreach (var entry in file.Of<ContactReceived>())
                if (About(entry, anyDay, whileLivingTogether) is { } about) contacts.Add(about);
            Contacts = [.. contacts];
            var assessments = new List<GroupEntry>();
            foreach (var entry in file.Of<AssessmentCompleted>())
                if (Assessments.Contains(((AssessmentCompleted)entry.Details).Type) && About(entry, anyDay, whileLivingTogether) is { } about) assessments.Add(about);
            Assessed = [.. assessments];
            SameEveryDay = Array.TrueForAll(Contacts, static c => c.AnyDay) && Array.TrueForAll(Assessed, static a => a.AnyDay);
        }

        /// <summary>The case file's contacts and assessments about the sibling group.</summary>
        public static AboutSiblingGroup Of(CaseFile file) => new AboutSiblingGroup(file);

        public GroupEntry[] Contacts { get; }

        public GroupEntry[] Assessed { get; }

        /// <summary>Every contact and assessment listed is about someone in the group whatever the day.</summary>
        public bool SameEveryDay { get; }

        /// <summary>The entry was recorded by <paramref name="known"/> and is about someone in the sibling group on the day.</summary>
        public bool Counts(CaseFile file, GroupEntry entry, DateTimeOffset known, DateOnly day)
        {
            if (entry.Entry.RecordedAt > known) return false;
            if (entry.AnyDay) return true;
            foreach (var person in _whileLivingTogether)
                if (entry.Entry.Entry.IsAbout(person) && LivesWithChild(file, person, day)) return true;
            return false;
        }

        private static GroupEntry? About(CaseEntry entry, IReadOnlySet<Guid> anyDay, HashSet<Guid> whileLivingTogether)
        {
            var someDays = false;
            foreach (var subject in entry.Entry.Subjects)
            {
                if (anyDay.Contains(subject.PersonId)) return new GroupEntry(entry, AnyDay: true);
                someDays |= whileLivingTogether.Contains(subject.PersonId);
            }
            return someDays ? new GroupEntry(entry, AnyDay: false) : null;
        }

        /// <summary>The person lives in one of the child's households on the day.</summary>
        private static bool LivesWithChild(CaseFile file, Guid person, DateOnly day)
        {
            var households = file.Households;
            for (var i = 0; i < households.Count; i++)
            {
                var home = households[i];
                if (home.PersonId != file.Child.Id || !home.IsCurrentOn(day)) continue;
                for (var j = 0; j < households.Count; j++)
                    if (households[j].PersonId == person && households[j].HouseholdId == home.HouseholdId && households[j].IsCurrentOn(day)) return true;
            }
            return false;
        }

        private static bool IsChild(CaseFile file, Guid id) => file.People.TryGetValue(id, out var p) && p.IsChild;
    }
}
