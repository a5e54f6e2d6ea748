using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Children;
using Chronicle.Web.Chronology;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>An entry that caused an alert, as the reader may see it in the child's chronology.</summary>
/// <remarks><paramref name="KindCode"/> is the entry kind's code, for the steps that answer it.</remarks>
public sealed record EvidenceView(Guid EntryId, string Occurred, string Agency, string Kind, string Summary, string KindCode = "");

/// <summary>One step of an alert's life: what, when, by whom, to whom, why.</summary>
public sealed record HistoryView(AlertEventType Type, DateTimeOffset At, string? By, string? To, string? Reason)
{
    public string What => Type switch
    {
        AlertEventType.Raised => "Raised",
        AlertEventType.Acknowledged => "Acknowledged",
        AlertEventType.Resolved => "Resolved",
        AlertEventType.Closed => "Closed",
        AlertEventType.Escalated => "Escalated",
        AlertEventType.Updated => "Brought up to date",
        _ => Type.ToString(),
    };
}

/// <summary>
/// An alert as a reader sees it: the safeguard and the lessons it carries, the child, the owner, whether it is
/// overdue, the evidence entries the reader may see (and how many they may not), and its history.
/// </summary>
public sealed record AlertView(
    Alert Alert,
    ISafeguard? Safeguard,
    string Child,
    string Owner,
    string? EscalatedTo,
    bool Overdue,
    IReadOnlyList<EvidenceView> Evidence,
    int HiddenEvidence,
    IReadOnlyList<HistoryView> History,
    WithheldNames? Withheld = null)
{
    /// <summary>
    /// What was found, as the reader may see it: the safeguard wrote it from the whole family's record, so a person
    /// around the child whom the reader may not see is named only as someone they do not have access to. Empty until
    /// <see cref="AlertReader"/> has asked whom the reader may see (<see cref="ChildAccess.NamesWithheldAroundAsync"/>).
    /// </summary>
    public string Summary => Withheld?.In(Alert.Summary) ?? "";
    /// <summary>What the alert asks for, withheld as <see cref="Summary"/> is.</summary>
    public string AskFor => Withheld?.In(Alert.AskFor) ?? "";
    public Guid Id => Alert.Id;
    public Guid ChildId => Alert.SubjectPersonId;
    public string Title => Safeguard?.Title ?? Alert.SafeguardId;
    public IReadOnlyList<Lesson> Lessons => Safeguard?.Lessons ?? [];
    public string Status => AlertText.Status(Alert.Status);
}

/// <summary>Words for alerts, shared by the pages and the API.</summary>
public static class AlertText
{
    public static string Status(AlertStatus status) => status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Acknowledged => "Acknowledged",
        AlertStatus.Resolved => "Resolved",
        AlertStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Severity(Severity severity) => severity switch
    {
        Core.Safeguards.Severity.Urgent => "Urgent",
        Core.Safeguards.Severity.Action => "Action",
        Core.Safeguards.Severity.Prompt => "Prompt",
        _ => severity.ToString(),
    };

    /// <summary>What the severity asks of the reader, in the catalogue's words.</summary>
    public static string SeverityMeaning(Severity severity) => severity switch
    {
        Core.Safeguards.Severity.Urgent => "act today",
        Core.Safeguards.Severity.Action => "act by the due time",
        _ => "consider and record a decision",
    };

    public static string SeverityColour(Severity severity) => severity switch
    {
        Core.Safeguards.Severity.Urgent => "red",
        Core.Safeguards.Severity.Action => "orange",
        _ => "blue",
    };

    public static string StatusColour(AlertStatus status) => status switch
    {
        AlertStatus.Open => "red",
        AlertStatus.Acknowledged => "yellow",
        AlertStatus.Resolved => "green",
        _ => "grey",
    };

    /// <summary>Names as a sentence says them: "A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };

    /// <summary>A lesson's source, in words: "From the review of Baby R: What we know about the family and what happened".</summary>
    public static string Source(Lesson lesson) => $"From the review of {lesson.Case}: {lesson.Finding}";
}

/// <summary>Reads alerts for pages and the API, through <see cref="ChildAccess"/>: only alerts on children the user may see, only evidence they may see.</summary>
public static class AlertReader
{
    /// <summary>Every alert about a child the user may see: open ones first (overdue, then the most severe, then the soonest due), then the rest, newest first.</summary>
    public static async Task<IReadOnlyList<AlertView>> ForChildAsync(ChronicleDb db, ChildAccess access, VisibleChild child, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PartnershipId == partnershipId && a.SubjectPersonId == child.ChildId).ToListAsync(ct);
        if (alerts.Count == 0) return [];
        var chronology = await EvidenceAsync(db, access, child, partnershipId, alerts, ct);
        var history = await HistoryAsync(db, [.. alerts.Select(a => a.Id)], ct);
        var names = await NamesAsync(db, partnershipId, alerts, history.Values.SelectMany(h => h), ct);
        var withheld = await access.NamesWithheldAroundAsync(child.ChildId, ct);
        return [.. Order(alerts, now).Select(a => View(a, names, now, chronology, history.GetValueOrDefault(a.Id) ?? []) with { Withheld = withheld })];
    }

    /// <summary>One alert with its evidence and history, if its child is visible to the user; null otherwise.</summary>
    public static async Task<AlertView?> OneAsync(ChronicleDb db, ChildAccess access, Guid alertId, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId && a.PartnershipId == partnershipId, ct);
        if (alert is null || await access.ChildAsync(alert.SubjectPersonId, ct) is not { } child) return null;
        var chronology = await EvidenceAsync(db, access, child, partnershipId, [alert], ct);
        var history = await HistoryAsync(db, [alert.Id], ct);
        var names = await NamesAsync(db, partnershipId, [alert], history.Values.SelectMany(h => h), ct);
        return View(alert, names, now, chronology, history.GetValueOrDefault(alert.Id) ?? []) with { Withheld = await access.NamesWithheldAroundAsync(child.ChildId, ct) };
    }

    /// <summary>
    /// A child's open alerts as family events, the most urgent first: each with the open alerts the same safeguard
    /// raised from the same entries about the other children the user may see (siblings are named, never counted).
    /// </summary>
    public static async Task<IReadOnlyList<AlertGroup>> OpenFamilyEventsAsync(ChronicleDb db, ChildAccess access, Guid childId, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && a.SubjectPersonId == childId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync(ct);
        if (open.Count == 0) return [];
        var keys = open.Select(AlertGroup.Key).ToHashSet();
        var safeguards = open.Select(a => a.SafeguardId).Distinct().ToList();
        var causes = open.Select(a => a.CauseKey).Distinct().ToList();
        // The other children's open alerts of the same events (their safeguard and cause, then their evidence), and of
        // those only the children the user may see: never the user's whole caseload asked about.
        var ofEvents = (await db.Alerts.AsNoTracking()
                .Where(a => a.PartnershipId == partnershipId && a.SubjectPersonId != childId && safeguards.Contains(a.SafeguardId) && causes.Contains(a.CauseKey)
                            && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync(ct))
            .Where(a => keys.Contains(AlertGroup.Key(a))).ToList();
        var visible = (await access.VisibleAmongAsync([.. ofEvents.Select(a => a.SubjectPersonId).Distinct()], ct)).Select(v => v.ChildId).ToHashSet();
        var siblings = ofEvents.Where(a => visible.Contains(a.SubjectPersonId)).ToList();
        return AlertGroup.Of(await SummariesAsync(db, access, [.. open, .. siblings], partnershipId, now, ct), now, childId);
    }

    /// <summary>
    /// The family event an alert belongs to, as the reader may see it: this alert and the alerts the same safeguard
    /// raised from the same entries about the children around this child whom the reader may see, whatever their
    /// status (for a list: no evidence or history), this alert first.
    /// </summary>
    public static async Task<IReadOnlyList<AlertView>> FamilyEventAsync(ChronicleDb db, ChildAccess access, Alert alert, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        var circle = await Core.Record.Family.AroundChildAsync(db, alert.SubjectPersonId, ct);
        var key = AlertGroup.Key(alert);
        var others = (await db.Alerts.AsNoTracking()
                .Where(a => a.PartnershipId == partnershipId && a.SafeguardId == alert.SafeguardId && a.SubjectPersonId != alert.SubjectPersonId && circle.Contains(a.SubjectPersonId))
                .ToListAsync(ct))
            .Where(a => AlertGroup.Key(a) == key).ToList();
        // A sibling seen only through break glass is left out: the event is acted on as one, and break glass never acts on alerts.
        var visible = (await access.VisibleAmongAsync([.. others.Select(a => a.SubjectPersonId).Distinct()], ct))
            .Where(v => v.Basis != Core.Security.AccessBasis.BreakGlass).Select(v => v.ChildId).ToHashSet();
        // A child with several alerts of the event (raised again after one was settled): their latest stands for them.
        var siblings = others.Where(a => visible.Contains(a.SubjectPersonId)).GroupBy(a => a.SubjectPersonId).Select(g => g.MaxBy(a => a.RaisedAt)!);
        return await SummariesAsync(db, access, [alert, .. siblings], partnershipId, now, ct);
    }

    /// <summary>Alerts for a list (no evidence or history), in the order given, their texts withheld for the reader.</summary>
    public static async Task<IReadOnlyList<AlertView>> SummariesAsync(ChronicleDb db, ChildAccess access, IReadOnlyList<Alert> alerts, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default) =>
        await WithTextsAsync(access, await ListedAsync(db, alerts, partnershipId, now, ct), ct);

    /// <summary>
    /// Alerts for a list before their texts are read for the reader (<see cref="AlertView.Summary"/> is empty): a
    /// long list is grouped and paged first, and only the page shown is given its texts (<see cref="WithTextsAsync"/>).
    /// </summary>
    public static async Task<IReadOnlyList<AlertView>> ListedAsync(ChronicleDb db, IReadOnlyList<Alert> alerts, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default)
    {
        if (alerts.Count == 0) return [];
        var names = await NamesAsync(db, partnershipId, alerts, [], ct);
        return [.. alerts.Select(a => View(a, names, now, null, []))];
    }

    /// <summary>The names alerts show: their children, owners and whom they were escalated to, and who acted in their history.</summary>
    private static Task<Names> NamesAsync(ChronicleDb db, Guid partnershipId, IReadOnlyList<Alert> alerts, IEnumerable<AlertEvent> events, CancellationToken ct) =>
        ChronologyReader.NamesAsync(db, partnershipId, alerts.Select(a => a.SubjectPersonId),
            alerts.SelectMany(a => new[] { a.OwnerProfessionalId, a.EscalatedToProfessionalId })
                .Concat(events.SelectMany(e => new[] { e.ByProfessionalId, e.ToProfessionalId })).OfType<Guid>(), ct);

    /// <summary>The alerts with their texts, each withheld for the reader by its child's circle (the circles of all their children read together).</summary>
    public static async Task<IReadOnlyList<AlertView>> WithTextsAsync(ChildAccess access, IReadOnlyList<AlertView> views, CancellationToken ct = default)
    {
        if (views.Count == 0) return [];
        var withheld = await access.NamesWithheldAroundAsync([.. views.Select(v => v.ChildId).Distinct()], ct);
        return [.. views.Select(v => v with { Withheld = withheld[v.ChildId] })];
    }

    /// <summary>Family events with their texts, withheld for the reader (<see cref="WithTextsAsync(ChildAccess, IReadOnlyList{AlertView}, CancellationToken)"/>).</summary>
    public static async Task<IReadOnlyList<AlertGroup>> WithTextsAsync(ChildAccess access, IReadOnlyList<AlertGroup> groups, CancellationToken ct = default)
    {
        var views = await WithTextsAsync(access, [.. groups.SelectMany(g => g.Alerts)], ct);
        var byId = views.ToDictionary(v => v.Id);
        return [.. groups.Select(g => new AlertGroup([.. g.Alerts.Select(a => byId[a.Id])]))];
    }

    /// <summary>Open alerts first: the overdue, then the most severe, then the soonest due; then the others, most recently raised first.</summary>
    public static IEnumerable<Alert> Order(IEnumerable<Alert> alerts, DateTimeOffset now) => alerts
        .OrderByDescending(a => a.Status == AlertStatus.Open)
        .ThenByDescending(a => a.IsOpen)
        .ThenByDescending(a => a.IsOpen && a.DueAt < now)
        .ThenByDescending(a => a.IsOpen ? (int)a.Severity : 0)
        .ThenBy(a => a.IsOpen ? a.DueAt : DateTimeOffset.MaxValue)
        .ThenByDescending(a => a.RaisedAt);

    private static AlertView View(Alert alert, Names names, DateTimeOffset now, IReadOnlyDictionary<Guid, ChronologyItem>? chronology, IReadOnlyList<AlertEvent> events)
    {
        var evidence = new List<EvidenceView>();
        var hidden = 0;
        if (chronology is not null)
            foreach (var id in alert.Evidence)
            {
                if (chronology.TryGetValue(id, out var item))
                    evidence.Add(new EvidenceView(id, Display.Occurred(item.Entry), item.Agency, item.KindLabel, item.Summary, item.Entry.Kind));
                else hidden++;
            }
        return new AlertView(
            alert,
            SafeguardCatalogue.Find(alert.SafeguardId),
            names.Person(alert.SubjectPersonId),
            alert.OwnerProfessionalId is null ? "No one named" : names.Professional(alert.OwnerProfessionalId),
            alert.EscalatedToProfessionalId is null ? null : names.Professional(alert.EscalatedToProfessionalId),
            alert.IsOpen && alert.DueAt < now,
            evidence,
            hidden,
            [.. events.Select(e => new HistoryView(e.Type, e.At, e.ByProfessionalId is null ? null : names.Professional(e.ByProfessionalId),
                e.ToProfessionalId is null ? null : names.Professional(e.ToProfessionalId), e.Reason))]);
    }

    /// <summary>The alerts' evidence entries the user may see, read from the child's chronology (only those entries' details are read).</summary>
    private static async Task<Dictionary<Guid, ChronologyItem>> EvidenceAsync(ChronicleDb db, ChildAccess access, VisibleChild child, Guid partnershipId, IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        var wanted = alerts.SelectMany(a => a.Evidence).ToHashSet();
        var visible = await VisibleChronology.EntriesAsync(db, access, child, partnershipId, null, ct);
        return (await visible.ItemsAsync(visible.Entries.Where(e => wanted.Contains(e.Id)), ct)).ToDictionary(i => i.Entry.Id);
    }

    private static async Task<Dictionary<Guid, List<AlertEvent>>> HistoryAsync(ChronicleDb db, List<Guid> alertIds, CancellationToken ct) =>
        (await db.AlertEvents.AsNoTracking().Where(e => alertIds.Contains(e.AlertId)).ToListAsync(ct))
            .GroupBy(e => e.AlertId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ThenBy(e => e.Id).ToList());
}
