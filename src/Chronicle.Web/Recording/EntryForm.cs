using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chronicle.Core.Chronology;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.TeamAroundChild;

namespace Chronicle.Web.Recording;

/// <summary>How a detail is asked for on the form.</summary>
public enum FieldInput { Text, LongText, Number, Date, DateTime, YesNo, YesNoUnknown, Choice, Choices, Reference, References, Lines, Group }

/// <summary>One detail of a kind of entry as a form field: its name in the JSON (camelCase), label and input.</summary>
public sealed record DetailField(string Name, string Label, FieldInput Input, bool Required, Type? EnumType, ReferenceTarget? Target, IReadOnlyList<DetailField> Children);

/// <summary>
/// The form for a kind of entry, generated from the kind's details record, and the JSON the API takes built back
/// from what was typed. Nothing is guessed: a blank field is left out, so the details record's own rules (and its
/// defaults, such as "not recorded") decide, exactly as for an API write.
/// </summary>
public static class EntryForm
{
    /// <summary>How many rows a list of items (actions, plan items, attendance) offers.</summary>
    public const int GroupRows = 3;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly HashSet<string> LongTexts = ["Text", "Description", "Findings", "SafetyPlan", "Detail", "Observations", "Notes", "Summary", "Reasons", "Reason", "Rationale", "Conclusion", "Information", "RiskFactors", "Explanation"];

    /// <summary>Labels the details' names do not say well by themselves.</summary>
    private static readonly Dictionary<string, string> Labels = new() { ["AllocatedToProfessionalId"] = "Allocate to" };

    /// <summary>Whether a field names the worker a decision allocates the case to: offered only those who may hold a case.</summary>
    public static bool IsAllocation(DetailField field) => field.Input == FieldInput.Reference && field.Target == ReferenceTarget.Professional && field.Name == "allocatedToProfessionalId";

    public static IReadOnlyList<DetailField> FieldsOf(Type detailsType) =>
        [.. detailsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0)
            .Select(Field)];

    /// <summary>The details as JSON from the posted form; values that cannot be read are errors by field.</summary>
    public static JsonObject Build(IReadOnlyList<DetailField> fields, Func<string, string[]> form, string prefix, Problems problems)
    {
        var json = new JsonObject();
        foreach (var f in fields)
        {
            var path = $"{prefix}.{f.Name}";
            var values = form(path).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
            var value = values.FirstOrDefault();
            switch (f.Input)
            {
                case FieldInput.Group:
                    var rows = new List<JsonObject>();
                    for (var i = 0; i < GroupRows; i++) rows.Add(Build(f.Children, form, $"{path}[{i}]", problems));
                    // Rows up to the last one filled in are sent, so that an error names the row the user sees.
                    var last = rows.FindLastIndex(r => r.Count > 0);
                    if (last >= 0) json[f.Name] = new JsonArray([.. rows.Take(last + 1)]);
                    break;
                case FieldInput.Choices or FieldInput.References or FieldInput.Lines:
                    var items = f.Input == FieldInput.Lines ? values.SelectMany(v => v.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray() : values;
                    if (items.Length > 0) json[f.Name] = new JsonArray([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);
                    break;
                case FieldInput.Number when value is not null:
                    if (int.TryParse(value, NumberStyles.Integer, English, out var number)) json[f.Name] = number;
                    else problems.Add(path, $"{f.Label} must be a whole number");
                    break;
                case FieldInput.Date when value is not null:
                    if (Forms.DateText.Read(value, path, f.Label, problems) is { } day) json[f.Name] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case FieldInput.DateTime when value is not null:
                    if (Forms.DateText.ReadDateTime(value, path, f.Label, problems) is { } at) json[f.Name] = at.ToString("o", CultureInfo.InvariantCulture);
                    break;
                case FieldInput.YesNo or FieldInput.YesNoUnknown when value is "yes" or "no":
                    json[f.Name] = value == "yes";
                    break;
                case FieldInput.YesNo or FieldInput.YesNoUnknown:
                    break;
                default:
                    if (value is not null) json[f.Name] = value;
                    break;
            }
        }
        return json;
    }

    /// <summary>An entry's stored details as form values, to pre-fill a correction.</summary>
    public static void Flatten(IReadOnlyList<DetailField> fields, JsonElement json, string prefix, Dictionary<string, string[]> into)
    {
        if (json.ValueKind != JsonValueKind.Object) return;
        foreach (var f in fields)
        {
            if (!json.TryGetProperty(f.Name, out var v) || v.ValueKind == JsonValueKind.Null) continue;
            var path = $"{prefix}.{f.Name}";
            switch (f.Input)
            {
                case FieldInput.Group when v.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var row in v.EnumerateArray().Take(GroupRows)) Flatten(f.Children, row, $"{path}[{i++}]", into);
                    break;
                case FieldInput.Lines when v.ValueKind == JsonValueKind.Array:
                    into[path] = [string.Join("\n", v.EnumerateArray().Select(Text))];
                    break;
                case FieldInput.Choices or FieldInput.References when v.ValueKind == JsonValueKind.Array:
                    into[path] = [.. v.EnumerateArray().Select(Text)];
                    break;
                case FieldInput.YesNo or FieldInput.YesNoUnknown:
                    into[path] = [v.ValueKind == JsonValueKind.True ? "yes" : "no"];
                    break;
                case FieldInput.DateTime when v.TryGetDateTimeOffset(out var at):
                    into[path] = [TimeZoneInfo.ConvertTime(at, WorkingDayCalendar.UkTime).ToString("d/M/yyyy HH:mm", English)];
                    break;
                case FieldInput.Date when v.ValueKind == JsonValueKind.String && DateOnly.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var day):
                    into[path] = [day.ToString("d/M/yyyy", English)];
                    break;
                default:
                    into[path] = [Text(v)];
                    break;
            }
        }
    }

    /// <summary>The free-text details that say what happened, in the recorder's words: a form with one asks no separate summary.</summary>
    private static readonly HashSet<string> WhatHappened = ["observations", "text", "notes", "summary", "detail"];

    public static bool SaysWhatHappened(DetailField field) => field.Input == FieldInput.LongText && WhatHappened.Contains(field.Name);

    /// <summary>A list of the people seen: an unborn child is never one of them.</summary>
    public static bool IsPeopleSeen(DetailField field) => field.Input == FieldInput.References && field.Target == ReferenceTarget.Person && field.Name == "peopleSeen";

    /// <summary>
    /// The yes/no questions that are about the child, asked and answered in their name ("Was Mia Carter seen?"): the
    /// question and the error when it is not answered, each with {0} for the child's name.
    /// </summary>
    private static readonly Dictionary<string, (string Question, string Missing)> ChildQuestions = new()
    {
        ["childSeen"] = ("Was {0} seen?", "Select whether {0} was seen"),
        ["childSeenAlone"] = ("Was {0} seen alone?", "Select whether {0} was seen alone"),
        ["accessGained"] = ("Did the visitor get into the home?", "Select whether the visitor got into the home"),
    };

    /// <summary>A yes/no detail as the question the form asks, naming the child where it is about them.</summary>
    public static string Question(DetailField field, string childName) =>
        ChildQuestions.TryGetValue(field.Name, out var q) ? string.Format(English, q.Question, childName) : field.Label;

    /// <summary>What a required choice left unchosen asks for, where its label alone does not say it ("the about").</summary>
    private static readonly Dictionary<string, string> ChoiceMissing = new()
    {
        ["aboutEntryId"] = "Select the entry the decision is about",
    };

    /// <summary>
    /// Each required yes/no left unanswered, refused in the form's own words ("Select whether Mia Carter was seen"); and
    /// each required choice (a list, radios or checkboxes) left unchosen, as GOV.UK words it: "Select the type", not "Enter".
    /// </summary>
    public static void RequireAnswers(IReadOnlyList<DetailField> fields, Func<string, string[]> form, string prefix, string childName, Problems problems)
    {
        foreach (var f in fields.Where(f => f.Required))
        {
            var path = $"{prefix}.{f.Name}";
            if (f.Input == FieldInput.YesNo)
            {
                if (form(path).Any(v => v is "yes" or "no")) continue;
                problems.Add(path, ChildQuestions.TryGetValue(f.Name, out var q) ? string.Format(English, q.Missing, childName) : $"Select yes or no for {f.Label.ToLowerInvariant()}");
            }
            else if (f.Input is FieldInput.Choice or FieldInput.Choices or FieldInput.Reference or FieldInput.References && !form(path).Any(v => !string.IsNullOrWhiteSpace(v)))
                problems.Add(path, ChoiceMissing.GetValueOrDefault(f.Name) ?? $"Select the {f.Label.ToLowerInvariant()}");
        }
    }

    /// <summary>An enum value as the JSON names it ("not-independently-mobile").</summary>
    public static string Code(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>When it happened, as typed: "27/3/2015 10:30", "27/3/2015", "3/2015" or "2015", with the precision the typing shows.</summary>
    public static (DateTimeOffset? At, DatePrecision? Shown) ParseOccurred(string? text, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var trimmed = text.Trim();
        if (Forms.DateText.TryParseDateTime(trimmed, out var at))
            return (at, trimmed.Contains(':', StringComparison.Ordinal) ? DatePrecision.Exact : DatePrecision.Day);
        if (DateTime.TryParseExact(trimmed, ["M/yyyy", "MMMM yyyy", "MMM yyyy", "yyyy-MM"], English, DateTimeStyles.None, out var month))
            return (AtNine(month), DatePrecision.Month);
        if (DateTime.TryParseExact(trimmed, "yyyy", English, DateTimeStyles.None, out var year))
            return (AtNine(year), DatePrecision.Year);
        problems.Add("occurredAt", "When it happened must be a real date, for example 27/3/2015 10:30, 27/3/2015, 3/2015 or 2015");
        return (null, null);
    }

    private static DateTimeOffset AtNine(DateTime day)
    {
        var local = day.Date.AddHours(9);
        return new DateTimeOffset(local, WorkingDayCalendar.UkTime.GetUtcOffset(local));
    }

    private static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

    private static DetailField Field(PropertyInfo p)
    {
        var name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
        var required = p.IsDefined(typeof(RequiredMemberAttribute), inherit: false);
        var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        var nullable = Nullable.GetUnderlyingType(p.PropertyType) is not null;
        var label = Labels.GetValueOrDefault(p.Name) ?? Words(p.Name);
        var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        var target = References.TargetOf(p);
        DetailField Make(FieldInput input, Type? enumType = null, IReadOnlyList<DetailField>? children = null) =>
            new(name, label, input, required, enumType, target, children ?? []);
        return type switch
        {
            _ when type == typeof(string) => Make(LongTexts.Contains(p.Name) ? FieldInput.LongText : FieldInput.Text),
            _ when type == typeof(Guid) => Make(target is null ? FieldInput.Text : FieldInput.Reference),
            _ when type == typeof(bool) => Make(nullable ? FieldInput.YesNoUnknown : FieldInput.YesNo),
            _ when type == typeof(int) => Make(FieldInput.Number),
            _ when type == typeof(DateOnly) => Make(FieldInput.Date),
            _ when type == typeof(DateTimeOffset) => Make(FieldInput.DateTime),
            { IsEnum: true } => Make(FieldInput.Choice, type),
            _ when element == typeof(Guid) => Make(target is null ? FieldInput.Lines : FieldInput.References),
            _ when element == typeof(string) => Make(FieldInput.Lines),
            _ when element is { IsEnum: true } => Make(FieldInput.Choices, element),
            _ when element is not null => Make(FieldInput.Group, children: FieldsOf(element)),
            _ => Make(FieldInput.Text),
        };
    }

    private static string Words(string pascal)
    {
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1])) words.Append(' ').Append(char.ToLowerInvariant(c));
            else words.Append(c);
        }
        var text = words.ToString();
        foreach (var suffix in new[] { " person ids", " person id", " entry ids", " entry id", " ids", " id" })
            if (text.EndsWith(suffix, StringComparison.Ordinal)) return text[..^suffix.Length];
        return text;
    }
}
