using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards;

/// <summary>A lesson a safeguard carries: the seed review and the finding it comes from, in the review's words.</summary>
public sealed record Lesson(string Seed, string Case, string Finding, string Quote);

/// <summary>
/// A setting of a safeguard with the catalogue's default. A setting whose default is a whole number takes whole
/// numbers; one with <paramref name="Choices"/> takes one of them.
/// </summary>
public sealed record SettingDefinition(string Key, string Label, string DefaultValue, string Unit, IReadOnlyList<string>? Choices = null)
{
    public bool IsNumber => Choices is null && int.TryParse(DefaultValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// The largest value a partnership may set: a child's whole childhood for a look-back, about ten years for a timescale,
    /// a pregnancy for its weeks. Far beyond any policy's need, and within what the calendar can count.
    /// </summary>
    public int Maximum => Unit switch
    {
        "hours" => 24 * 366,
        "days" => 3660,
        "weeks" => 520,
        "weeks of pregnancy" => 42,
        "months" => 216,
        "years" => 18,
        _ when Unit.StartsWith("working days", StringComparison.Ordinal) => 2600,
        _ => 1000,
    };

    /// <summary>Whether a value is one a partnership may set: a whole number from 0 to <see cref="Maximum"/>, or one of the choices.</summary>
    public string? Refusal(string value) =>
        Choices is { } choices ? (choices.Contains(value.Trim()) ? null : $"Choose one of: {string.Join(", ", choices)}")
        : IsNumber && (!int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > Maximum)
            ? $"Enter a whole number of {Unit} from 0 to {Maximum}"
            : null;
}

/// <summary>
/// What a safeguard finds open in a child's record at a moment: one per cause. A reminder is a step under way within
/// its time (a pathway's next steps, a clock that is near): it belongs in the owner's work, and the engine raises no
/// alert for it. An alert means someone must act and has not.
/// </summary>
public sealed record Finding(
    string CauseKey,
    string Summary,
    string AskFor,
    DateTimeOffset DueAt,
    IReadOnlyList<Guid> Evidence,
    Guid? OwnerProfessionalId = null,
    bool Reminder = false);

/// <summary>Everything a safeguard may consult besides the case file: the time, the calendar, the partnership's policy.</summary>
public sealed record SafeguardContext(DateTimeOffset Now, WorkingDayCalendar Calendar, PolicySettings Policy);

/// <summary>
/// One lesson of the case reviews as a rule over a child's record. A safeguard is pure: given the same case file,
/// moment and policy it finds the same causes. The engine turns new causes into alerts and resolves alerts whose
/// cause is no longer found.
/// </summary>
public interface ISafeguard
{
    string Id { get; }
    int Version { get; }
    string Title { get; }
    Severity Severity { get; }
    IReadOnlyList<Lesson> Lessons { get; }
    IReadOnlyList<SettingDefinition> Settings { get; }
    IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context);

    /// <summary>
    /// The earliest moment after the context's that what <see cref="Evaluate"/> finds in the file could change with
    /// nothing new recorded (a due, warning or expiry time passing), or null if time alone never changes it. Never
    /// later than the true moment: an early answer costs an evaluation, a late one an alert not raised.
    /// </summary>
    DateTimeOffset? NextChange(CaseFile file, SafeguardContext context);
}
