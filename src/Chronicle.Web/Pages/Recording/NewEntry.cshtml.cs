using System.Text.Json;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Chronology;
using Chronicle.Web.Recording;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Recording;

/// <summary>
/// Recording an entry on a child's chronology, or correcting one (<c>?corrects=</c>): first the kind, then its
/// fields. The entry goes through ChronologyService exactly as an API write does, so it is refused by field in the
/// same words, shared with the team and evaluated by the safeguards.
/// </summary>
[Permission(Permissions.WorkOnCase)]
[EmergencyAccessMayRecord]
public sealed class NewEntryModel(CasePages pages, ChronicleDb db, ChildAccess access, ChronologyService chronology, RecordAudit audit, TimeProvider clock) : CasePageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Corrects { get; set; }
    [BindProperty] public string? OccurredAt { get; set; }
    /// <summary>The time an own decision's form offered as when it happened: left as offered, the decision is recorded as made when it is saved.</summary>
    [BindProperty] public string? OfferedAt { get; set; }
    [BindProperty] public string? OccurredPrecision { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? SourceName { get; set; }
    [BindProperty] public string? Significance { get; set; } = EntryForm.Code(Core.Chronology.Significance.Routine);
    [BindProperty] public string? SharingLevel { get; set; } = EntryForm.Code(Core.Chronology.SharingLevel.Team);
    [BindProperty] public List<Guid> Subjects { get; set; } = [];
    [BindProperty] public string? Narrative { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? IdempotencyKey { get; set; }
    /// <summary>Every entry of the child offered, not only what the alert the form was opened from is about.</summary>
    [BindProperty(SupportsGet = true)] public bool AllEntries { get; set; }

    /// <summary>The entries the alert the form was opened from is about (its evidence), of those the user may see.</summary>
    public IReadOnlySet<Guid> AlertEvidence { get; private set; } = new HashSet<Guid>();

    /// <summary>
    /// Whether the entries offered are only what the alert is about: a form opened from an alert asks about its
    /// evidence, not the child's every entry; the others are a link away (<see cref="AllEntries"/>).
    /// </summary>
    public bool EntriesNarrowed => Alert is not null && !AllEntries && AlertEvidence.Count > 0;

    public EntryKind? Chosen { get; private set; }

    /// <summary>The kinds the user's agency usually records that can be about this child, by label: offered first.</summary>
    public IReadOnlyList<EntryKind> UsualKinds { get; private set; } = [];

    /// <summary>Every other kind that can be about this child, by label: offered under "Other kinds".</summary>
    public IReadOnlyList<EntryKind> OtherKinds { get; private set; } = [];

    /// <summary>Whether the child is born: what cannot be about them as they are is not offered (<see cref="LifeStages"/>).</summary>
    public LifeStage Stage => LifeStages.Of(Case.Person);

    /// <summary>The unborn children among the people offered: never offered as seen.</summary>
    public IReadOnlySet<Guid> Unborn { get; private set; } = new HashSet<Guid>();

    /// <summary>
    /// Whether the kind has a free-text detail of its own that says what happened (a visit's observations, an
    /// observation's text): the summary in the user's own words would ask the same, so it is not asked, unless there is
    /// one already (a correction's, or one posted).
    /// </summary>
    public bool AsksSummary => string.IsNullOrWhiteSpace(Narrative) is false || !Fields.Any(f => EntryForm.SaysWhatHappened(f));

    /// <summary>
    /// Whether the entry is the recorder's own decision on a contact or referral: made by them, known to the minute and
    /// shared with the team as entries usually are, so the form says so rather than asking, and offers changing it in
    /// its optional section.
    /// </summary>
    public bool OwnDecision => Chosen == EntryKinds.ContactDecision;

    /// <summary>Whether how the entry is recorded differs from an own decision's defaults, or is wrong: its optional section then opens.</summary>
    public bool RecordingChanged =>
        !string.IsNullOrEmpty(OccurredPrecision) || Source != EntryForm.Code(Core.Chronology.Source.SeenByRecorder) || !string.IsNullOrWhiteSpace(SourceName)
        || SharingLevel != EntryForm.Code(Core.Chronology.SharingLevel.Team)
        || RecordingFields.Any(f => ErrorFor(f) is not null);

    /// <summary>How an entry is recorded: what an own decision is not asked, in the order the form gives it.</summary>
    public static readonly string[] RecordingFields = ["occurredPrecision", "source", "sourceName", "sharingLevel"];
    public ChronologyItem? Original { get; private set; }

    /// <summary>
    /// Whether the entry to correct names someone the user may not see (a correction from them would leave that person
    /// out): of the people withheld from the chronology, those this entry names.
    /// </summary>
    private bool OriginalNamesHidden => Original is { } original && Core.Chronology.Withholding.IdsIn(original.Entry).Any(original.Withheld.Contains);
    public IReadOnlyList<DetailField> Fields { get; private set; } = [];
    public Dictionary<string, string[]> Values { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Family { get; private set; } = [];
    public Dictionary<ReferenceTarget, List<SelectListItem>> Choices { get; } = [];

    /// <summary>Whom a decision on a contact may allocate the case to: the partnership's social workers and team managers of children's social care.</summary>
    public List<SelectListItem> AllocationChoices { get; private set; } = [];

    public string[] ValuesOf(string field) => Values.GetValueOrDefault(field) ?? [];
    public string? ValueOf(string field) => ValuesOf(field).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (Original is not null && Kind is null)
        {
            var e = Original.Entry;
            Chosen = EntryKinds.Find(e.Kind);
            Fields = EntryForm.FieldsOf(Chosen!.DetailsType);
            // What the user may not see of the original (a hidden person) is not offered back to them.
            using var details = JsonDocument.Parse(Original.DetailsJson);
            EntryForm.Flatten(Fields, details.RootElement, "details", Values);
            OccurredAt = e.OccurredAt is { } at ? TimeZoneInfo.ConvertTime(at, WorkingDayCalendar.UkTime).ToString(e.OccurredPrecision switch
            {
                DatePrecision.Exact => "d/M/yyyy HH:mm",
                DatePrecision.Month => "M/yyyy",
                DatePrecision.Year => "yyyy",
                _ => "d/M/yyyy",
            }, System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : null;
            OccurredPrecision = EntryForm.Code(e.OccurredPrecision);
            Source = EntryForm.Code(e.Source);
            SourceName = e.SourceName;
            Significance = EntryForm.Code(e.Significance);
            SharingLevel = EntryForm.Code(e.SharingLevel);
            Subjects = [.. Original.SubjectIds];
            Narrative = e.Narrative;
        }
        else if (Chosen is not null && LifeStages.Refusals(Chosen, null, Case.Person, null) is [var unfit, ..])
        {
            Chosen = null;
            Fields = [];
            ShowErrors([unfit]);
        }
        else if (Chosen is not null)
        {
            if (Chosen.RecordersOwn)
            {
                // What the recorder did or saw themselves, usually recorded the day it happened: today and "I saw or heard
                // it myself" are offered, shown in the form and changeable; the time is not guessed.
                Source = EntryForm.Code(Core.Chronology.Source.SeenByRecorder);
                OccurredAt = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), WorkingDayCalendar.UkTime).ToString("d/M/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            }
            if (OwnDecision)
            {
                // A decision is recorded when it is made, by the one who made it.
                Source = EntryForm.Code(Core.Chronology.Source.SeenByRecorder);
                OccurredAt = OfferedAt = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), WorkingDayCalendar.UkTime).ToString("d/M/yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            }
            // A link may choose some details already ("details.topic=strategy-discussion", from an alert): only this kind's fields.
            foreach (var (key, values) in Request.Query)
                if (Fields.Any(f => key == $"details.{f.Name}")) Values[key] = [.. values.Select(v => v ?? "")];
            // A family alert's step chooses the other children it concerns ("subjects=id,id"): only those of the family the user may see.
            Subjects = [.. Family.Select(p => p.Id).Where(id => id != Id && Request.Query[Web.Alerts.AlertNextSteps.SubjectsKey].SelectMany(v => (v ?? "").Split(',')).Contains(id.ToString()))];
        }
        IdempotencyKey = Guid.NewGuid().ToString();
        if (OriginalNamesHidden) ShowErrors([Chronology.Corrections.NamesHiddenPeople("reason")]);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        // Emergency access records what the reader did; it does not rewrite what someone else recorded.
        if (Original is not null && await EmergencyAccess.WouldRewriteAsync(access, Original.Entry.RecordedByProfessionalId, Original.Entry.Subjects.Select(s => s.PersonId), Case.Me, ct))
        {
            await audit.DeniedAsync([Id], "correcting someone else's entry, through break glass", ct);
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (OriginalNamesHidden) return await RefuseAsync([Chronology.Corrections.NamesHiddenPeople("reason")], ct);
        if (Chosen is null) return await RefuseAsync([new FieldError("kind", "Select what kind of entry this is")], ct);
        // A kind that cannot be about this child as they are (a birth for a child born): the choice of kind again, saying why.
        if (Original is null && LifeStages.Refusals(Chosen, null, Case.Person, null) is [var unfit, ..])
        {
            Chosen = null;
            Fields = [];
            return await RefuseAsync([unfit], ct);
        }
        Values = Request.Form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray());

        var problems = new Problems();
        var details = EntryForm.Build(Fields, f => Values.GetValueOrDefault(f) ?? [], "details", problems);
        var (at, shown) = EntryForm.ParseOccurred(OccurredAt, problems);
        // The time the form offered, left unchanged, is not when the decision was made: it is made as it is saved.
        if (OwnDecision && Original is null && OfferedAt is not null && OccurredAt == OfferedAt && at is not null) at = clock.GetUtcNow();
        var precision = Parse<DatePrecision>(OccurredPrecision, "occurredPrecision", "how precisely it is known", problems)
            // Nothing typed and nothing chosen is not "not known": the service asks for one or the other.
            ?? shown ?? DatePrecision.Day;
        // Nothing posted is not "seen by the recorder": the form posts its own default, so a missing source is refused by the service.
        var source = Parse<Source>(Source, "source", "where the information comes from", problems);
        // A required yes/no left unanswered, in the form's words: said with every other error, the service's included.
        var unanswered = new Problems();
        EntryForm.RequireAnswers(Fields, f => Values.GetValueOrDefault(f) ?? [], "details", ChildName, unanswered);
        var significance = Parse<Significance>(Significance, "significance", "the significance", problems) ?? Core.Chronology.Significance.Routine;
        var sharing = Parse<SharingLevel>(SharingLevel, "sharingLevel", "who may see it", problems) ?? Core.Chronology.SharingLevel.Team;
        using var document = JsonDocument.Parse(details.ToJsonString());
        var read = DetailsReader.Read(Chosen, document.RootElement);
        if (read.Succeeded)
        {
            // An unborn child seen is refused here, by field; what cannot be about the children an entry is about (a
            // pre-birth assessment after the birth) is the service's rule (ChronologyService's life stages), asked of them all.
            foreach (var seen in SeenUnborn(read.Value!)) problems.Add(seen.Field, seen.Message);
        }
        if (problems.Any)
            // What could not be read is named; the kind's own rules are checked too, so every problem shows at once.
            return await RefuseAsync(Forms.FieldErrors.Merge([.. problems.Errors, .. unanswered.Errors], read.Errors), ct);

        var me = Case.Me;
        var people = (IReadOnlyList<Guid?>)[Id, .. Subjects.Where(s => s != Id).Distinct().Select(s => (Guid?)s)];
        // Emergency access records what the reader did; it does not act on the case (plans, meetings, closure, sharing).
        if (await EmergencyAccess.WouldActOnCaseAsync(access, db, Chosen.Code, [.. people.OfType<Guid>()], document.RootElement, ct)
            || (Original is not null && await EmergencyAccess.WouldActOnCaseAsync(access, db, Original.Entry.Kind, [Id], null, ct)))
        {
            await audit.DeniedAsync([Id], "an entry acting on the case, through break glass", ct);
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var input = new EntryInput
        {
            Kind = Chosen.Code,
            Details = document.RootElement.Clone(),
            Narrative = Narrative,
            OccurredAt = at,
            OccurredPrecision = precision,
            RecordedByProfessionalId = me,
            Subjects = [.. (await Attribution.VisibleOrNobodyAsync(access, people)).Select(p => p!.Value)],
            Source = source,
            SourceName = SourceName,
            Significance = significance,
            SharingLevel = sharing,
            IdempotencyKey = string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey,
        };
        var outcome = Original is null
            ? await chronology.RecordAsync(Case.PartnershipId, input, ct)
            : await chronology.CorrectAsync(Case.PartnershipId, Original.Entry.Id, new CorrectionInput { Entry = input, Reason = Reason }, ct);
        if (!outcome.Succeeded)
            return await RefuseAsync(Forms.FieldErrors.Merge(unanswered.Errors, outcome.Errors.Select(e => e.Field.StartsWith("entry.", StringComparison.Ordinal) ? e with { Field = e.Field["entry.".Length..] } : e)), ct);
        await pages.AuditWriteAsync(Id, Original is null ? $"recorded an entry ({Chosen.Code})" : $"corrected an entry ({Chosen.Code})", ct);
        return await FinishAsync(Original is null ? "recorded" : "corrected", RedirectToPage("/Children/Chronology", null, new { id = Id, entry = outcome.Value!.Id, done = Original is null ? "recorded" : "corrected" }, $"entry-{outcome.Value!.Id}"), ct);
    }

    /// <summary>An unborn child named among the people seen: refused, as no one can have seen them.</summary>
    private IEnumerable<FieldError> SeenUnborn(Core.Chronology.Details.EntryDetails details)
    {
        foreach (var f in Fields.Where(EntryForm.IsPeopleSeen))
        {
            var property = details.GetType().GetProperty(char.ToUpperInvariant(f.Name[0]) + f.Name[1..]);
            if (property?.GetValue(details) is not IReadOnlyList<Guid> seen) continue;
            for (var i = 0; i < seen.Count; i++)
                if (Unborn.Contains(seen[i]))
                    yield return new FieldError($"details.{f.Name}[{i}]", $"{Family.FirstOrDefault(p => p.Id == seen[i]).Name ?? "An unborn child"} is not born yet, so cannot have been seen: select only the people seen");
        }
    }

    /// <summary>The form again with its errors; it shows the child's family and entries, so it is a read.</summary>
    private async Task<IActionResult> RefuseAsync(IEnumerable<FieldError> errors, CancellationToken ct)
    {
        ShowErrors(errors.Select(e => e with { Field = Anchor(e.Field) }).OrderBy(e => FormOrder(e.Field)));
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    /// <summary>Where a field comes on the form, so that the error summary lists errors in the order of the fields.</summary>
    private int FormOrder(string field)
    {
        static bool Is(string field, string name) =>
            field == name || field.StartsWith(name + "[", StringComparison.Ordinal) || field.StartsWith(name + ".", StringComparison.Ordinal);
        // The fields as the form shows them: an own decision's recording choices come in its optional section, after the details.
        var details = Fields.Where(f => !IsMore(f)).Concat(Fields.Where(IsMore)).Select(f => $"details.{f.Name}");
        string[] order = OwnDecision
            ? ["kind", "reason", "occurredAt", "subjects", .. details, "details", .. RecordingFields, "narrative", "significance"]
            : ["kind", "reason", "occurredAt", "occurredPrecision", "source", "sourceName", "subjects", .. details, "details", "narrative", "significance", "sharingLevel"];
        var i = Array.FindIndex(order, name => Is(field, name));
        return i >= 0 ? i : order.Length;
    }

    /// <summary>
    /// The field on the form an error is about, so that its link in the summary reaches it: one of a list's values
    /// ("details.risksAnalysed[2]", "subjects[1]") is the list; a row beyond the form's is the list's first row; the
    /// details as a whole are their first field.
    /// </summary>
    private string Anchor(string field)
    {
        if (field.StartsWith("subjects", StringComparison.Ordinal)) return "subjects";
        if (field == "details") return Fields.Count > 0 ? Path(Fields[0], "details") : "narrative";
        foreach (var f in Fields)
        {
            var path = $"details.{f.Name}";
            if (field != path && !field.StartsWith(path + "[", StringComparison.Ordinal) && !field.StartsWith(path + ".", StringComparison.Ordinal)) continue;
            if (f.Input != FieldInput.Group) return path;
            var rest = field[path.Length..];
            var end = rest.IndexOf(']', StringComparison.Ordinal);
            var row = rest.StartsWith('[') && end > 0 && int.TryParse(rest[1..end], out var r) ? r : -1;
            var child = end > 0 && rest.Length > end + 1 ? rest[(end + 2)..] : null;
            if (row >= 0 && row < EntryForm.GroupRows && f.Children.FirstOrDefault(c => child == c.Name || (child ?? "").StartsWith(c.Name + "[", StringComparison.Ordinal)) is { } named)
                return Path(named, $"{path}[{row}]");
            return f.Children.Count > 0 ? Path(f.Children[0], $"{path}[0]") : path;
        }
        return field;
    }

    private static string Path(DetailField f, string prefix) =>
        f.Input == FieldInput.Group && f.Children.Count > 0 ? Path(f.Children[0], $"{prefix}.{f.Name}[0]") : $"{prefix}.{f.Name}";

    /// <summary>The kinds of entry a reference field is about, where its name says (the contact a decision is on): only those are offered.</summary>
    public static IReadOnlyList<string>? KindsFor(DetailField field) => field.Name switch
    {
        // What the front door decides on: a contact or referral, or information shared with it.
        "contactEntryId" => [EntryKinds.Contact.Code, EntryKinds.InformationShared.Code],
        "requestEntryId" => [EntryKinds.RecordsRequested.Code],
        _ => null,
    };

    /// <summary>
    /// The entries offered for a reference field: the kinds it is about, or every entry the user may see; from an alert,
    /// only what the alert is about and what is already chosen, unless none of those fits the field.
    /// </summary>
    public IReadOnlyList<SelectListItem> EntryChoices(DetailField field, IReadOnlyCollection<string>? chosen = null)
    {
        var fitting = KindsFor(field) is { } kinds ? EntryOptions.Where(o => kinds.Contains(o.Kind)).Select(o => o.Item).ToList() : [.. EntryOptions.Select(o => o.Item)];
        if (!EntriesNarrowed) return fitting;
        var narrowed = fitting.Where(o => (Guid.TryParse(o.Value, out var id) && AlertEvidence.Contains(id)) || (chosen ?? []).Contains(o.Value)).ToList();
        return narrowed.Count > 0 ? narrowed : fitting;
    }

    /// <summary>This form again, offering every entry of the child: what it was opened with, and the choice to widen.</summary>
    public IDictionary<string, string> WithAllEntries()
    {
        var route = Request.Query.Where(q => q.Key != "handler").ToDictionary(q => q.Key, q => q.Value.ToString());
        route["id"] = Id.ToString();
        if (Chosen is not null) route["kind"] = Chosen.Code;
        if (Alert is { } alert) route["alert"] = alert.ToString();
        route["allEntries"] = "true";
        return route;
    }

    /// <summary>
    /// Optional lists of the child's entries (what a decision weighed, the accounts it relied on): asked in a section
    /// of their own, after what the entry needs.
    /// </summary>
    public static bool IsMore(DetailField field) => !field.Required && field.Input == FieldInput.References && field.Target == ReferenceTarget.Entry;

    private IReadOnlyList<(string Kind, SelectListItem Item)> EntryOptions { get; set; } = [];

    private static T? Parse<T>(string? code, string field, string what, Problems problems) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        foreach (var value in Enum.GetValues<T>())
            if (EntryForm.Code(value) == code) return value;
        problems.Add(field, $"Select {what}: one of the choices given");
        return null;
    }

    /// <summary>
    /// The professionals the form has chosen already (posted, or named by the entry being corrected): offered even from
    /// outside the team and the user's agency, so that nothing chosen is lost.
    /// </summary>
    private IEnumerable<Guid?> ProfessionalsChosen()
    {
        var posted = Request.HasFormContentType ? Request.Form.Where(f => f.Key.StartsWith("details.", StringComparison.Ordinal)).SelectMany(f => f.Value) : [];
        var named = Original is { } original ? Core.Chronology.Withholding.IdsIn(original.Entry).Select(g => g.ToString()) : [];
        return posted.Concat(named).Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null);
    }

    /// <summary>Opens the case and everything the form offers; a refusal to answer instead, or null.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        // The case is open, so the user works with children (OpenChildFilter: ChildAccess sees no child for other roles).
        var open = Case;
        var entries = await VisibleChronology.ForChildAsync(db, access, open.Child, open.PartnershipId, null, ct);
        if (Corrects is { } corrects)
        {
            Original = entries.FirstOrDefault(i => i.Entry.Id == corrects);
            if (Original is null) return NotFound();
        }
        Chosen = EntryKinds.Find(Kind) ?? (Original is not null ? EntryKinds.Find(Original.Entry.Kind) : null);
        if (Chosen is not null) Fields = EntryForm.FieldsOf(Chosen.DetailsType);

        var circle = await Core.Record.Family.AroundChildAsync(db, Id, ct);
        var people = new List<Person>();
        // Only the people the user may see are offered (a sibling they may not see is not named): the write is refused for anyone else anyway.
        foreach (var person in await db.People.AsNoTracking().Where(p => circle.Contains(p.Id) && p.PartnershipId == open.PartnershipId).ToListAsync(ct))
            if (await access.MaySeePersonAsync(person.Id, ct)) people.Add(person);
        Family = [.. people.OrderBy(p => p.Id == Id ? 0 : 1).ThenBy(p => p.DisplayName).Select(p => (p.Id, p.DisplayName))];
        Unborn = people.Where(p => p.Kind == PersonKind.UnbornChild).Select(p => p.Id).ToHashSet();
        var agency = open.User.Agency?.Kind;
        var fitting = EntryKinds.All.Where(k => LifeStages.Fits(k, open.Person)).OrderBy(k => k.Label, StringComparer.Ordinal).ToList();
        UsualKinds = [.. fitting.Where(k => k.IsUsualFor(agency))];
        OtherKinds = [.. fitting.Where(k => !k.IsUsualFor(agency))];
        Choices[ReferenceTarget.Person] = [.. Family.Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
        EntryOptions = [.. entries.Select(i => (i.Entry.Kind, new SelectListItem($"{Web.Children.Display.Occurred(i.Entry)}: {i.KindLabel} ({i.Agency})", i.Entry.Id.ToString())))];
        Choices[ReferenceTarget.Entry] = [.. EntryOptions.Select(o => o.Item)];
        if (Alert is { } alertId)
        {
            var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId && a.SubjectPersonId == Id && a.PartnershipId == open.PartnershipId, ct);
            var visible = entries.Select(i => i.Entry.Id).ToHashSet();
            AlertEvidence = (alert?.Evidence ?? []).Where(visible.Contains).ToHashSet();
        }
        Choices[ReferenceTarget.Professional] = [.. (await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "", ProfessionalsChosen(), Everyone, ct)).Skip(1)];
        if (Chosen?.Code == EntryKinds.ContactDecision.Code)
            AllocationChoices = [.. (await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == open.PartnershipId && Allocation.HoldingRoles.Contains(p.Role))
                    .Join(db.Agencies.AsNoTracking().Where(a => a.Kind == AgencyKind.ChildrensSocialCare), p => p.AgencyId, a => a.Id, (p, a) => new { p.Id, p.Name, Agency = a.Name })
                    .ToListAsync(ct))
                .OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p => new SelectListItem($"{p.Name} ({p.Agency})", p.Id.ToString()))];
        // Each agency once (the same agency recorded twice is one choice), the team's agencies first.
        var teamAgencies = (await Core.TeamAroundChild.ChildTeam.LoadAsync(db, Id, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct))?.Members.Select(m => m.AgencyId).ToHashSet() ?? [];
        Choices[ReferenceTarget.Agency] = [.. Forms.AgencyChoices.Of("", await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == open.PartnershipId).ToListAsync(ct), teamAgencies, null).Skip(1)];
        var visiblePeople = people.Select(p => p.Id).ToList();
        var homes = await db.HouseholdMemberships.AsNoTracking().Where(m => visiblePeople.Contains(m.PersonId)).Select(m => m.HouseholdId).Distinct().ToListAsync(ct);
        Choices[ReferenceTarget.Household] = [.. (await db.Households.AsNoTracking().Where(h => homes.Contains(h.Id)).ToListAsync(ct))
            .Select(h => new SelectListItem(h.Name, h.Id.ToString()))];
        return null;
    }
}
