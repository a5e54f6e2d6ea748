using Chronicle.Core.Safeguards;

namespace Chronicle.Web.Alerts;

public sealed record LessonResponse(string Seed, string Case, string Finding, string Quote)
{
    public static LessonResponse Of(Lesson l) => new(l.Seed, l.Case, l.Finding, l.Quote);
}

public sealed record EvidenceResponse(Guid EntryId, string Occurred, string Agency, string Kind, string Summary);

public sealed record AlertEventResponse(AlertEventType Type, DateTimeOffset At, string? By, string? To, string? Reason);

/// <summary>An alert: what was found and why, the lesson, what to do, by when, who owns it, and its history.</summary>
public sealed record AlertResponse(
    Guid Id,
    string SafeguardId,
    string Title,
    Severity Severity,
    AlertStatus Status,
    Guid ChildId,
    string Child,
    string Summary,
    string AskFor,
    Guid? OwnerProfessionalId,
    string Owner,
    DateTimeOffset RaisedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? EscalatedAt,
    Guid? EscalatedToProfessionalId,
    string? EscalatedTo,
    EvidenceResponse[] Evidence,
    int EvidenceNotShown,
    LessonResponse[] Lessons,
    AlertEventResponse[] History)
{
    public static AlertResponse Of(AlertView v) => new(
        v.Id, v.Alert.SafeguardId, v.Title, v.Alert.Severity, v.Alert.Status, v.ChildId, v.Child, v.Summary, v.AskFor,
        v.Alert.OwnerProfessionalId, v.Owner, v.Alert.RaisedAt, v.Alert.DueAt, v.Overdue, v.Alert.AcknowledgedAt, v.Alert.ClosedAt,
        v.Alert.EscalatedAt, v.Alert.EscalatedToProfessionalId, v.EscalatedTo,
        [.. v.Evidence.Select(e => new EvidenceResponse(e.EntryId, e.Occurred, e.Agency, e.Kind, e.Summary))], v.HiddenEvidence,
        [.. v.Lessons.Select(LessonResponse.Of)],
        [.. v.History.Select(h => new AlertEventResponse(h.Type, h.At, h.By, h.To, h.Reason))]);
}

/// <summary>Closing an alert without the action it asked for: the reason is required and becomes part of the record.</summary>
public sealed record CloseAlertInput(string? Reason);

/// <summary>A change to a policy setting: the new value and why.</summary>
public sealed record PolicyInput(string? Value, string? Reason);

public sealed record PolicyChangeResponse(Guid Id, string Key, string? OldValue, string NewValue, Guid ChangedByProfessionalId, string ChangedBy, DateTimeOffset ChangedAt, string? Reason);

/// <summary>A setting of a safeguard: the partnership's current value beside the catalogue default, and its last change.</summary>
public sealed record SettingResponse(
    string Key,
    string SafeguardId,
    string Label,
    string Unit,
    string Value,
    string DefaultValue,
    bool IsDefault,
    bool IsNumber,
    string[]? Choices,
    PolicyChangeResponse? LastChange);

public sealed record SafeguardResponse(
    string Id,
    int Version,
    string Title,
    Severity Severity,
    string? FiresWhen,
    string? AsksFor,
    string? Told,
    LessonResponse[] Lessons,
    SettingResponse[] Settings,
    int OpenAlerts);
