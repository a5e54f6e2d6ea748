namespace Chronicle.Core.Validation;

/// <summary>One thing wrong with an input, named by the field it concerns, in words for the user.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of an operation that can be refused: either a value or the list of what is wrong.</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new(value, []);
    public static Outcome<T> Refused(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A refusal needs at least one error.", nameof(errors)) : new(default, errors);
    public static Outcome<T> Refused(string field, string message) => Refused([new FieldError(field, message)]);

    public T Unwrap() => Succeeded ? Value! : throw new InvalidOperationException(
        "Refused: " + string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Message}")));
}

/// <summary>Collects field errors while an input is checked.</summary>
public sealed class Problems
{
    private readonly List<FieldError> _errors;
    private readonly string _prefix;

    public Problems(string prefix = "") : this(prefix, []) { }

    /// <summary>
    /// A collector that starts with what a form already found wrong (a date it could not read): the input is still
    /// checked in full, and refused while anything at all is wrong.
    /// </summary>
    public Problems(IEnumerable<FieldError>? found) : this("", [.. found ?? []]) { }

    private Problems(string prefix, List<FieldError> errors) => (_prefix, _errors) = (prefix, errors);

    public IReadOnlyList<FieldError> Errors => _errors;
    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new FieldError(Join(_prefix, field), message));
    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors.Select(e => e with { Field = Join(_prefix, e.Field) }));

    public void Required(string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, message);
    }

    public void Required<TValue>(string field, TValue? value, string message) where TValue : struct
    {
        if (value is null) Add(field, message);
    }

    /// <summary>A text within the limits for its field (<see cref="TextLimits"/>), refused in the words the form's label uses.</summary>
    public void Text(string field, string? value, string label)
    {
        if (TextLimits.Problem(value, TextLimits.KindOf(field), label) is { } problem) Add(field, problem);
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max) Add(field, $"{label} must be {max} characters or fewer");
    }

    /// <summary>A collector for a part of the input: its errors are named under <paramref name="field"/> and count here too.</summary>
    public Problems For(string field) => new(Join(_prefix, field), _errors);

    public Outcome<T> Then<T>(Func<T> make) => Any ? Outcome<T>.Refused(_errors) : Outcome<T>.Ok(make());

    private static string Join(string prefix, string field) =>
        prefix.Length == 0 ? field : field.Length == 0 ? prefix : field.StartsWith('[') ? prefix + field : prefix + "." + field;
}
