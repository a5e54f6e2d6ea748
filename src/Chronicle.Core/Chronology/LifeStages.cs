using System.Reflection;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology;

/// <summary>Whether something can be about a child before the birth, after it, or either.</summary>
public enum LifeStage { Any, Unborn, Born }

/// <summary>A value that can be about a child only before the birth (a pre-birth assessment) or only after it (a new birth visit).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ForChildAttribute(LifeStage stage) : Attribute
{
    public LifeStage Stage { get; } = stage;
}

/// <summary>
/// What can be recorded about a child as they are: a birth only for a child not yet born, an injury or police
/// protection only for one who is; a pre-birth assessment only before the birth, a new birth visit only after it.
/// </summary>
public static class LifeStages
{
    /// <summary>The child's stage now: unborn until a birth is recorded.</summary>
    public static LifeStage Of(Person child) => child.Kind == PersonKind.UnbornChild ? LifeStage.Unborn : LifeStage.Born;

    /// <summary>
    /// The child's stage when something happened, as precisely as the date is known; null when the date cannot place it
    /// against the birth (not known, an estimate, or a month or year the birth falls in, or no date of birth on record).
    /// A child not yet born was unborn whenever it was. With no date given (<paramref name="precision"/> other than
    /// Unknown), it is now.
    /// </summary>
    public static LifeStage? When(Person child, DateTimeOffset? at, DatePrecision precision)
    {
        if (Of(child) == LifeStage.Unborn) return LifeStage.Unborn;
        if (at is not { } when) return precision == DatePrecision.Unknown ? null : LifeStage.Born;
        if (child.DateOfBirth is not { } born) return null;
        var day = WorkingDayCalendar.UkDate(when);
        (DateOnly First, DateOnly Last)? span = precision switch
        {
            DatePrecision.Exact or DatePrecision.Day => (day, day),
            DatePrecision.Month => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
            DatePrecision.Year => (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
            _ => null,
        };
        return span switch
        {
            { } s when s.Last < born => LifeStage.Unborn,
            { } s when s.First >= born => LifeStage.Born,
            _ => null,
        };
    }

    public static LifeStage Of(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<ForChildAttribute>()?.Stage ?? LifeStage.Any;

    public static bool Fits(LifeStage wanted, LifeStage child) => wanted == LifeStage.Any || wanted == child;

    /// <summary>The kinds that can be recorded about this child now.</summary>
    public static bool Fits(EntryKind kind, Person child) => Fits(kind.ForChild, Of(child));

    /// <summary>
    /// Why this entry cannot be about the child, by field: a kind that cannot apply to them now, or a value that could
    /// not apply when it happened. Empty when it can.
    /// </summary>
    /// <remarks>
    /// The kind is asked of the child as they are now (a child not yet born was unborn whenever it happened; only a birth
    /// needs a child not yet born). A value is asked of the child when it happened, as precisely as the date places it
    /// (<see cref="When"/>); a date that cannot place it refuses nothing.
    /// </remarks>
    public static IReadOnlyList<FieldError> Refusals(EntryKind kind, EntryDetails? details, Person child, DateTimeOffset? at, DatePrecision precision = DatePrecision.Exact)
    {
        var name = child.DisplayName;
        if (!Fits(kind, child))
            return [new FieldError("kind", Of(child) == LifeStage.Born
                ? $"{name} is already born: a {kind.Label.ToLowerInvariant()} entry cannot be about them"
                : $"{name} is not born yet: a {kind.Label.ToLowerInvariant()} entry cannot be about them")];
        if (details is null || When(child, at, precision) is not { } stage) return [];
        var errors = new List<FieldError>();
        foreach (var property in details.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(details) is not Enum value || Fits(Of(value), stage)) continue;
            var field = $"details.{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}";
            errors.Add(new FieldError(field, stage == LifeStage.Born
                ? $"{Labels.Of(value)} is only before a birth, and {name} was already born then: select another"
                : $"{Labels.Of(value)} is only after a birth, and {name} was not born then: select another"));
        }
        return errors;
    }
}
