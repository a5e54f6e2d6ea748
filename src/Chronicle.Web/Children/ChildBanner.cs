using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Children;

/// <summary>The parts of a child's record, each a view of its own under the banner.</summary>
public enum ChildView { Summary, Chronology, People, Team, Plans, Meetings, Alerts, ViewingHistory }

/// <summary>
/// Who the child is, at the top of every view of their record: name, age and date of birth (as precisely as it is
/// known), NHS number, where each agency says the child lives (and whether they disagree), legal status and the lead
/// professional; with the main actions and the record's sub-navigation.
/// </summary>
public sealed record ChildBanner(
    Person Child,
    string Age,
    string DateOfBirth,
    string? NhsNumber,
    IReadOnlyList<AddressLine> Addresses,
    bool AddressesDisagree,
    IReadOnlyList<string> LegalStatus,
    string? Lead,
    bool MaySeeViewingHistory,
    ChildView Current,
    bool IsHeading)
{
    /// <summary>Until when the reader sees the record through break-glass access, if that is how they see it.</summary>
    public DateTimeOffset? BreakGlassUntil { get; init; }

    /// <summary>Whether the child's case is closed: nothing is offered that works on it (a plan, a meeting).</summary>
    public bool IsClosed { get; init; }

    /// <summary>
    /// Every view but the summary shows the banner compact (name, birth and age, NHS number and legal status on a line
    /// or two, the break-glass warning in one line), so that the view's own content starts in the first screen.
    /// </summary>
    public bool IsCompact => Current != ChildView.Summary;

    /// <summary>Reads the banner of a child the user may see (the caller has checked), as things stand now.</summary>
    public static async Task<ChildBanner?> LoadAsync(ChronicleDb db, Guid partnershipId, Guid childId, DateTimeOffset now, bool maySeeViewingHistory, ChildView current, bool isHeading, CancellationToken ct = default)
    {
        var child = await db.People.AsNoTracking().Include(p => p.Identifiers)
            .FirstOrDefaultAsync(p => p.Id == childId && p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult, ct);
        if (child is null) return null;
        var today = WorkingDayCalendar.UkDate(now);
        var nhs = child.Identifiers.FirstOrDefault(i => i.Scheme == IdentifierScheme.NhsNumber) is { } id ? Core.Record.NhsNumber.Format(id.Value) : null;

        var agencyRecords = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, ct);
        var agencies = agencyRecords.ToDictionary(a => a.Key, a => a.Value.Name);
        // Each agency's current report of where the child lives: its open fact recorded last.
        var reports = (await db.AddressFacts.AsNoTracking().Where(a => a.PersonId == childId).ToListAsync(ct))
            .Where(a => a.To is null || a.To >= today).GroupBy(a => a.ReportedByAgencyId)
            .Select(g => g.OrderByDescending(a => a.From ?? DateOnly.MinValue).ThenByDescending(a => a.RecordedAt).First())
            .OrderBy(a => agencies.GetValueOrDefault(a.ReportedByAgencyId), StringComparer.CurrentCulture).ToList();
        var addresses = reports.Select(a => new AddressLine(agencies.GetValueOrDefault(a.ReportedByAgencyId) ?? "An agency",
            a.Postcode is null ? a.Address : $"{a.Address}, {a.Postcode}", a.LocalAuthority, a.From is null ? "Not known" : Display.Date(a.From), "", a.EntryId)).ToList();
        var disagree = reports.Select(a => AddressFact.Normalise(a.Address)).Distinct().Count() > 1;

        var file = await LegalFileAsync(db, child, agencyRecords, now, ct);
        List<string> status;
        var isClosed = Core.Casework.ClosedCase.At(file, now) is not null;
        if (Core.Casework.ClosedCase.At(file, now) is { } closed)
        {
            // A closed case has no current status: when it closed, and how it stood then.
            var then = Status(file, child, closed.AddTicks(-1));
            status = [then.Count == 0 ? $"Case closed on {Display.Date(WorkingDayCalendar.UkDate(closed))}"
                : $"Case closed on {Display.Date(WorkingDayCalendar.UkDate(closed))}, when it was: {string.Join(", ", then).ToLowerInvariant()}"];
        }
        else status = Status(file, child, now);
        var lead = file.LeadProfessional(today) is { } p ? $"{p.Name}, {agencies.GetValueOrDefault(p.AgencyId)}" : null;

        return new ChildBanner(child, Display.Age(child, today), BirthDate(child), nhs, addresses, disagree, status, lead, maySeeViewingHistory, current, isHeading) { IsClosed = isClosed };
    }

    private static List<string> Status(CaseFile file, Person child, DateTimeOffset at)
    {
        var status = new List<string>();
        if (child.Kind == PersonKind.UnbornChild) status.Add("Pre-birth");
        if (file.IsOnChildProtectionPlan(at)) status.Add("Child protection plan");
        if (file.IsOnPlan(at, Core.Chronology.Details.PlanType.ChildInNeed)) status.Add("Child in need plan");
        if (file.IsLookedAfter(at)) status.Add("Looked after");
        if (file.HasOpenEnquiry(at)) status.Add("Section 47 enquiry open");
        return status;
    }

    /// <summary>The entries a child's legal status is read from: plans, assessments and enquiries, orders and police protection, and the case's closure.</summary>
    private static readonly string[] LegalKinds = [.. new[] { EntryKinds.PlanStarted, EntryKinds.PlanEnded, EntryKinds.AssessmentStarted, EntryKinds.AssessmentCompleted,
        EntryKinds.StrategyDiscussion, EntryKinds.CourtOrder, EntryKinds.PoliceProtection, EntryKinds.CaseClosure,
        // A contact or referral after a closure opens the case again: the banner never says "closed" while the front door decides.
        EntryKinds.Contact, EntryKinds.ContactDecision }.Select(k => k.Code)];

    /// <summary>
    /// The child's case file with only the entries its legal status depends on, so that the banner reads a few entries
    /// of a long chronology, not all of them; the status questions are the safeguards' own (CaseFacts).
    /// </summary>
    private static async Task<CaseFile> LegalFileAsync(ChronicleDb db, Person child, IReadOnlyDictionary<Guid, Agency> agencies, DateTimeOffset now, CancellationToken ct)
    {
        var involvements = await db.Involvements.AsNoTracking().Where(i => i.PersonId == child.Id).ToListAsync(ct);
        // The lead is one of the professionals working with the child: theirs are the only professionals it reads.
        var working = involvements.Select(i => i.ProfessionalId).OfType<Guid>().Distinct().ToList();
        var entryIds = db.EntrySubjects.Where(s => s.PersonId == child.Id).Select(s => s.EntryId);
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => entryIds.Contains(e.Id) && LegalKinds.Contains(e.Kind)).ToListAsync(ct);
        // A correction is of the same kind as what it corrects, so both are here when either is.
        return new CaseFile
        {
            Child = child,
            People = new Dictionary<Guid, Person> { [child.Id] = child },
            Relationships = [],
            Households = [],
            Involvements = involvements,
            Addresses = [],
            Professionals = working.Count == 0 ? new Dictionary<Guid, Professional>()
                : await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == child.PartnershipId && working.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct),
            Agencies = agencies,
            Entries = CaseFileLoader.Current(entries.Where(e => e.RecordedAt <= now)),
        };
    }

    /// <summary>"12 March 2014", "March 2014 (day not known)", "About 12 March 2014", or the expected date of delivery.</summary>
    public static string BirthDate(Person child)
    {
        if (child.Kind == PersonKind.UnbornChild) return Display.BirthDate(child);
        if (child.DateOfBirth is not { } dob || child.DateOfBirthPrecision == DatePrecision.Unknown) return "Not known";
        return child.DateOfBirthPrecision switch
        {
            DatePrecision.Month => $"{dob:MMMM yyyy} (day not known)",
            DatePrecision.Year => $"{dob:yyyy} (month not known)",
            DatePrecision.Approximate => $"About {Display.Date(dob)}",
            _ => Display.Date(dob),
        };
    }

    /// <summary>The sub-navigation: each view, its page (the child's id in its route), and its words.</summary>
    public IEnumerable<(ChildView View, string Page, string Text)> Views()
    {
        yield return (ChildView.Summary, "/Children/Child", "Summary");
        yield return (ChildView.Chronology, "/Children/Chronology", "Chronology");
        yield return (ChildView.People, "/Children/People", "People and household");
        yield return (ChildView.Team, "/TeamAroundChild/Team", "Team");
        yield return (ChildView.Plans, "/TeamAroundChild/Plans", "Plans");
        yield return (ChildView.Meetings, "/TeamAroundChild/Meetings", "Meetings");
        yield return (ChildView.Alerts, "/Children/Alerts", "Alerts");
        if (MaySeeViewingHistory) yield return (ChildView.ViewingHistory, "/Children/Viewers", "Viewing history");
    }
}

/// <summary>
/// Renders the child's banner (Pages/Children/_ChildBanner.cshtml) on each view of the record. The page has
/// already checked that the child is visible; this asks again, so a banner is never shown for a child who is not.
/// </summary>
public sealed class ChildBannerViewComponent(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid childId, ChildView current, bool isHeading = false)
    {
        var ct = HttpContext.RequestAborted;
        if (await partnership.FindAsync(ct) is not { } found || await access.ChildAsync(childId, ct) is not { } child) return Content("");
        var user = await currentUser.RequireAsync(ct);
        var banner = await ChildBanner.LoadAsync(db, found.Id, childId, clock.GetUtcNow(), AccessPolicy.ToViewingHistory(user.Viewer, child.Facts), current, isHeading, ct);
        if (banner is null) return Content("");
        if (child.Basis == AccessBasis.BreakGlass)
        {
            var now = clock.GetUtcNow();
            banner = banner with
            {
                BreakGlassUntil = (await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.Account.Id && g.ChildPersonId == childId).ToListAsync(ct))
                .Where(g => g.IsActiveAt(now)).Max(g => (DateTimeOffset?)g.ExpiresAt)
            };
        }
        return View("/Pages/Children/_ChildBanner.cshtml", banner);
    }
}
